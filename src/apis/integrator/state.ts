import type { IdSource } from '../../engine/api-module.js';
import { find, listed, newId, put, remove, type Collection } from './collection.js';
import { createResources, restoreResources, type IntegratorResources } from './resources.js';
import type { IntegrationFields } from './types.js';

export interface TokenRecord {
  token: string;
  userId: string;
  /** `read` may only GET; anything else (`full`, `*`) may do everything. */
  scope: string;
  /** Region the token belongs to; absent means the sandbox's own region. */
  region?: string;
}

export interface IntegrationDoc extends IntegrationFields {
  _id: string;
  name: string;
  createdAt: string;
  lastModified: string;
}

/**
 * Plain JSON only: it is snapshotted and persisted by the engine. `viewState` shows `integrations` as the list
 * (an array in list order), as the API lists them.
 *
 * A stored document is never changed in place: a write stores a new object. So replies hand stored documents
 * out as they are (the engine serialises them), and a document may share values with the request body it was
 * built from, which belongs to that request alone.
 */
export interface IntegratorState extends IntegratorResources {
  defaultPageLimit: number;
  region: string;
  tokens: TokenRecord[];
  /** By `_id`. */
  integrations: Record<string, IntegrationDoc>;
  /** Every `_id` of `integrations` once, in creation order, which is also the list order. */
  order: string[];
}

const FALLBACK_TIME = '1970-01-01T00:00:00.000Z';

interface IntegratorFixture extends Record<string, unknown> {
  defaultPageLimit?: number;
  region?: string;
  tokens?: TokenRecord[];
  integrations?: Array<Partial<IntegrationDoc>>;
  /** Start with no integrations at all (a scenario's `setup` can only add to the fixture's list). */
  emptyAccount?: boolean;
}

export function createState(fixture: unknown, ids: IdSource): IntegratorState {
  const f = structuredClone((fixture ?? {}) as IntegratorFixture);
  const state: IntegratorState = {
    defaultPageLimit: clampLimit(f.defaultPageLimit ?? 100),
    region: f.region ?? 'na',
    tokens: (f.tokens ?? []).map((t) => ({ ...t, token: String(t.token), scope: String(t.scope ?? 'full') })),
    integrations: {},
    order: [],
    ...createResources(f, ids),
  };
  if (!f.emptyAccount) for (const doc of mergeById(f.integrations ?? [])) putIntegration(state, fixtureDoc(doc, ids));
  return state;
}

/**
 * A scenario's `setup` appends to the fixture's list, so an entry repeating an earlier `_id` is laid over
 * that integration (e.g. to set its `updateInProgress`) instead of adding a twin with the same id.
 */
function mergeById(docs: Array<Partial<IntegrationDoc>>): Array<Partial<IntegrationDoc>> {
  const merged: Array<Partial<IntegrationDoc>> = [];
  const positions = new Map<string, number>();
  for (const doc of docs) {
    const earlier = doc._id === undefined ? undefined : positions.get(doc._id);
    if (earlier !== undefined) merged[earlier] = { ...merged[earlier], ...doc };
    else {
      if (doc._id !== undefined) positions.set(doc._id, merged.length);
      merged.push(doc);
    }
  }
  return merged;
}

// A fixture document may leave out server-owned fields; fill them so every stored document is complete.
function fixtureDoc(doc: Partial<IntegrationDoc>, ids: IdSource): IntegrationDoc {
  const createdAt = doc.createdAt ?? doc.lastModified ?? FALLBACK_TIME;
  return {
    ...doc,
    // Kept as a string key whatever the fixture's YAML made of it.
    _id: doc._id != null ? String(doc._id) : ids.hex(24),
    name: doc.name ?? 'Integration',
    createdAt,
    lastModified: doc.lastModified ?? createdAt,
  };
}

export function clampLimit(limit: number): number {
  return Math.min(1000, Math.max(1, Math.trunc(Number(limit) || 100)));
}

// Integrations are kept as `integrations` + `order` (the shape saved states have), handled as a Collection.
const integrationsOf = (state: IntegratorState): Collection<IntegrationDoc> => ({ byId: state.integrations, order: state.order });

export function findIntegration(state: IntegratorState, id: string | undefined): IntegrationDoc | undefined {
  return find(integrationsOf(state), id);
}

/** Stores a new document at the end of the list, or a new version of an existing one in its place. */
export function putIntegration(state: IntegratorState, doc: IntegrationDoc): void {
  put(integrationsOf(state), doc);
}

/** Removes a document; false when there is none with that id. */
export function removeIntegration(state: IntegratorState, id: string): boolean {
  return remove(integrationsOf(state), id);
}

/** The documents in list order (what `viewState` shows as `integrations`). */
export function listedIntegrations(state: IntegratorState): IntegrationDoc[] {
  return listed(integrationsOf(state));
}

/**
 * A state as a store kept it. One saved by a version that kept `integrations` as an array in list order (a
 * `--state-file` written before the keyed shape) is brought to the keyed shape.
 */
export function restoreState(saved: unknown): IntegratorState {
  const state = saved as IntegratorState;
  restoreResources(state);
  const legacy = state.integrations as unknown;
  if (Array.isArray(legacy)) {
    state.integrations = {};
    state.order = [];
    for (const doc of legacy as IntegrationDoc[]) putIntegration(state, doc);
  }
  return state;
}

/** A fresh id that no stored integration has (ids come from the session's seeded source). */
export function newIntegrationId(state: IntegratorState, ids: IdSource): string {
  return newId(integrationsOf(state), ids);
}

/**
 * The client's fields without the server-owned ones (`_id`, `createdAt`, `lastModified`). A shallow copy:
 * the parsed body belongs to this request alone, and stored documents are never changed in place.
 */
export function clientFields(body: IntegrationFields): IntegrationFields {
  const { _id: _ignoredId, createdAt: _ignoredCreatedAt, lastModified: _ignoredLastModified, ...fields } = body;
  return fields;
}

/**
 * `lastModified` of a write: now, but always later than the previous value, so that two writes in the
 * same millisecond (or under a frozen clock) still show that the document changed.
 */
export function nextModified(now: Date, previous?: string): string {
  const prev = previous ? Date.parse(previous) : Number.NaN;
  const time = Number.isNaN(prev) || now.getTime() > prev ? now.getTime() : prev + 1;
  return new Date(time).toISOString();
}
