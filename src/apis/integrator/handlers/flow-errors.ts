import type { Reply, ValidationProblem } from '../../../engine/api-module.js';
import { tokenOf } from '../authenticate.js';
import { find, listed } from '../collection.js';
import { openView, resolvedView, resolveStepErrors } from '../error-book.js';
import { errorReply, notFound, notFoundOf, rejectInvalidBodyFor } from '../errors.js';
import { flowSteps, startRetry, type FlowStep } from '../job-clock.js';
import type { StepErrorRecord } from '../run-state.js';
import { findIntegration, type IntegratorState } from '../state.js';
import type { FlowDoc, OperationContext } from '../types.js';

/**
 * Error management: open-error summaries per integration and per flow, the open and resolved errors of a step,
 * resolve (204) and retry (200, a `type: retry` job). Errors come from failing runs (job-clock.ts) and the fixture;
 * each is also a job error (error-book.ts keeps both in step).
 */

const isOpen = (r: StepErrorRecord) => r.resolvedAt === undefined;

function summary(records: StepErrorRecord[]): { numError: number; lastErrorAt?: string } {
  const last = records.map((r) => r.occurredAt).sort().at(-1);
  return { numError: records.length, ...(last ? { lastErrorAt: last } : {}) };
}

export function getIntegrationErrorSummary(ctx: OperationContext<'getIntegrationErrorSummary'>): Reply {
  if (!findIntegration(ctx.state, ctx.params._id)) return notFound();
  const body = listed(ctx.state.flows)
    .filter((flow) => flow._integrationId === ctx.params._id)
    .map((flow) => ({ flow, open: (ctx.state.stepErrors[flow._id] ?? []).filter(isOpen) }))
    .filter(({ open }) => open.length > 0)
    .map(({ flow, open }) => ({ _flowId: flow._id, ...summary(open) }));
  return { status: 200, body, example: 'open-errors' };
}

export function getFlowErrorSummary(ctx: OperationContext<'getFlowErrorSummary'>): Reply {
  const flow = find(ctx.state.flows, ctx.params._id);
  if (!flow) return notFoundOf('Flow');
  const open = (ctx.state.stepErrors[flow._id] ?? []).filter(isOpen);
  const stepIds = [...new Set([...flowSteps(flow).map((s) => s.id), ...open.map((r) => r._stepId)])];
  const flowErrors = stepIds
    .map((id) => ({ id, records: open.filter((r) => r._stepId === id) }))
    .filter(({ records }) => records.length > 0)
    .map(({ id, records }) => ({ _expOrImpId: id, ...summary(records) }));
  return { status: 200, body: { flowErrors }, example: 'open-errors' };
}

/** The flow and its step, or the documented 404 (`flow-not-found`, `step-not-found`). */
function stepOf(state: IntegratorState, flowId: string, stepId: string, type?: FlowStep['type']): { flow: FlowDoc } | Reply {
  const flow = find(state.flows, flowId);
  if (!flow) return notFoundOf('Flow');
  if (!flowSteps(flow).some((s) => s.id === stepId && (type === undefined || s.type === type))) {
    return errorReply(404, 'step-not-found', { code: 'not_found', message: `Export or import ${stepId} is not a step of flow ${flowId}.` });
  }
  return { flow };
}

const isReply = (value: { flow: FlowDoc } | Reply): value is Reply => 'status' in value;

interface OpenQuery {
  occurredAt_gte?: string;
  occurredAt_lte?: string;
  source?: string;
}

function openErrors(state: IntegratorState, flowId: string, stepId: string, q: OpenQuery, type: FlowStep['type'] | undefined, example: string): Reply {
  const found = stepOf(state, flowId, stepId, type);
  if (isReply(found)) return found;
  const at = (r: StepErrorRecord) => Date.parse(r.occurredAt);
  const errors = (state.stepErrors[flowId] ?? [])
    .filter((r) => r._stepId === stepId && isOpen(r))
    .filter((r) => q.occurredAt_gte === undefined || at(r) >= Date.parse(q.occurredAt_gte))
    .filter((r) => q.occurredAt_lte === undefined || at(r) <= Date.parse(q.occurredAt_lte))
    .filter((r) => q.source === undefined || r.source === q.source)
    .map(openView);
  return { status: 200, body: { errors }, example };
}

export function listFlowStepErrors(ctx: OperationContext<'listFlowStepErrors'>): Reply {
  return openErrors(ctx.state, ctx.params._flowId, ctx.params._stepId, ctx.query, undefined, 'import-errors');
}

/** [INF] Alias for an export step (one client calls it). */
export function listFlowExportErrors(ctx: OperationContext<'listFlowExportErrors'>): Reply {
  return openErrors(ctx.state, ctx.params._flowId, ctx.params._exportId, ctx.query, 'export', 'no-errors');
}

/** [INF] Alias for an import step. */
export function listFlowImportErrors(ctx: OperationContext<'listFlowImportErrors'>): Reply {
  return openErrors(ctx.state, ctx.params._flowId, ctx.params._importId, ctx.query, 'import', 'import-errors');
}

export function listFlowStepResolvedErrors(ctx: OperationContext<'listFlowStepResolvedErrors'>): Reply {
  const { _flowId: flowId, _stepId: stepId } = ctx.params;
  const found = stepOf(ctx.state, flowId, stepId);
  if (isReply(found)) return found;
  const q = ctx.query;
  const at = (r: StepErrorRecord) => Date.parse(r.resolvedAt!);
  const resolved = (ctx.state.stepErrors[flowId] ?? [])
    .filter((r) => r._stepId === stepId && !isOpen(r))
    .filter((r) => q.resolvedAt_gte === undefined || at(r) >= Date.parse(q.resolvedAt_gte))
    .filter((r) => q.resolvedAt_lte === undefined || at(r) <= Date.parse(q.resolvedAt_lte))
    .map(resolvedView);
  return { status: 200, body: { resolved }, example: 'resolved' };
}

function emptySelection(): Reply {
  return errorReply(422, 'missing-required-field', { code: 'missing_required_field', message: 'Select at least one error.', field: 'errors' });
}

/** [INF] 204; the open errors named by `errorId` are resolved (ids that are not open errors of the step are ignored). */
export function resolveFlowStepErrors(ctx: OperationContext<'resolveFlowStepErrors'>): Reply {
  const { _flowId: flowId, _stepId: stepId } = ctx.params;
  const found = stepOf(ctx.state, flowId, stepId);
  if (isReply(found)) return found;
  if (ctx.body.errors.length === 0) return emptySelection();
  const ids = new Set(ctx.body.errors);
  resolveStepErrors(ctx.state, flowId, stepId, (r) => ids.has(r.errorId), ctx.now(), tokenOf(ctx)?.userId ?? 'auto');
  return { status: 204 };
}

/**
 * [INF] 200 `{_jobId}` of a new `type: retry` job (`_parentJobId`: the flow job of the first retried error); the
 * retried errors leave the open list (resolved `by: auto`); unknown keys are ignored; `errorFileId` retries every
 * open error of the step.
 */
export function retryFlowStepErrors(ctx: OperationContext<'retryFlowStepErrors'>): Reply {
  const { _flowId: flowId, _stepId: stepId } = ctx.params;
  const found = stepOf(ctx.state, flowId, stepId);
  if (isReply(found)) return found;
  const { retryDataKeys = [], errorIds = [], errorFileId } = ctx.body;
  if (retryDataKeys.length === 0 && errorIds.length === 0 && errorFileId === undefined) return emptySelection();
  const keys = new Set(retryDataKeys);
  const ids = new Set(errorIds);
  const pick = (r: StepErrorRecord) => errorFileId !== undefined || (r.retryDataKey !== undefined && keys.has(r.retryDataKey)) || ids.has(r.errorId);
  const retried = resolveStepErrors(ctx.state, flowId, stepId, pick, ctx.now(), 'auto');
  const parent = retried[0]?._flowJobId ? find(ctx.state.jobs, retried[0]._flowJobId) : undefined;
  const job = startRetry(ctx.state, parent, found.flow, retried.length, ctx.now(), ctx.ids);
  return { status: 200, body: { _jobId: job._id }, example: 'retry-started' };
}

/** An empty or keyless selection is 422 `missing_required_field` (the documented 422); other body failures as usual. */
export function rejectInvalidSelection(problems: ValidationProblem[]): Reply {
  const body = problems.filter((p) => p.location === 'body');
  if (problems.every((p) => p.location === 'body') && body.some((p) => p.kind === 'missing' || p.field === '')) return emptySelection();
  return rejectInvalidBodyFor('Flow')(problems);
}
