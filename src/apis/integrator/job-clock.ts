import type { IdSource } from '../../engine/api-module.js';
import { find, newId, put } from './collection.js';
import { recordErrors } from './error-book.js';
import type { JobProgress, RunBehaviour } from './run-state.js';
import type { IntegratorState } from './state.js';
import type { FlowDoc, JobDoc } from './types.js';

/**
 * The job clock: how runs move, deterministically and never on wall time (a shared store may run a handler
 * again, so nothing here reads `Date.now`, sleeps, or draws random numbers; times are `ctx.now()`, ids `ctx.ids`).
 *
 * [INF] A job moves one step each time a client reads it (`GET /jobs/{_id}`, `GET /flows/{_id}/jobs/latest`, or a
 * `GET /jobs` page that lists it or one of its step jobs). The read answers the job as it was and then moves it on,
 * so the first read of a new run shows `queued`. With N steps a run goes:
 *   read 1: queued → running (the flow job and its first step job get `startedAt`)
 *   reads 2 … 1+hold: nothing moves, still running (`runningReads` of the flow's `runBehaviour`; `long-running-job`)
 *   each following read: one step job ends (counters, `endedAt`) and the next starts; with the last one the flow
 *   job ends too (counters summed, `endedAt`, `lastExecutedAt`, and the flow's `lastExecutedAt`).
 * How it ends comes from the flow's `runBehaviour` (`run-fails-with-errors`: import errors → job errors and step
 * errors). A retry job (no steps) starts on its first read and completes on the next (plus `runningReads`).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_RECORDS = 10;
const DEFAULT_ERRORS = 2;

export interface FlowStep {
  type: 'export' | 'import';
  id: string;
}

/**
 * The flow's steps in run order (their `oIndex`): page generators, page processors, those in routers' branches; or the
 * older `_exportId` + `_importId`.
 */
export function flowSteps(flow: FlowDoc): FlowStep[] {
  const steps: FlowStep[] = [];
  for (const pg of flow.pageGenerators ?? []) if (pg._exportId) steps.push({ type: 'export', id: pg._exportId });
  for (const pp of [...(flow.pageProcessors ?? []), ...routedProcessors(flow).map((r) => r.pp)]) {
    const id = pp.type === 'export' ? pp._exportId : pp._importId;
    if (id) steps.push({ type: pp.type, id });
  }
  if (!flow.pageGenerators?.length && flow._exportId) steps.unshift({ type: 'export', id: flow._exportId });
  if (!flow.pageProcessors?.length && flow._importId) steps.push({ type: 'import', id: flow._importId });
  return steps;
}

type Processor = NonNullable<FlowDoc['pageProcessors']>[number];

/** The page processors inside the branches of the flow's routers (kept as sent: only well-formed ones count). */
export function routedProcessors(flow: FlowDoc): Array<{ pp: Processor; path: string }> {
  const out: Array<{ pp: Processor; path: string }> = [];
  (flow.routers ?? []).forEach((router, r) => {
    const branches = (router as { branches?: unknown }).branches;
    if (!Array.isArray(branches)) return;
    branches.forEach((branch, b) => {
      const processors = (branch as { pageProcessors?: unknown } | null)?.pageProcessors;
      if (!Array.isArray(processors)) return;
      (processors as Processor[]).forEach((pp, i) => {
        if (pp && (pp.type === 'export' || pp.type === 'import')) out.push({ pp, path: `routers[${r}].branches[${b}].pageProcessors[${i}]` });
      });
    });
  });
  return out;
}

function newJob(state: IntegratorState, ids: IdSource, now: Date, fields: Omit<JobDoc, '_id' | 'status' | 'createdAt' | 'lastModified'> & Pick<JobDoc, 'type'>): JobDoc {
  const at = now.toISOString();
  const job: JobDoc = {
    _id: newId(state.jobs, ids),
    ...fields,
    status: 'queued',
    createdAt: at,
    lastModified: at,
    purgeAt: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
  };
  put(state.jobs, job);
  return job;
}

function progressOf(behaviour: RunBehaviour | undefined, steps: string[]): JobProgress {
  const outcome = behaviour?.outcome ?? 'completed';
  return {
    ticks: 0,
    hold: Math.max(0, Math.trunc(behaviour?.runningReads ?? 0)),
    outcome,
    records: Math.max(0, Math.trunc(behaviour?.records ?? DEFAULT_RECORDS)),
    errors: outcome === 'errors' ? Math.max(1, Math.trunc(behaviour?.errors ?? DEFAULT_ERRORS)) : 0,
    steps,
  };
}

/** `POST /flows/{_id}/run`: a queued `type: flow` job and one queued step job per step (`_flowJobId`, `oIndex`). */
export function startRun(state: IntegratorState, flow: FlowDoc, now: Date, ids: IdSource): JobDoc {
  const flowJob = newJob(state, ids, now, { type: 'flow', _integrationId: flow._integrationId, _flowId: flow._id });
  const steps = flowSteps(flow).map((step, oIndex) =>
    newJob(state, ids, now, {
      type: step.type,
      ...(step.type === 'export' ? { _exportId: step.id } : { _importId: step.id }),
      _flowJobId: flowJob._id,
      oIndex,
    })._id,
  );
  state.jobClock[flowJob._id] = progressOf(behaviourOf(state, flow._id), steps);
  return flowJob;
}

/** A `type: retry` job for `count` retried errors of `parent` (a flow job), queued on the clock. */
export function startRetry(state: IntegratorState, parent: JobDoc | undefined, flow: FlowDoc, count: number, now: Date, ids: IdSource): JobDoc {
  const job = newJob(state, ids, now, {
    type: 'retry',
    _integrationId: flow._integrationId,
    _flowId: flow._id,
    ...(parent ? { _parentJobId: parent._id } : {}),
  });
  state.jobClock[job._id] = { ...progressOf(behaviourOf(state, flow._id), []), outcome: 'completed', errors: 0, records: count };
  return job;
}

/** The top job (flow or retry) a job moves with. */
export function topJobId(state: IntegratorState, job: JobDoc): string {
  return job._flowJobId && find(state.jobs, job._flowJobId) ? job._flowJobId : job._id;
}

/** Moves each run the jobs belong to one step, once per run however many of its jobs were read. */
export function advanceJobs(state: IntegratorState, jobs: readonly JobDoc[], now: Date, ids: IdSource): void {
  const tops = new Set(jobs.map((job) => topJobId(state, job)));
  for (const top of tops) tick(state, top, now, ids);
}

function update(state: IntegratorState, id: string, now: Date, fields: Partial<JobDoc>): JobDoc {
  // A new object: answers already built may hold the old one.
  const job: JobDoc = { ...find(state.jobs, id)!, ...fields, lastModified: now.toISOString() };
  put(state.jobs, job);
  return job;
}

function tick(state: IntegratorState, topId: string, now: Date, ids: IdSource): void {
  const progress = state.jobClock[topId];
  if (!progress || !find(state.jobs, topId)) return;
  const at = now.toISOString();
  const t = progress.ticks + 1;
  state.jobClock[topId] = { ...progress, ticks: t };
  if (t === 1) {
    update(state, topId, now, { status: 'running', startedAt: at });
    if (progress.steps[0]) update(state, progress.steps[0], now, { status: 'running', startedAt: at });
    return;
  }
  const index = t - 2 - progress.hold;
  if (index < 0) return;
  if (index >= progress.steps.length) return finishTop(state, topId, progress, now, false);
  const failed = finishStep(state, topId, progress, index, now, ids);
  const next = progress.steps[index + 1];
  if (failed) {
    for (const rest of progress.steps.slice(index + 1)) update(state, rest, now, { status: 'canceled', endedAt: at });
    return finishTop(state, topId, progress, now, true);
  }
  if (next) update(state, next, now, { status: 'running', startedAt: at });
  else finishTop(state, topId, progress, now, false);
}

/** Ends step `index`; true when it failed (the `failed` outcome fails the first export). */
function finishStep(state: IntegratorState, flowJobId: string, progress: JobProgress, index: number, now: Date, ids: IdSource): boolean {
  const job = find(state.jobs, progress.steps[index])!;
  const base = { endedAt: now.toISOString(), numIgnore: 0, numResolved: 0, numExport: 0 };
  if (job.type === 'export') {
    if (progress.outcome === 'failed' && index === 0) {
      update(state, job._id, now, { ...base, status: 'failed', numSuccess: 0, numError: 1, numOpenError: 1, numPagesGenerated: 0, numPagesProcessed: 0, retriable: false });
      recordErrors(state, flowJobId, job, 1, now, ids, 'connection');
      return true;
    }
    update(state, job._id, now, { ...base, status: 'completed', numSuccess: progress.records, numError: 0, numOpenError: 0, numPagesGenerated: 1, numPagesProcessed: 0 });
    return false;
  }
  const errors = Math.min(progress.errors, progress.records);
  update(state, job._id, now, {
    ...base,
    status: 'completed',
    numSuccess: progress.records - errors,
    numError: errors,
    numOpenError: errors,
    numPagesGenerated: 0,
    numPagesProcessed: 1,
    retriable: errors > 0,
  });
  if (errors > 0) recordErrors(state, flowJobId, job, errors, now, ids, 'application');
  return false;
}

function finishTop(state: IntegratorState, topId: string, progress: JobProgress, now: Date, failed: boolean): void {
  const at = now.toISOString();
  const steps = progress.steps.map((id) => find(state.jobs, id)!);
  const sum = (key: 'numError' | 'numOpenError' | 'numResolved' | 'numPagesGenerated') => steps.reduce((n, s) => n + (s[key] ?? 0), 0);
  const top = find(state.jobs, topId)!;
  const last = steps.filter((s) => s.status === 'completed').at(-1);
  const fields: Partial<JobDoc> =
    top.type === 'retry'
      ? { status: 'completed', numSuccess: progress.records, numError: 0, numIgnore: 0, numResolved: 0, numOpenError: 0 }
      : {
          status: failed ? 'failed' : 'completed',
          ...(steps[0]?.type === 'export' ? { _exportId: steps[0]._exportId } : {}),
          numSuccess: failed ? 0 : last?.numSuccess ?? 0,
          numError: sum('numError'),
          numIgnore: 0,
          numResolved: sum('numResolved'),
          numOpenError: sum('numOpenError'),
          numExport: 0,
          numPagesGenerated: sum('numPagesGenerated'),
          numPagesProcessed: 0,
          doneExporting: !failed,
        };
  update(state, topId, now, { ...fields, endedAt: at, lastExecutedAt: at });
  delete state.jobClock[topId];
  const flow = top._flowId ? find(state.flows, top._flowId) : undefined;
  if (flow && top.type === 'flow') put(state.flows, { ...flow, lastExecutedAt: at });
}

/** A flow's own `runBehaviour`, else the one under `*`: a scenario may make every flow's runs behave alike. */
function behaviourOf(state: IntegratorState, flowId: string) {
  return Object.hasOwn(state.runBehaviour, flowId) ? state.runBehaviour[flowId] : state.runBehaviour['*'];
}
