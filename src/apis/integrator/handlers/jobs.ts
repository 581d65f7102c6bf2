import type { Reply, ValidationProblem } from '../../../engine/api-module.js';
import { tokenOf } from '../authenticate.js';
import { find, listed } from '../collection.js';
import { resolveJobErrors as resolveErrorsOf } from '../error-book.js';
import { errorReply, notFoundOf, rejectInvalidFor } from '../errors.js';
import { advanceJobs } from '../job-clock.js';
import { listPage } from '../paging.js';
import type { IntegratorState } from '../state.js';
import type { JobDoc, JobErrorDoc, OperationContext } from '../types.js';

/**
 * Jobs: the list with job.md's filters (newest first), one job, its errors and resolving them. [INF] Reading a job
 * (here `getJob`, and every job a `listJobs` page shows) answers it as it was, then moves its run one step on the
 * job clock (job-clock.ts).
 */

type JobsQuery = OperationContext<'listJobs'>['query'];

/** [SRC] newest first; [INF] a flow job is followed by its step jobs, the latest step first (as the jobs-of-flow-run example). */
function newestFirst(state: IntegratorState): JobDoc[] {
  const all = listed(state.jobs);
  const children = new Map<string, JobDoc[]>();
  const tops: JobDoc[] = [];
  for (const job of all) {
    if (job._flowJobId && find(state.jobs, job._flowJobId)) children.set(job._flowJobId, [...(children.get(job._flowJobId) ?? []), job]);
    else tops.push(job);
  }
  return tops.reverse().flatMap((top) => [top, ...(children.get(top._id) ?? []).sort((a, b) => (b.oIndex ?? 0) - (a.oIndex ?? 0))]);
}

/** A step job's flow and integration are its flow job's. */
function owner(state: IntegratorState, job: JobDoc): JobDoc {
  return job._flowJobId ? find(state.jobs, job._flowJobId) ?? job : job;
}

function matches(state: IntegratorState, job: JobDoc, q: JobsQuery): boolean {
  const top = owner(state, job);
  const time = Date.parse(job.createdAt);
  const within = (value: number | undefined, gte: number | undefined, lte: number | undefined) =>
    (gte === undefined || (value ?? 0) >= gte) && (lte === undefined || (value ?? 0) <= lte);
  return (
    (q._integrationId === undefined || (job._integrationId ?? top._integrationId) === q._integrationId) &&
    (q._flowId === undefined || (job._flowId ?? top._flowId) === q._flowId) &&
    (q._flowId_in === undefined || q._flowId_in.split(',').includes((job._flowId ?? top._flowId) as string)) &&
    (q._exportId === undefined || job._exportId === q._exportId) &&
    (q._importId === undefined || job._importId === q._importId) &&
    (q._flowJobId === undefined || job._flowJobId === q._flowJobId) &&
    (q._bulkJobId === undefined || job._bulkJobId === q._bulkJobId) &&
    (q.status === undefined || job.status === q.status) &&
    (q.type === undefined || job.type === q.type) &&
    (q.type_in === undefined || q.type_in.split(',').includes(job.type)) &&
    (q.retriable === undefined || (job.retriable === true) === asBoolean(q.retriable)) &&
    (q.createdAt_gte === undefined || time >= Date.parse(q.createdAt_gte)) &&
    (q.createdAt_lte === undefined || time <= Date.parse(q.createdAt_lte)) &&
    within(job.numSuccess, num(q.numSuccess_gte), num(q.numSuccess_lte)) &&
    within(job.numExport, num(q.numExport_gte), num(q.numExport_lte)) &&
    within(job.numIgnore, num(q.numIgnore_gte), num(q.numIgnore_lte))
  );
}

const num = (value: unknown) => (value === undefined ? undefined : Number(value));
const asBoolean = (value: unknown) => value === true || value === 'true';

const FILTERS = ['_integrationId', '_flowId', '_flowId_in', '_exportId', '_importId', '_flowJobId', '_bulkJobId', 'status', 'type', 'type_in', 'retriable',
  'createdAt_gte', 'createdAt_lte', 'numSuccess_gte', 'numSuccess_lte', 'numExport_gte', 'numExport_lte', 'numIgnore_gte', 'numIgnore_lte'] as const;

export function listJobs(ctx: OperationContext<'listJobs'>): Reply {
  const jobs = newestFirst(ctx.state).filter((job) => matches(ctx.state, job, ctx.query));
  const extra: Record<string, string> = {};
  for (const key of FILTERS) if (ctx.query[key] !== undefined) extra[key] = String(ctx.query[key]);
  const reply = listPage(ctx, jobs, '/v1/jobs', { full: 'flow-run' }, extra);
  if (reply.status === 200 && Array.isArray(reply.body)) advanceJobs(ctx.state, reply.body as JobDoc[], ctx.now(), ctx.ids);
  return reply;
}

/** [INF] 400 for a malformed filter (`invalid-filter`) or `skip`/`limit` (`invalid-paging`); a field each. */
export function rejectInvalidJobList(problems: ValidationProblem[]): Reply {
  const paging = (p: ValidationProblem) => p.field === 'skip' || p.field === 'limit';
  const entries = problems.map((p) => ({
    code: 'invalid_query_params' as const,
    message: p.field === 'limit' ? 'limit must be an integer from 1 to 1000.' : p.field === 'skip' ? 'skip must be an integer of at least 0.' : `${p.message.charAt(0).toUpperCase()}${p.message.slice(1)}.`,
    ...(p.field ? { field: p.field } : {}),
  }));
  return errorReply(400, problems.every(paging) ? 'invalid-paging' : 'invalid-filter', entries);
}

export function getJob(ctx: OperationContext<'getJob'>): Reply {
  const job = find(ctx.state.jobs, ctx.params._id);
  if (!job) return notFoundOf('Job');
  advanceJobs(ctx.state, [job], ctx.now(), ctx.ids);
  return { status: 200, body: job, example: job.status === 'queued' ? 'queued-flow-job' : 'completed-flow-job' };
}

/** The job itself, and for a flow job its step jobs (in `oIndex` order): whose errors the job's errors are. */
function errorJobs(state: IntegratorState, job: JobDoc): string[] {
  const steps = listed(state.jobs).filter((j) => j._flowJobId === job._id).sort((a, b) => (a.oIndex ?? 0) - (b.oIndex ?? 0));
  return [job._id, ...steps.map((s) => s._id)];
}

function errorsOf(state: IntegratorState, job: JobDoc): JobErrorDoc[] {
  return errorJobs(state, job).flatMap((id) => state.jobErrors[id] ?? []);
}

export function listJobErrors(ctx: OperationContext<'listJobErrors'>): Reply {
  const job = find(ctx.state.jobs, ctx.params._id);
  if (!job) return notFoundOf('Job');
  return { status: 200, body: errorsOf(ctx.state, job), example: 'import-job-errors' };
}

/** [INF] Every error of the job (a flow job: of its step jobs) resolved; the answer is the job's errors. */
export function resolveJobErrors(ctx: OperationContext<'resolveJobErrors'>): Reply {
  const job = find(ctx.state.jobs, ctx.params._id);
  if (!job) return notFoundOf('Job');
  const userId = tokenOf(ctx)?.userId;
  for (const id of errorJobs(ctx.state, job)) resolveErrorsOf(ctx.state, id, () => true, ctx.now(), userId);
  return { status: 200, body: errorsOf(ctx.state, job), example: 'resolved' };
}

export function resolveJobError(ctx: OperationContext<'resolveJobError'>): Reply {
  const job = find(ctx.state.jobs, ctx.params._id);
  if (!job) return notFoundOf('Job');
  const errorId = ctx.params._jobErrorId;
  const owning = errorJobs(ctx.state, job).find((id) => (ctx.state.jobErrors[id] ?? []).some((e) => e._id === errorId));
  if (!owning) return jobErrorNotFound();
  resolveErrorsOf(ctx.state, owning, (e) => e._id === errorId, ctx.now(), tokenOf(ctx)?.userId);
  const error = ctx.state.jobErrors[owning].find((e) => e._id === errorId)!;
  return { status: 201, body: error, example: 'resolved' };
}

function jobErrorNotFound(): Reply {
  return errorReply(404, 'job-error-not-found', { code: 'not_found', message: 'Job error not found for the given id.', field: '_jobErrorId' });
}

/** A bad `_jobErrorId` (not 24 hex) names no error of the job; a bad `_id` no job. */
export function rejectInvalidJobError(problems: ValidationProblem[]): Reply {
  const path = problems.filter((p) => p.location === 'path');
  if (path.length > 0 && path.every((p) => p.field === '_jobErrorId')) return jobErrorNotFound();
  return rejectInvalidFor('Job')(problems);
}
