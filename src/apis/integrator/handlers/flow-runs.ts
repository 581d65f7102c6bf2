import type { Reply } from '../../../engine/api-module.js';
import { find, listed } from '../collection.js';
import { errorReply, notFoundOf } from '../errors.js';
import { advanceJobs, startRun } from '../job-clock.js';
import { flowConnectionIds } from '../flow-model.js';
import type { OperationContext } from '../types.js';

/**
 * POST /v1/flows/{_id}/run: 201 `{_jobId}` of a new queued flow job (and its step jobs), which then moves on the
 * job clock (job-clock.ts: one step per read). [INF] A disabled flow → 422 `flow_disabled`; a step whose
 * connection is `offline: true` → 422 `connection_offline` (connection.md: such flows "will not run").
 */
export function runFlow(ctx: OperationContext<'runFlow'>): Reply {
  const flow = find(ctx.state.flows, ctx.params._id);
  if (!flow) return notFoundOf('Flow');
  if (flow.disabled === true) {
    return errorReply(422, 'flow-disabled', {
      code: 'flow_disabled',
      message: `Flow ${flow._id} is disabled. Enable it before running it.`,
      field: 'disabled',
    });
  }
  for (const id of flowConnectionIds(ctx.state, flow)) {
    const connection = find(ctx.state.connections, id);
    if (connection?.offline === true) {
      const name = typeof connection.name === 'string' && connection.name !== '' ? ` (${connection.name})` : '';
      return errorReply(422, 'connection-offline', {
        code: 'connection_offline',
        message: `Connection ${id}${name} is offline. Fix its credentials and ping it before running the flow.`,
        field: '_connectionId',
      });
    }
  }
  const job = startRun(ctx.state, flow, ctx.now(), ctx.ids);
  return { status: 201, body: { _jobId: job._id }, example: 'run-started' };
}

/**
 * GET /v1/flows/{_id}/jobs/latest: `[newest flow job]`, 204 when the flow never ran. [INF] A read of the job: the
 * answer shows it as it was, then it moves one step on the job clock.
 */
export function getLatestFlowJobs(ctx: OperationContext<'getLatestFlowJobs'>): Reply {
  const flow = find(ctx.state.flows, ctx.params._id);
  if (!flow) return notFoundOf('Flow');
  const latest = listed(ctx.state.jobs).filter((job) => job.type === 'flow' && job._flowId === flow._id).at(-1);
  if (!latest) return { status: 204 };
  advanceJobs(ctx.state, [latest], ctx.now(), ctx.ids);
  return { status: 200, body: [latest], example: 'latest' };
}
