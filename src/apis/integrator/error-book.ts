import type { IdSource } from '../../engine/api-module.js';
import { find, put } from './collection.js';
import type { StepErrorRecord } from './run-state.js';
import type { IntegratorState } from './state.js';
import type { JobDoc, JobErrorDoc, Schemas } from './types.js';

/**
 * One failure is kept twice, as the two APIs show it: a job error (`state.jobErrors[jobId]`, `/jobs/{_id}/joberrors`)
 * and a step error (`state.stepErrors[flowId]`, `/flows/{_flowId}/{_stepId}/errors`), linked by `_jobErrorId`.
 * Resolving either resolves both, and lowers `numOpenError` (raising `numResolved`) of the step job and its flow job.
 */

/** The flow a job's errors belong to (a step job's through its flow job). */
function flowIdOfJob(state: IntegratorState, jobId: string): string | undefined {
  const job = find(state.jobs, jobId);
  if (!job) return undefined;
  return job._flowId ?? (job._flowJobId ? find(state.jobs, job._flowJobId)?._flowId : undefined);
}

function lowerOpen(state: IntegratorState, jobId: string, count: number, now: Date): void {
  if (count === 0) return;
  const job = find(state.jobs, jobId);
  if (!job) return;
  put(state.jobs, {
    ...job,
    numOpenError: Math.max(0, (job.numOpenError ?? count) - count),
    numResolved: (job.numResolved ?? 0) + count,
    lastModified: now.toISOString(),
  });
  if (job._flowJobId) lowerOpen(state, job._flowJobId, count, now);
}

function resolvedJobError(error: JobErrorDoc, userId: string | undefined): JobErrorDoc {
  return { ...error, resolve: true, resolved: true, ...(userId ? { _userId: userId } : {}) };
}

/** Resolves the open job errors of a step job that `pick` selects; answers them, now resolved. */
export function resolveJobErrors(state: IntegratorState, jobId: string, pick: (e: JobErrorDoc) => boolean, now: Date, userId: string | undefined): JobErrorDoc[] {
  const errors = state.jobErrors[jobId] ?? [];
  const done = new Set<string>();
  state.jobErrors[jobId] = errors.map((e) => {
    if (e.resolved || !pick(e)) return e;
    done.add(e._id);
    return resolvedJobError(e, userId);
  });
  const flowId = flowIdOfJob(state, jobId);
  if (flowId && state.stepErrors[flowId]) {
    state.stepErrors[flowId] = state.stepErrors[flowId].map((r) =>
      r._jobErrorId && done.has(r._jobErrorId) && !r.resolvedAt ? { ...r, resolvedAt: now.toISOString(), resolvedBy: userId ?? 'auto' } : r,
    );
  }
  lowerOpen(state, jobId, done.size, now);
  return state.jobErrors[jobId].filter((e) => done.has(e._id));
}

/** Resolves the open errors of a flow step that `pick` selects (`by`: the user id, or `auto` for a retry); answers them. */
export function resolveStepErrors(state: IntegratorState, flowId: string, stepId: string, pick: (r: StepErrorRecord) => boolean, now: Date, by: string): StepErrorRecord[] {
  const picked: StepErrorRecord[] = [];
  state.stepErrors[flowId] = (state.stepErrors[flowId] ?? []).map((r) => {
    if (r._stepId !== stepId || r.resolvedAt || !pick(r)) return r;
    const resolved = { ...r, resolvedAt: now.toISOString(), resolvedBy: by };
    picked.push(resolved);
    return resolved;
  });
  const byJob = new Map<string, Set<string>>();
  for (const r of picked) {
    if (!r._jobId) continue;
    const set = byJob.get(r._jobId) ?? new Set<string>();
    if (r._jobErrorId) set.add(r._jobErrorId);
    byJob.set(r._jobId, set);
  }
  for (const [jobId, errorIds] of byJob) {
    const errors = state.jobErrors[jobId] ?? [];
    let count = 0;
    state.jobErrors[jobId] = errors.map((e) => {
      if (e.resolved || !errorIds.has(e._id)) return e;
      count++;
      return resolvedJobError(e, by === 'auto' ? undefined : by);
    });
    lowerOpen(state, jobId, count, now);
  }
  return picked;
}

type FlowError = Schemas['FlowError'];
type ResolvedFlowError = Schemas['ResolvedFlowError'];

/** A step error as `/errors` shows it (open: no resolution fields). */
export function openView(r: StepErrorRecord): FlowError {
  const { _stepId: _s, _jobId: _j, _jobErrorId: _e, resolvedAt: _a, resolvedBy: _b, ...view } = r;
  return view;
}

/** A step error as `/resolved` shows it. */
export function resolvedView(r: StepErrorRecord): ResolvedFlowError {
  const { _stepId: _s, _jobId: _j, _jobErrorId: _e, ...view } = r;
  return view;
}

/** Job errors of a step job and the matching open errors of its flow step. */
export function recordErrors(state: IntegratorState, flowJobId: string, job: JobDoc, count: number, now: Date, ids: IdSource, source: string): void {
  const flowJob = find(state.jobs, flowJobId);
  const flowId = flowJob?._flowId;
  const stepId = job._importId ?? job._exportId;
  const at = now.toISOString();
  const jobErrors: JobErrorDoc[] = [...(state.jobErrors[job._id] ?? [])];
  const stepErrors: StepErrorRecord[] = flowId ? [...(state.stepErrors[flowId] ?? [])] : [];
  for (let k = 1; k <= count; k++) {
    const connection = source === 'connection';
    const message = connection ? 'The export could not reach its connection.' : `Record ${k}: account is required.`;
    const jobError: JobErrorDoc = {
      _id: ids.hex(24),
      _jobId: job._id,
      _retryId: ids.hex(24),
      createdAt: at,
      code: connection ? '503' : '422',
      message: connection ? message : '{"errors":[{"field":"account","code":"missing_required_field"}]}',
      source,
      extract: '',
      generate: '',
      extracted: '',
      generated: '',
      exportDataURI: '',
      importDataURI: '',
      resolve: false,
      retry: !connection,
      resolved: false,
    };
    jobErrors.push(jobError);
    if (flowId && stepId) {
      stepErrors.push({
        errorId: BigInt(`0x${ids.hex(8)}`).toString(),
        occurredAt: at,
        source,
        code: connection ? 'connection_failed' : 'missing_required_field',
        message,
        traceKey: `REC-${k}`,
        oIndex: String(job.oIndex ?? 0),
        retryDataKey: ids.hex(32),
        _flowJobId: flowJobId,
        classification: connection ? 'connection' : 'missing',
        classifiedBy: 'autopilot',
        _stepId: stepId,
        _jobId: job._id,
        _jobErrorId: jobError._id,
      });
    }
  }
  state.jobErrors[job._id] = jobErrors;
  if (flowId) state.stepErrors[flowId] = stepErrors;
}
