import type { IdSource, Reply } from '../../../engine/api-module.js';
import { find, listed, put, remove, type Collection } from '../collection.js';
import { errorReply, notFoundOf } from '../errors.js';
import { listPage } from '../paging.js';
import { flowsUsing, inUseMessage } from '../references.js';
import { maskStep } from '../secrets.js';
import type { IntegratorState } from '../state.js';
import type { ExportDoc, ImportDoc, OperationContext } from '../types.js';
import { inUse, newDoc, replacedDoc, writable } from './documents.js';

/**
 * Exports and imports: the same CRUD on two collections. `_connectionId` must name a stored connection (422
 * `invalid_ref`); `apiIdentifier` is the server's; secrets (`webhook.key|token`, `distributed.bearerToken`) are
 * masked on every answer; a delete is refused while a flow uses the step.
 */

interface Kind {
  resource: 'Export' | 'Import';
  path: string;
  collection(state: IntegratorState): Collection<ExportDoc | ImportDoc>;
  /** [SRC] export.md/import.md samples: `e…` for exports, `i…` for imports, then hex. */
  prefix: string;
  examples: { list: string; get: string; inUse: string };
}

const EXPORT: Kind = {
  resource: 'Export', path: '/v1/exports', collection: (s) => s.exports, prefix: 'e', examples: { list: 'exports', get: 'http-export', inUse: 'export-in-use' },
};
const IMPORT: Kind = {
  resource: 'Import', path: '/v1/imports', collection: (s) => s.imports, prefix: 'i', examples: { list: 'imports', get: 'http-import', inUse: 'import-in-use' },
};

type ListCtx = OperationContext<'listExports'> | OperationContext<'listImports'>;
type IdCtx = { state: IntegratorState; params: { _id: string } };
type WriteCtx = { state: IntegratorState; body: object; ids: IdSource; now(): Date };

function list(kind: Kind, ctx: ListCtx): Reply {
  return listPage(ctx, listed(kind.collection(ctx.state)).map(maskStep), kind.path, { full: kind.examples.list });
}

function get(kind: Kind, ctx: IdCtx): Reply {
  const doc = find(kind.collection(ctx.state), ctx.params._id);
  if (!doc) return notFoundOf(kind.resource);
  return { status: 200, body: maskStep(doc), example: kind.examples.get };
}

function create(kind: Kind, ctx: WriteCtx): Reply {
  const refused = badConnectionRef(ctx.state, ctx.body);
  if (refused) return refused;
  const collection = kind.collection(ctx.state);
  const doc = newDoc<ExportDoc | ImportDoc>(collection, ctx, { ...writable(ctx.body, ['apiIdentifier']), apiIdentifier: `${kind.prefix}${ctx.ids.hex(9)}` });
  put(collection, doc);
  return { status: 201, body: maskStep(doc), example: 'created' };
}

/** Whole-document PUT; `apiIdentifier` stays the server's. */
function update(kind: Kind, ctx: WriteCtx & IdCtx): Reply {
  const collection = kind.collection(ctx.state);
  const stored = find(collection, ctx.params._id);
  if (!stored) return notFoundOf(kind.resource);
  const refused = badConnectionRef(ctx.state, ctx.body);
  if (refused) return refused;
  const fields = writable(ctx.body, ['apiIdentifier']);
  const doc = replacedDoc(stored, ctx, stored.apiIdentifier === undefined ? fields : { ...fields, apiIdentifier: stored.apiIdentifier });
  put(collection, doc);
  // The spec names the updated answer after the fixture document's example.
  return { status: 200, body: maskStep(doc), example: 'updated' };
}

function del(kind: Kind, ctx: IdCtx): Reply {
  const id = ctx.params._id;
  const collection = kind.collection(ctx.state);
  if (!find(collection, id)) return notFoundOf(kind.resource);
  const [flow] = flowsUsing(ctx.state, id);
  if (flow) return inUse(kind.examples.inUse, inUseMessage(kind.resource, { kind: 'flow', doc: flow }));
  remove(collection, id);
  return { status: 204 };
}

/** [SRC] celigo/ai error-patterns.md: "Invalid reference: _connectionId", 422 `invalid_ref`. */
function badConnectionRef(state: IntegratorState, body: object): Reply | undefined {
  const ref = (body as { _connectionId?: string })._connectionId;
  if (ref === undefined || find(state.connections, ref)) return undefined;
  return errorReply(422, 'invalid-ref', {
    code: 'invalid_ref', message: 'Invalid reference: _connectionId. Connection not found for the given id.', field: '_connectionId',
  });
}

export const listExports = (ctx: OperationContext<'listExports'>): Reply => list(EXPORT, ctx);
export const getExport = (ctx: OperationContext<'getExport'>): Reply => get(EXPORT, ctx);
export const createExport = (ctx: OperationContext<'createExport'>): Reply => create(EXPORT, ctx);
export const updateExport = (ctx: OperationContext<'updateExport'>): Reply => update(EXPORT, ctx);
export const deleteExport = (ctx: OperationContext<'deleteExport'>): Reply => del(EXPORT, ctx);

export const listImports = (ctx: OperationContext<'listImports'>): Reply => list(IMPORT, ctx);
export const getImport = (ctx: OperationContext<'getImport'>): Reply => get(IMPORT, ctx);
export const createImport = (ctx: OperationContext<'createImport'>): Reply => create(IMPORT, ctx);
export const updateImport = (ctx: OperationContext<'updateImport'>): Reply => update(IMPORT, ctx);
export const deleteImport = (ctx: OperationContext<'deleteImport'>): Reply => del(IMPORT, ctx);
