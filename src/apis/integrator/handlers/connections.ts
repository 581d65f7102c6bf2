import type { Reply, ValidationProblem } from '../../../engine/api-module.js';
import { find, listed, put, remove } from '../collection.js';
import { errorReply, notFoundOf } from '../errors.js';
import { listPage } from '../paging.js';
import { inUseMessage, stepsUsingConnection } from '../references.js';
import { maskConnection, maskedCredentials } from '../secrets.js';
import type { ConnectionDoc, OperationContext } from '../types.js';
import { inUse, newDoc, replacedDoc, writable } from './documents.js';

/**
 * Connections. Credentials are stored as sent and masked (`******`) in every answer; the stored value is what a
 * ping uses.
 */

/** [SRC] The config object named like the type is required on write; the spec describes these five. */
const CONFIG_BLOCKS = new Set(['http', 'rest', 'netsuite', 'ftp', 's3']);

export function listConnections(ctx: OperationContext<'listConnections'>): Reply {
  return listPage(ctx, listed(ctx.state.connections).map(maskConnection), '/v1/connections', { full: 'connections' });
}

export function getConnection(ctx: OperationContext<'getConnection'>): Reply {
  const doc = find(ctx.state.connections, ctx.params._id);
  if (!doc) return notFoundOf('Connection');
  return { status: 200, body: maskConnection(doc), example: 'http-connection' };
}

/** [INF] `offline` starts false unless sent. */
export function createConnection(ctx: OperationContext<'createConnection'>): Reply {
  const refused = missingConfig(ctx.body);
  if (refused) return refused;
  const fields = writable(ctx.body);
  const doc = newDoc<ConnectionDoc>(ctx.state.connections, ctx, { ...fields, offline: fields.offline ?? false });
  put(ctx.state.connections, doc);
  return { status: 201, body: maskConnection(doc), example: 'created' };
}

/**
 * Whole-document PUT. [INF] A credential sent as the mask is stored literally (the next ping fails); `offline`
 * left out keeps the stored value (it is the server's view of the connection, not a client setting).
 */
export function updateConnection(ctx: OperationContext<'updateConnection'>): Reply {
  const stored = find(ctx.state.connections, ctx.params._id);
  if (!stored) return notFoundOf('Connection');
  const refused = missingConfig(ctx.body);
  if (refused) return refused;
  const fields = writable(ctx.body);
  const doc = replacedDoc(stored, ctx, { ...fields, offline: fields.offline ?? stored.offline ?? false });
  put(ctx.state.connections, doc);
  return { status: 200, body: maskConnection(doc), example: 'updated' };
}

/** [INF] Refused while an export or import uses it. */
export function deleteConnection(ctx: OperationContext<'deleteConnection'>): Reply {
  const id = ctx.params._id;
  if (!find(ctx.state.connections, id)) return notFoundOf('Connection');
  const [user] = stepsUsingConnection(ctx.state, id);
  if (user) return inUse('connection-in-use', inUseMessage('Connection', user));
  remove(ctx.state.connections, id);
  return { status: 204 };
}

export function pingConnection(ctx: OperationContext<'pingConnection'>): Reply {
  return ping(ctx.state.connections, ctx.params._id);
}

/** The context (flow, integration, step) does not change the result. */
export function pingConnectionWithContext(ctx: OperationContext<'pingConnectionWithContext'>): Reply {
  return ping(ctx.state.connections, ctx.params._id);
}

/** A bad id is the connection's 404; a body that is not a ping context is 400 (the POST documents no 422). */
export function rejectInvalidPing(problems: ValidationProblem[]): Reply {
  if (problems.some((p) => p.location === 'path')) return notFoundOf('Connection');
  return errorReply(400, undefined, problems.map((p) => ({
    code: 'invalid_field' as const,
    message: `${p.message.charAt(0).toUpperCase()}${p.message.slice(1)}.`,
    ...(p.field ? { field: p.field } : {}),
  })));
}

/**
 * [INF] Deterministic: the ping fails when a credential is a mask sent back (`******`), when the auth type's
 * credential is missing (basic without a password, token without a token), or when the host is on the reserved
 * `.invalid` top-level domain (RFC 2606: it never resolves). Success sets `offline: false`, failure `true`.
 */
function ping(connections: OperationContext<'pingConnection'>['state']['connections'], id: string): Reply {
  const stored = find(connections, id);
  if (!stored) return notFoundOf('Connection');
  const failure = pingFailure(stored);
  const offline = failure !== undefined;
  if (stored.offline !== offline) put(connections, { ...stored, offline });
  if (failure) return { status: 200, body: { errors: [failure] }, example: 'ping-failed' };
  return { status: 200, body: { status: 'success' }, example: 'ping-success' };
}

function pingFailure(doc: ConnectionDoc): { code: string; message: string } | undefined {
  const url = pingUrl(doc);
  const host = hostOf(url);
  if (host?.endsWith('.invalid')) return { code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND ${host}: the ping request to ${url} could not be sent.` };
  const unauthorized = { code: '401', message: `Unauthorized: the ping request to ${url ?? `connection ${doc._id}`} answered 401.` };
  if (maskedCredentials(doc).length > 0) return unauthorized;
  const auth = doc.http?.auth;
  if (auth?.type === 'basic' && !auth.basic?.password) return unauthorized;
  if (auth?.type === 'token' && !auth.token?.token) return unauthorized;
  return undefined;
}

function pingUrl(doc: ConnectionDoc): string | undefined {
  if (doc.http?.baseURI) return `${doc.http.baseURI}${doc.http.ping?.relativeURI ?? ''}`;
  const rest = doc.rest as { baseURI?: unknown; pingRelativeURI?: unknown } | undefined;
  if (typeof rest?.baseURI === 'string') return `${rest.baseURI}${typeof rest.pingRelativeURI === 'string' ? rest.pingRelativeURI : ''}`;
  return undefined;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** [SRC] celigo/ai: `type: http` needs the `http` object (likewise rest, netsuite, ftp, s3). */
function missingConfig(body: { type: string } & Record<string, unknown>): Reply | undefined {
  if (!CONFIG_BLOCKS.has(body.type) || body[body.type] !== undefined) return undefined;
  return errorReply(422, 'missing-required-field', { code: 'missing_required_field', message: `${body.type} is required.`, field: body.type });
}
