import type { Reply, RequestContext } from '../../../engine/api-module.js';
import { notFound } from '../errors.js';
import type { IntegratorState } from '../state.js';

/** DELETE /v1/integrations/{_id}: 204, and 404 for a second delete. */
export function deleteIntegration(ctx: RequestContext<IntegratorState>): Reply {
  const index = ctx.state.integrations.findIndex((doc) => doc._id === ctx.params._id);
  if (index < 0) return notFound();
  ctx.state.integrations.splice(index, 1);
  return { status: 204 };
}
