import type { Reply, ValidationProblem } from '../../../engine/api-module.js';
import { tokenOf } from '../authenticate.js';
import { find, listed, put, remove } from '../collection.js';
import { errorReply, notFoundOf } from '../errors.js';
import { listPage } from '../paging.js';
import { inUseMessage, usersOfScript } from '../references.js';
import { findIntegration } from '../state.js';
import type { AshareDoc, OperationContext, ScriptDoc } from '../types.js';
import { inUse, newDoc, replacedDoc, writable } from './documents.js';

/** Scripts: CRUD ([SRC] gcarbone/celigo-cli, celigo/ai); a delete is refused while a hook names the script. */

export function listScripts(ctx: OperationContext<'listScripts'>): Reply {
  return listPage(ctx, listed(ctx.state.scripts), '/v1/scripts', { full: 'scripts' });
}

export function getScript(ctx: OperationContext<'getScript'>): Reply {
  const doc = find(ctx.state.scripts, ctx.params._id);
  if (!doc) return notFoundOf('Script');
  return { status: 200, body: doc, example: 'usage-hooks' };
}

export function createScript(ctx: OperationContext<'createScript'>): Reply {
  const doc = newDoc<ScriptDoc>(ctx.state.scripts, ctx, writable(ctx.body));
  put(ctx.state.scripts, doc);
  return { status: 201, body: doc, example: 'created' };
}

export function updateScript(ctx: OperationContext<'updateScript'>): Reply {
  const stored = find(ctx.state.scripts, ctx.params._id);
  if (!stored) return notFoundOf('Script');
  const doc = replacedDoc(stored, ctx, writable(ctx.body));
  put(ctx.state.scripts, doc);
  return { status: 200, body: doc, example: 'updated' };
}

export function deleteScript(ctx: OperationContext<'deleteScript'>): Reply {
  const id = ctx.params._id;
  if (!find(ctx.state.scripts, id)) return notFoundOf('Script');
  const [user] = usersOfScript(ctx.state, id);
  if (user) return inUse('script-in-use', inUseMessage('Script', user));
  remove(ctx.state.scripts, id);
  return { status: 204 };
}

/** Users (ashares, [SRC] celigo/ai managing-users). The list pages (and projects) as every list does. */
export function listAshares(ctx: OperationContext<'listAshares'>): Reply {
  // [INF] Users carry no timestamps in the spec; the ones a fixture document gets filled in are not shown.
  const users = listed(ctx.state.ashares).map(({ createdAt: _c, lastModified: _m, ...user }) => user);
  return listPage(ctx, users, '/v1/ashares', { full: 'users' });
}

/** What a user's PUT may change; `_id`, `accepted`, `dismissed`, `lastSignIn`, `sharedWithUser` are the server's. */
const WRITABLE = ['accessLevel', 'integrationAccessLevel', 'accountMFARequired', 'accountSSORequired', 'allowAccessToAPIM', 'allowToEditRetryData', 'disabled'];

/**
 * [SRC] PUT replaces the writable fields; `integrationAccessLevel` is ignored when `accessLevel` is `manage` or
 * `administrator`; 403 for a token without administrator rights: [INF] a token whose user is one of the
 * account's ashares below `administrator` (the account owner's tokens are administrators); the read-only token
 * is refused by `authenticate` already. [INF] An `integrationAccessLevel` naming no integration is 422.
 */
export function updateAshare(ctx: OperationContext<'updateAshare'>): Reply {
  const caller = tokenOf(ctx)?.userId;
  const callerShare = listed(ctx.state.ashares).find((a) => a.sharedWithUser?._id === caller);
  if (callerShare && callerShare.accessLevel !== 'administrator') {
    return errorReply(403, 'forbidden', { code: 'forbidden', message: 'Only an administrator of the account may change the access of its users.' });
  }
  const stored = find(ctx.state.ashares, ctx.params._id);
  if (!stored) return notFoundOf('AShare');
  const body = ctx.body as Record<string, unknown>;
  const levels = ctx.body.integrationAccessLevel ?? [];
  const unknown = levels.findIndex((l) => !findIntegration(ctx.state, l._integrationId));
  if (unknown >= 0) {
    return errorReply(422, 'invalid-field', {
      code: 'invalid_field', message: `integrationAccessLevel names no integration ${levels[unknown]._integrationId}.`, field: `integrationAccessLevel.${unknown}._integrationId`,
    });
  }
  const { accepted, dismissed, lastSignIn, sharedWithUser } = stored;
  const fields: Record<string, unknown> = {};
  for (const key of WRITABLE) if (body[key] !== undefined) fields[key] = body[key];
  if (fields.accessLevel === 'manage' || fields.accessLevel === 'administrator') delete fields.integrationAccessLevel;
  const doc = { _id: stored._id, ...fields, accepted, dismissed, lastSignIn, sharedWithUser } as AshareDoc;
  for (const key of ['accepted', 'dismissed', 'lastSignIn'] as const) if (doc[key] === undefined) delete doc[key];
  put(ctx.state.ashares, doc);
  return { status: 200, body: doc, example: 'updated' };
}

/** A bad user id is its 404; any body failure 422 `invalid_field` (the operation documents only that one). */
export function rejectInvalidAshare(problems: ValidationProblem[]): Reply {
  if (problems.some((p) => p.location === 'path')) return notFoundOf('AShare');
  return errorReply(422, 'invalid-field', problems.map((p) => ({
    code: 'invalid_field' as const,
    message: p.kind === 'enum' && p.field.endsWith('accessLevel')
      ? `${p.field} must be one of ${p.field === 'accessLevel' ? 'monitor, manage, administrator' : 'monitor, manage'}.`
      : `${p.message.charAt(0).toUpperCase()}${p.message.slice(1)}.`,
    ...(p.field ? { field: p.field } : {}),
  })));
}
