import type { Reply, ValidationProblem } from '../../../engine/api-module.js';
import { getOwn, setOwn } from '../../keyed.js';
import { errorReply, notFound } from '../errors.js';
import { findIntegration, type IntegratorState } from '../state.js';
import type { OperationContext } from '../types.js';

/**
 * The state API ([SRC] `state.md`): any JSON value under a key, for the account (`/v1/state`) and per integration
 * (`/v1/integrations/{_id}/state`, which needs the integration). A PUT answers the plain-text status text:
 * `Created` (201) for a new key, `OK` (200) for an update; the integration-scoped deletes answer 200 `OK`.
 * Keys come from the URL, so lookups ignore inherited properties (`__proto__`, `constructor`).
 */

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

function text(status: 200 | 201, example: string): Reply {
  return { status, body: status === 201 ? 'Created' : 'OK', headers: TEXT, example };
}

/** [INF] Keys in sorted order (the store has no order to give). */
function keysOf(values: Record<string, unknown>): Reply {
  return { status: 200, body: { keys: Object.keys(values).sort() }, example: 'keys' };
}

function keyNotFound(key: string): Reply {
  return errorReply(404, 'state-key-not-found', { code: 'not_found', message: `No state is stored under the key ${key}.`, field: 'key' });
}

function integrationKeyNotFound(id: string, key: string): Reply {
  // The operation names this example `state-key-not-found` (components' `integration-state-key-not-found`).
  return errorReply(404, 'state-key-not-found', {
    code: 'not_found', message: `No state is stored under the key ${key} for integration ${id}.`, field: 'key',
  });
}

/** Stores `value` under `key`: 201 `Created` for a new key, 200 `OK` for an update. */
function putValue(values: Record<string, unknown>, key: string, value: unknown): Reply {
  const existed = Object.hasOwn(values, key);
  setOwn(values, key, value);
  return existed ? text(200, 'updated') : text(201, 'created');
}

// The account's keys.

export function listStateKeys(ctx: OperationContext<'listStateKeys'>): Reply {
  return keysOf(ctx.state.accountState);
}

export function deleteAllState(ctx: OperationContext<'deleteAllState'>): Reply {
  ctx.state.accountState = {};
  return { status: 204 };
}

export function getState(ctx: OperationContext<'getState'>): Reply {
  const { key } = ctx.params;
  if (!Object.hasOwn(ctx.state.accountState, key)) return keyNotFound(key);
  return { status: 200, body: getOwn(ctx.state.accountState, key), example: 'cursor' };
}

export function putState(ctx: OperationContext<'putState'>): Reply {
  return putValue(ctx.state.accountState, ctx.params.key, ctx.body);
}

export function deleteState(ctx: OperationContext<'deleteState'>): Reply {
  const { key } = ctx.params;
  if (!Object.hasOwn(ctx.state.accountState, key)) return keyNotFound(key);
  delete ctx.state.accountState[key];
  return { status: 204 };
}

// An integration's keys: 404 `not-found` while the integration does not exist.

/** The integration's values (created empty on first write), or undefined when there is no such integration. */
function integrationValues(state: IntegratorState, id: string, create = false): Record<string, unknown> | undefined {
  if (!findIntegration(state, id)) return undefined;
  let values = getOwn(state.integrationState, id);
  if (!values && create) setOwn(state.integrationState, id, (values = {}));
  return values ?? {};
}

export function listIntegrationStateKeys(ctx: OperationContext<'listIntegrationStateKeys'>): Reply {
  const values = integrationValues(ctx.state, ctx.params._id);
  if (!values) return notFound();
  return keysOf(values);
}

export function deleteAllIntegrationState(ctx: OperationContext<'deleteAllIntegrationState'>): Reply {
  if (!integrationValues(ctx.state, ctx.params._id)) return notFound();
  delete ctx.state.integrationState[ctx.params._id];
  return text(200, 'deleted');
}

export function getIntegrationState(ctx: OperationContext<'getIntegrationState'>): Reply {
  const { _id: id, key } = ctx.params;
  const values = integrationValues(ctx.state, id);
  if (!values) return notFound();
  if (!Object.hasOwn(values, key)) return integrationKeyNotFound(id, key);
  return { status: 200, body: getOwn(values, key), example: 'sequence' };
}

export function putIntegrationState(ctx: OperationContext<'putIntegrationState'>): Reply {
  const values = integrationValues(ctx.state, ctx.params._id, true);
  if (!values) return notFound();
  return putValue(values, ctx.params.key, ctx.body);
}

export function deleteIntegrationState(ctx: OperationContext<'deleteIntegrationState'>): Reply {
  const { _id: id, key } = ctx.params;
  const values = integrationValues(ctx.state, id);
  if (!values) return notFound();
  if (!Object.hasOwn(values, key)) return integrationKeyNotFound(id, key);
  delete values[key];
  return text(200, 'deleted');
}

/**
 * Schema failures of the state operations: a bad integration id is its 404, a bad key the key's 404, a missing
 * body 400 (the PUTs document no 422).
 */
export function rejectInvalidState(scope: 'account' | 'integration') {
  return (problems: ValidationProblem[]): Reply => {
    const path = problems.find((p) => p.location === 'path');
    if (path) {
      if (scope === 'integration' && path.field === '_id') return notFound();
      return errorReply(404, 'state-key-not-found', { code: 'not_found', message: 'No state is stored under this key.', field: 'key' });
    }
    return errorReply(400, undefined, { code: 'missing_required_field', message: 'A JSON body is required.' });
  };
}
