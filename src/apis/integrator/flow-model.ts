import { isDeepStrictEqual } from 'node:util';
import type { IdSource, Reply } from '../../engine/api-module.js';
import { find, listed } from './collection.js';
import { errorReply } from './errors.js';
import { flowSteps, routedProcessors } from './job-clock.js';
import { findIntegration, type IntegratorState } from './state.js';
import type { AuditEntry, ErrorEntry, ExportDoc, FlowDoc, ImportDoc } from './types.js';

/** What flows refer to, checked on create, update and clone, and listed by `getFlowDependencies`. */

const OBJECT_ID = /^[0-9a-f]{24}$/;

function invalidRef(field: string, resource: string): ErrorEntry {
  return { code: 'invalid_ref', message: `Invalid reference: ${field}. ${resource} not found for the given id.`, field };
}

/**
 * [SRC] 422 `invalid_ref` for every reference that names nothing: `_integrationId`, the page generators' exports,
 * the page processors' exports or imports, the older single-step `_exportId`/`_importId`. One entry each.
 */
export function badFlowRefs(state: IntegratorState, flow: Partial<FlowDoc>): Reply | undefined {
  const entries: ErrorEntry[] = [];
  if (flow._integrationId !== undefined && !findIntegration(state, flow._integrationId)) entries.push(invalidRef('_integrationId', 'Integration'));
  (flow.pageGenerators ?? []).forEach((pg, i) => {
    if (!find(state.exports, pg._exportId)) entries.push(invalidRef(`pageGenerators[${i}]._exportId`, 'Export'));
  });
  (flow.pageProcessors ?? []).forEach((pp, i) => {
    if (pp.type === 'export' && !find(state.exports, pp._exportId)) entries.push(invalidRef(`pageProcessors[${i}]._exportId`, 'Export'));
    if (pp.type === 'import' && !find(state.imports, pp._importId)) entries.push(invalidRef(`pageProcessors[${i}]._importId`, 'Import'));
  });
  for (const { pp, path } of routedProcessors(flow as FlowDoc)) {
    if (pp.type === 'export' && !find(state.exports, pp._exportId)) entries.push(invalidRef(`${path}._exportId`, 'Export'));
    if (pp.type === 'import' && !find(state.imports, pp._importId)) entries.push(invalidRef(`${path}._importId`, 'Import'));
  }
  if (flow._exportId !== undefined && !find(state.exports, flow._exportId)) entries.push(invalidRef('_exportId', 'Export'));
  if (flow._importId !== undefined && !find(state.imports, flow._importId)) entries.push(invalidRef('_importId', 'Import'));
  return entries.length > 0 ? errorReply(422, 'invalid-ref', entries) : undefined;
}

/** Page generators without an `_id` get one (the created-flow example shows the server's). */
export function withGeneratorIds(flow: FlowDoc, ids: IdSource): FlowDoc {
  if (!flow.pageGenerators) return flow;
  return { ...flow, pageGenerators: flow.pageGenerators.map((pg) => (pg._id ? pg : { _id: ids.hex(24), ...pg })) };
}

/** The stored exports and imports the flow's steps name, in run order. */
export function stepDocs(state: IntegratorState, flow: FlowDoc) {
  const exports: ExportDoc[] = [];
  const imports: ImportDoc[] = [];
  for (const step of flowSteps(flow)) {
    if (step.type === 'export') {
      const doc = find(state.exports, step.id);
      if (doc) exports.push(doc);
    } else {
      const doc = find(state.imports, step.id);
      if (doc) imports.push(doc);
    }
  }
  return { exports: unique(exports), imports: unique(imports) };
}

/** The connection ids the flow's exports and imports use, each once, in step order. */
export function flowConnectionIds(state: IntegratorState, flow: FlowDoc): string[] {
  const { exports, imports } = stepDocs(state, flow);
  return [...new Set([...exports, ...imports].map((d) => d._connectionId).filter((id): id is string => typeof id === 'string'))];
}

function unique<T extends { _id: string }>(docs: T[]): T[] {
  const seen = new Set<string>();
  return docs.filter((d) => !seen.has(d._id) && seen.add(d._id));
}

const ref = (doc: { _id: string; name?: unknown }) => (typeof doc.name === 'string' ? { _id: doc._id, name: doc.name } : { _id: doc._id });

/** [INF] `{integrations, exports, imports, connections, scripts}`, each `{_id, name}`: what the flow uses. */
export function flowDependencies(state: IntegratorState, flow: FlowDoc): Record<string, Array<{ _id: string; name?: string }>> {
  const { exports, imports } = stepDocs(state, flow);
  const integration = findIntegration(state, flow._integrationId);
  const connections = flowConnectionIds(state, flow).map((id) => find(state.connections, id)).filter((c) => c !== undefined);
  const scriptIds = new Set<string>();
  for (const doc of [flow, ...exports, ...imports]) collectScriptIds(doc, scriptIds, 0);
  const scripts = listed(state.scripts).filter((s) => scriptIds.has(s._id));
  return {
    integrations: integration ? [ref(integration)] : [],
    exports: exports.map(ref),
    imports: imports.map(ref),
    connections: connections.map(ref),
    scripts: scripts.map(ref),
  };
}

function collectScriptIds(value: unknown, into: Set<string>, depth: number): void {
  if (depth > 32 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) return value.forEach((v) => collectScriptIds(v, into, depth + 1));
  const record = value as Record<string, unknown>;
  if (typeof record._scriptId === 'string') into.add(record._scriptId);
  for (const v of Object.values(record)) collectScriptIds(v, into, depth + 1);
}

/**
 * [INF] One audit entry per create, update (with the top-level fields that changed) and delete of a flow, kept in
 * `state.audit[flowId]` oldest first; `getFlowAudit` answers them newest first. `byUser` is the calling token's user.
 */
export function recordAudit(
  state: IntegratorState,
  ctx: { ids: IdSource; now(): Date },
  userId: string | undefined,
  event: 'create' | 'update' | 'delete',
  before: FlowDoc | undefined,
  after: FlowDoc | undefined,
): void {
  const flowId = (after ?? before)!._id;
  const entry: AuditEntry = {
    _id: ctx.ids.hex(24),
    resourceType: 'flow',
    _resourceId: flowId,
    event,
    source: 'api',
    time: ctx.now().toISOString(),
    ...(userId && OBJECT_ID.test(userId) ? { byUser: { _id: userId } } : {}),
    ...(event === 'update' && before && after ? { fieldChanges: fieldChanges(before, after) } : {}),
  };
  state.audit[flowId] = [...(state.audit[flowId] ?? []), entry];
}

function fieldChanges(before: FlowDoc, after: FlowDoc) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'lastModified');
  return keys
    .filter((k) => !isDeepStrictEqual(before[k], after[k]))
    .map((k) => ({ fieldPath: k, ...(k in before ? { oldValue: before[k] } : {}), ...(k in after ? { newValue: after[k] } : {}) }));
}
