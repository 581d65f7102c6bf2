import type { IdSource } from '../../engine/api-module.js';
import { find, newId, put, type Collection } from './collection.js';
import type { IntegratorState } from './state.js';
import type { FlowDoc } from './types.js';

/** One entry of the clone manifest the real API answers: what was created, by model. */
export interface ManifestEntry {
  model: 'Integration' | 'Flow' | 'Export' | 'Import' | 'Connection';
  _id: string;
  name?: string;
}

type Step = { _id: string; name?: string; _connectionId?: string; apiIdentifier?: string };

/**
 * Copies the integration's flows into the clone, with the exports and imports they run and the connections those
 * use. [SRC] The clone answers a manifest of the created resources (the UI's clone saga, celigo/ai
 * `clone-response.yml`). [INF] A connection named in `connectionMap` is replaced by the one it maps to; any other
 * is copied, so the clone is standalone (celigo/ai `lifecycle-management.md`) and shares no step with its source.
 * Each export, import and connection is copied once, however many flows use it.
 */
export function cloneFlowsOf(state: IntegratorState, sourceId: string, cloneId: string, connectionMap: Record<string, string>, ids: IdSource, now: string): ManifestEntry[] {
  const manifest: ManifestEntry[] = [];
  const copied = new Map<string, string>();
  const copyOf = <T extends Step>(collection: Collection<T>, model: ManifestEntry['model'], id: string | undefined): string | undefined => {
    if (id === undefined) return undefined;
    if (model === 'Connection' && Object.hasOwn(connectionMap, id)) return connectionMap[id];
    const done = copied.get(id);
    if (done) return done;
    const source = find(collection, id);
    if (!source) return id;
    const fresh = { ...structuredClone(source), _id: newId(collection, ids), createdAt: now, lastModified: now } as T;
    // An export's or import's `apiIdentifier` names that one document: a copy gets its own, as on create.
    if (fresh.apiIdentifier !== undefined) fresh.apiIdentifier = `${model === 'Export' ? 'e' : 'i'}${ids.hex(9)}`;
    copied.set(id, fresh._id);
    if (fresh._connectionId !== undefined) fresh._connectionId = copyOf(state.connections as unknown as Collection<Step>, 'Connection', fresh._connectionId);
    put(collection, fresh);
    manifest.push({ model, _id: fresh._id, ...(fresh.name !== undefined ? { name: fresh.name } : {}) });
    return fresh._id;
  };
  const exportOf = (id: string | undefined) => copyOf(state.exports as unknown as Collection<Step>, 'Export', id);
  const importOf = (id: string | undefined) => copyOf(state.imports as unknown as Collection<Step>, 'Import', id);

  for (const id of [...state.flows.order]) {
    const flow = state.flows.byId[id];
    if (flow._integrationId !== sourceId) continue;
    const copy = structuredClone(flow) as FlowDoc;
    copy._id = newId(state.flows, ids);
    copy._integrationId = cloneId;
    copy.createdAt = now;
    copy.lastModified = now;
    if (copy._exportId) copy._exportId = exportOf(copy._exportId);
    if (copy._importId) copy._importId = importOf(copy._importId);
    copy.pageGenerators = copy.pageGenerators?.map((g) => ({ ...g, _exportId: exportOf(g._exportId)! }));
    copy.pageProcessors = copy.pageProcessors?.map((p) => ({
      ...p,
      ...(p._exportId ? { _exportId: exportOf(p._exportId) } : {}),
      ...(p._importId ? { _importId: importOf(p._importId) } : {}),
    }));
    if (copy.pageGenerators === undefined) delete copy.pageGenerators;
    if (copy.pageProcessors === undefined) delete copy.pageProcessors;
    put(state.flows, copy);
    manifest.push({ model: 'Flow', _id: copy._id, name: copy.name });
  }
  return manifest;
}

/** The connections the integration's flows use through their exports and imports: what `connectionMap` may name. */
export function connectionsUsedBy(state: IntegratorState, integrationId: string): Set<string> {
  const used = new Set<string>();
  const add = (collection: Collection<Step>, id: string | undefined) => {
    const step = id === undefined ? undefined : find(collection, id);
    if (step?._connectionId) used.add(step._connectionId);
  };
  const exports = state.exports as unknown as Collection<Step>;
  const imports = state.imports as unknown as Collection<Step>;
  for (const id of state.flows.order) {
    const flow = state.flows.byId[id];
    if (flow._integrationId !== integrationId) continue;
    add(exports, flow._exportId);
    add(imports, flow._importId);
    for (const g of flow.pageGenerators ?? []) add(exports, g._exportId);
    for (const p of flow.pageProcessors ?? []) add(p.type === 'import' ? imports : exports, p._importId ?? p._exportId);
  }
  return used;
}
