import type { Reply } from '../../../engine/api-module.js';
import { notFound } from '../errors.js';
import { removeIntegration } from '../state.js';
import type { OperationContext } from '../types.js';

/** DELETE /v1/integrations/{_id}: 204, and 404 for a second delete. */
export function deleteIntegration(ctx: OperationContext<'deleteIntegration'>): Reply {
  if (!removeIntegration(ctx.state, ctx.params._id)) return notFound();
  return { status: 204 };
}
