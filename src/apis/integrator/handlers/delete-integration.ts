import type { Reply, RequestContext } from '../../../engine/api-module.js';
import { notFound } from '../errors.js';
import { removeIntegration, type IntegratorState } from '../state.js';

/** DELETE /v1/integrations/{_id}: 204, and 404 for a second delete. */
export function deleteIntegration(ctx: RequestContext<IntegratorState>): Reply {
  if (!removeIntegration(ctx.state, ctx.params._id)) return notFound();
  return { status: 204 };
}
