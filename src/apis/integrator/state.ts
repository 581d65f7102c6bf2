import type { IdSource } from '../../engine/api-module.js';
import { SERVER_FIELDS, type IntegrationFields } from './types.js';

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

/** Plain JSON only: it is snapshotted and persisted by the engine. */
export interface IntegratorState {
  defaultPageLimit: number;
  region: string;
  tokens: TokenRecord[];
  /** In creation order, which is also the list order. */
  integrations: IntegrationDoc[];
}

const FALLBACK_TIME = '1970-01-01T00:00:00.000Z';

interface IntegratorFixture {
  defaultPageLimit?: number;
  region?: string;
  tokens?: TokenRecord[];
  integrations?: Array<Partial<IntegrationDoc>>;
  /** Start with no integrations at all (a scenario's `setup` can only add to the fixture's list). */
  emptyAccount?: boolean;
}

export function createState(fixture: unknown, ids: IdSource): IntegratorState {
  const f = structuredClone((fixture ?? {}) as IntegratorFixture);
  return {
    defaultPageLimit: clampLimit(f.defaultPageLimit ?? 100),
    region: f.region ?? 'na',
    tokens: (f.tokens ?? []).map((t) => ({ ...t, token: String(t.token), scope: String(t.scope ?? 'full') })),
    integrations: f.emptyAccount ? [] : mergeById(f.integrations ?? []).map((doc) => fixtureDoc(doc, ids)),
  };
}

/**
 * A scenario's `setup` appends to the fixture's list, so an entry repeating an earlier `_id` is laid over
 * that integration (e.g. to set its `updateInProgress`) instead of adding a twin with the same id.
 */
function mergeById(docs: Array<Partial<IntegrationDoc>>): Array<Partial<IntegrationDoc>> {
  const merged: Array<Partial<IntegrationDoc>> = [];
  for (const doc of docs) {
    const earlier = doc._id === undefined ? -1 : merged.findIndex((d) => d._id === doc._id);
    if (earlier >= 0) merged[earlier] = { ...merged[earlier], ...doc };
    else merged.push(doc);
  }
  return merged;
}

// A fixture document may leave out server-owned fields; fill them so every stored document is complete.
function fixtureDoc(doc: Partial<IntegrationDoc>, ids: IdSource): IntegrationDoc {
  const createdAt = doc.createdAt ?? doc.lastModified ?? FALLBACK_TIME;
  return {
    ...doc,
    _id: doc._id ?? ids.hex(24),
    name: doc.name ?? 'Integration',
    createdAt,
    lastModified: doc.lastModified ?? createdAt,
  };
}

export function clampLimit(limit: number): number {
  return Math.min(1000, Math.max(1, Math.trunc(Number(limit) || 100)));
}

export function findIntegration(state: IntegratorState, id: string | undefined): IntegrationDoc | undefined {
  return state.integrations.find((doc) => doc._id === id);
}

/** A fresh id that no stored integration has (ids come from the session's seeded source). */
export function newIntegrationId(state: IntegratorState, ids: IdSource): string {
  let id = ids.hex(24);
  while (findIntegration(state, id)) id = ids.hex(24);
  return id;
}

/** A deep copy of the client's fields without the server-owned ones. */
export function clientFields(body: IntegrationFields): IntegrationFields {
  const copy: IntegrationFields = structuredClone(body);
  for (const key of SERVER_FIELDS) delete copy[key];
  return copy;
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
