import type { Reply } from '../../../engine/api-module.js';
import { find, listed, newId, put, remove, type Collection } from '../collection.js';
import { tokenOf } from '../authenticate.js';
import { errorReply, notFound, notFoundOf } from '../errors.js';
import { badFlowRefs, flowConnectionIds, flowDependencies, recordAudit, stepDocs, withGeneratorIds } from '../flow-model.js';
import { listPage } from '../paging.js';
import { findIntegration } from '../state.js';
import type { ExportDoc, FlowDoc, ImportDoc, OperationContext } from '../types.js';
import { newDoc, replacedDoc, writable } from './documents.js';

/**
 * Flows: CRUD (references checked: 422 `invalid_ref`), an integration's flows, clone (a manifest of the copies),
 * dependencies and the audit log. Server-owned: `_id`, `createdAt`, `lastModified`, `lastExecutedAt` (set by runs).
 */

const SERVER_OWNED = ['lastExecutedAt'];

export function listFlows(ctx: OperationContext<'listFlows'>): Reply {
  return listPage(ctx, listed(ctx.state.flows), '/v1/flows', { full: 'flows' });
}

export function listIntegrationFlows(ctx: OperationContext<'listIntegrationFlows'>): Reply {
  const id = ctx.params._id;
  if (!findIntegration(ctx.state, id)) return notFound();
  const flows = listed(ctx.state.flows).filter((f) => f._integrationId === id);
  return listPage(ctx, flows, `/v1/integrations/${id}/flows`, { full: 'flows' });
}

export function getFlow(ctx: OperationContext<'getFlow'>): Reply {
  const flow = find(ctx.state.flows, ctx.params._id);
  if (!flow) return notFoundOf('Flow');
  return { status: 200, body: flow, example: 'orchestrated-flow' };
}

/** [INF] `skipRetries` defaults to false; page generators get an `_id` (as in the created-flow example). */
export function createFlow(ctx: OperationContext<'createFlow'>): Reply {
  const refused = badFlowRefs(ctx.state, ctx.body);
  if (refused) return refused;
  const fields = { skipRetries: false, ...writable(ctx.body, SERVER_OWNED) };
  const flow = withGeneratorIds(newDoc<FlowDoc>(ctx.state.flows, ctx, fields), ctx.ids);
  put(ctx.state.flows, flow);
  recordAudit(ctx.state, ctx, tokenOf(ctx)?.userId, 'create', undefined, flow);
  return { status: 201, body: flow, example: 'created' };
}

/** Whole-document PUT ([SRC] omitted fields are erased); `lastExecutedAt` stays the server's. */
export function updateFlow(ctx: OperationContext<'updateFlow'>): Reply {
  const stored = find(ctx.state.flows, ctx.params._id);
  if (!stored) return notFoundOf('Flow');
  const refused = badFlowRefs(ctx.state, ctx.body);
  if (refused) return refused;
  const replaced = replacedDoc<FlowDoc>(stored, ctx, writable(ctx.body, SERVER_OWNED));
  const flow = withGeneratorIds(stored.lastExecutedAt ? { ...replaced, lastExecutedAt: stored.lastExecutedAt } : replaced, ctx.ids);
  put(ctx.state.flows, flow);
  recordAudit(ctx.state, ctx, tokenOf(ctx)?.userId, 'update', stored, flow);
  return { status: 200, body: flow, example: 'updated' };
}

/** [INF] Only the flow goes: its steps may be shared, and its jobs stay until purged (as on the real API). */
export function deleteFlow(ctx: OperationContext<'deleteFlow'>): Reply {
  const stored = find(ctx.state.flows, ctx.params._id);
  if (!stored) return notFoundOf('Flow');
  remove(ctx.state.flows, stored._id);
  recordAudit(ctx.state, ctx, tokenOf(ctx)?.userId, 'delete', stored, undefined);
  return { status: 204 };
}

export function getFlowDependencies(ctx: OperationContext<'getFlowDependencies'>): Reply {
  const flow = find(ctx.state.flows, ctx.params._id);
  if (!flow) return notFoundOf('Flow');
  return { status: 200, body: flowDependencies(ctx.state, flow), example: 'dependencies' };
}

/** Newest first. */
export function getFlowAudit(ctx: OperationContext<'getFlowAudit'>): Reply {
  const flow = find(ctx.state.flows, ctx.params._id);
  if (!flow) return notFoundOf('Flow');
  return { status: 200, body: [...(ctx.state.audit[flow._id] ?? [])].reverse(), example: 'audit' };
}

/**
 * POST /v1/flows/{_id}/clone: the flow and the exports and imports it uses are copied into `_integrationId`, their
 * connections swapped by `connectionMap` ([SRC] required when the flow uses connections: every one must be mapped,
 * to itself to reuse it; [INF] to a stored connection). The answer is the manifest `[{model, _id, name}]`.
 */
export function cloneFlow(ctx: OperationContext<'cloneFlow'>): Reply {
  const source = find(ctx.state.flows, ctx.params._id);
  if (!source) return notFoundOf('Flow');
  const body = ctx.body;
  if (!findIntegration(ctx.state, body._integrationId)) {
    return errorReply(422, 'invalid-ref', { code: 'invalid_ref', message: 'Integration not found for the given id.', field: '_integrationId' });
  }
  const map = body.connectionMap ?? {};
  const used = flowConnectionIds(ctx.state, source);
  const unmapped = used.filter((id) => !Object.hasOwn(map, id) || !find(ctx.state.connections, map[id]));
  if (unmapped.length > 0) {
    return errorReply(400, 'missing-connection-map', {
      code: 'invalid_connectionMap',
      message: `connectionMap must map every connection the flow uses (${unmapped.join(', ')}).`,
      field: 'connectionMap',
    });
  }
  const { exports, imports } = stepDocs(ctx.state, source);
  // A copy in the target integration, on the mapped connection, with an `apiIdentifier` of its own.
  const copyStep = <T extends ExportDoc | ImportDoc>(doc: T, collection: Collection<T>, prefix: string): T => {
    const fields = writable(structuredClone(doc));
    if (typeof doc._connectionId === 'string') fields._connectionId = map[doc._connectionId];
    fields._integrationId = body._integrationId;
    if (doc.apiIdentifier !== undefined) fields.apiIdentifier = `${prefix}${ctx.ids.hex(9)}`;
    const copy = newDoc<T>(collection, ctx, fields);
    put(collection, copy);
    return copy;
  };
  const exportIds = new Map(exports.map((doc) => [doc._id, copyStep(doc, ctx.state.exports, 'e')]));
  const importIds = new Map(imports.map((doc) => [doc._id, copyStep(doc, ctx.state.imports, 'i')]));
  const newExport = (id?: string) => (id && exportIds.get(id)?._id) ?? id;
  const newImport = (id?: string) => (id && importIds.get(id)?._id) ?? id;
  const fields = writable(structuredClone(source), SERVER_OWNED) as Partial<FlowDoc>;
  const now = ctx.now().toISOString();
  const flow: FlowDoc = {
    ...fields,
    _id: newId(ctx.state.flows, ctx.ids),
    name: body.name ?? `Clone - ${source.name}`,
    _integrationId: body._integrationId,
    ...(fields._exportId ? { _exportId: newExport(fields._exportId) } : {}),
    ...(fields._importId ? { _importId: newImport(fields._importId) } : {}),
    ...(fields.pageGenerators ? { pageGenerators: fields.pageGenerators.map((pg) => ({ ...pg, _id: ctx.ids.hex(24), _exportId: newExport(pg._exportId)! })) } : {}),
    ...(fields.pageProcessors
      ? { pageProcessors: fields.pageProcessors.map((pp) => (pp.type === 'export' ? { ...pp, _exportId: newExport(pp._exportId) } : { ...pp, _importId: newImport(pp._importId) })) }
      : {}),
    ...(body.sandbox !== undefined ? { sandbox: body.sandbox } : {}),
    createdAt: now,
    lastModified: now,
  };
  put(ctx.state.flows, flow);
  recordAudit(ctx.state, ctx, tokenOf(ctx)?.userId, 'create', undefined, flow);
  const manifest = [
    { model: 'Flow', _id: flow._id, name: flow.name },
    ...[...exportIds.values()].map((d) => ({ model: 'Export', _id: d._id, ...(typeof d.name === 'string' ? { name: d.name } : {}) })),
    ...[...importIds.values()].map((d) => ({ model: 'Import', _id: d._id, ...(typeof d.name === 'string' ? { name: d.name } : {}) })),
  ];
  return { status: 201, body: manifest, example: 'cloned' };
}
