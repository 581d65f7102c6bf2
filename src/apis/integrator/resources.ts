import type { IdSource } from '../../engine/api-module.js';
import { collectionOf, emptyCollection, type Collection } from './collection.js';
import type { AshareDoc, AuditEntry, ConnectionDoc, ExportDoc, FlowDoc, ImportDoc, JobDoc, JobErrorDoc, ScriptDoc } from './types.js';

/**
 * The account's resources beside integrations: what a flow is built from (connections, exports, imports, scripts),
 * flows and their runs (jobs, job errors, audit), users (ashares), and the state API's keys. Plain JSON.
 */
export interface IntegratorResources {
  connections: Collection<ConnectionDoc>;
  exports: Collection<ExportDoc>;
  imports: Collection<ImportDoc>;
  flows: Collection<FlowDoc>;
  scripts: Collection<ScriptDoc>;
  ashares: Collection<AshareDoc>;
  jobs: Collection<JobDoc>;
  /** By job id: the record errors of that job, oldest first. */
  jobErrors: Record<string, JobErrorDoc[]>;
  /** By flow id: its audit log, oldest first. */
  audit: Record<string, AuditEntry[]>;
  /** `/v1/state`: the account's keys and their JSON values. */
  accountState: Record<string, unknown>;
  /** `/v1/integrations/{_id}/state`: by integration id, its keys and their JSON values. */
  integrationState: Record<string, Record<string, unknown>>;
}

const FALLBACK_TIME = '1970-01-01T00:00:00.000Z';
type Doc = { _id: string; createdAt?: string; lastModified?: string };

/** The resources a fixture section lists (each a list of documents; server-owned fields filled where left out). */
export function createResources(fixture: Record<string, unknown>, ids: IdSource): IntegratorResources {
  const docs = <T extends Doc>(key: string): Collection<T> => collectionOf(listOf(fixture[key]).map((d) => fixtureDoc<T>(d, ids)));
  return {
    connections: docs<ConnectionDoc>('connections'),
    exports: docs<ExportDoc>('exports'),
    imports: docs<ImportDoc>('imports'),
    flows: docs<FlowDoc>('flows'),
    scripts: docs<ScriptDoc>('scripts'),
    ashares: docs<AshareDoc>('ashares'),
    jobs: docs<JobDoc>('jobs'),
    jobErrors: structuredClone((fixture.jobErrors ?? {}) as Record<string, JobErrorDoc[]>),
    audit: {},
    accountState: structuredClone((fixture.state ?? {}) as Record<string, unknown>),
    integrationState: structuredClone((fixture.integrationState ?? {}) as Record<string, Record<string, unknown>>),
  };
}

/** A state saved before these resources existed gets them empty: its account had none. */
export function restoreResources(state: Partial<IntegratorResources>): IntegratorResources {
  state.connections ??= emptyCollection();
  state.exports ??= emptyCollection();
  state.imports ??= emptyCollection();
  state.flows ??= emptyCollection();
  state.scripts ??= emptyCollection();
  state.ashares ??= emptyCollection();
  state.jobs ??= emptyCollection();
  state.jobErrors ??= {};
  state.audit ??= {};
  state.accountState ??= {};
  state.integrationState ??= {};
  return state as IntegratorResources;
}

function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

function fixtureDoc<T extends Doc>(raw: Record<string, unknown>, ids: IdSource): T {
  const doc = structuredClone(raw);
  const createdAt = (doc.createdAt ?? doc.lastModified ?? FALLBACK_TIME) as string;
  return { ...doc, _id: doc._id != null ? String(doc._id) : ids.hex(24), createdAt, lastModified: (doc.lastModified ?? createdAt) as string } as unknown as T;
}
