import type { IdSource } from '../../engine/api-module.js';
import { collectionOf, emptyCollection, type Collection } from './collection.js';
import type { JobProgress, RunBehaviour, StepErrorRecord } from './run-state.js';
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
  /** By flow id: how its runs go (sandbox-only, set by a fixture or scenario; see run-state.ts). */
  runBehaviour: Record<string, RunBehaviour>;
  /** By top job id: the jobs still moving on the job clock (job-clock.ts). */
  jobClock: Record<string, JobProgress>;
  /** By flow id: the errors of its steps, open and resolved, oldest first. */
  stepErrors: Record<string, StepErrorRecord[]>;
  /** `/v1/state`: the account's keys and their JSON values. */
  accountState: Record<string, unknown>;
  /** `/v1/integrations/{_id}/state`: by integration id, its keys and their JSON values. */
  integrationState: Record<string, Record<string, unknown>>;
}

const FALLBACK_TIME = '1970-01-01T00:00:00.000Z';
type Doc = { _id: string; createdAt?: string; lastModified?: string };

/** The resources a fixture section lists (each a list of documents; server-owned fields filled where left out). */
export function createResources(fixture: Record<string, unknown>, ids: IdSource): IntegratorResources {
  const docs = <T extends Doc>(key: string): Collection<T> => collectionOf(mergedById(listOf(fixture[key])).map((d) => fixtureDoc<T>(d, ids)));
  return {
    connections: docs<ConnectionDoc>('connections'),
    exports: docs<ExportDoc>('exports'),
    imports: docs<ImportDoc>('imports'),
    flows: docs<FlowDoc>('flows'),
    scripts: docs<ScriptDoc>('scripts'),
    ashares: docs<AshareDoc>('ashares'),
    jobs: docs<JobDoc>('jobs'),
    jobErrors: structuredClone((fixture.jobErrors ?? {}) as Record<string, JobErrorDoc[]>),
    audit: structuredClone((fixture.audit ?? {}) as Record<string, AuditEntry[]>),
    runBehaviour: structuredClone((fixture.runBehaviour ?? {}) as Record<string, RunBehaviour>),
    jobClock: {},
    stepErrors: structuredClone((fixture.stepErrors ?? {}) as Record<string, StepErrorRecord[]>),
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
  state.runBehaviour ??= {};
  state.jobClock ??= {};
  state.stepErrors ??= {};
  state.accountState ??= {};
  state.integrationState ??= {};
  return state as IntegratorResources;
}

/**
 * A scenario's `setup` appends to the fixture's lists, so an entry repeating an earlier `_id` is laid over that
 * document (e.g. `connection-offline` sets only `offline: true` on the fixture connection).
 */
function mergedById(docs: Record<string, unknown>[]): Record<string, unknown>[] {
  const merged: Record<string, unknown>[] = [];
  const positions = new Map<string, number>();
  for (const doc of docs) {
    const id = doc._id == null ? undefined : String(doc._id);
    const earlier = id === undefined ? undefined : positions.get(id);
    if (earlier !== undefined) merged[earlier] = { ...merged[earlier], ...doc };
    else {
      if (id !== undefined) positions.set(id, merged.length);
      merged.push(doc);
    }
  }
  return merged;
}

function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

function fixtureDoc<T extends Doc>(raw: Record<string, unknown>, ids: IdSource): T {
  const doc = structuredClone(raw);
  const createdAt = (doc.createdAt ?? doc.lastModified ?? FALLBACK_TIME) as string;
  return { ...doc, _id: doc._id != null ? String(doc._id) : ids.hex(24), createdAt, lastModified: (doc.lastModified ?? createdAt) as string } as unknown as T;
}
