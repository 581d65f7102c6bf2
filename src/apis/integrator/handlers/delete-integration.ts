import type { Reply } from '../../../engine/api-module.js';
import { notFound } from '../errors.js';
import { remove } from '../collection.js';
import { removeIntegration } from '../state.js';
import type { OperationContext } from '../types.js';

/** DELETE /v1/integrations/{_id}: 204 with its flows ([SRC] recycle-bin.md: a delete takes them along); 404 for a second delete. */
export function deleteIntegration(ctx: OperationContext<'deleteIntegration'>): Reply {
  const { state } = ctx;
  if (!removeIntegration(state, ctx.params._id)) return notFound();
  for (const id of state.flows.order.filter((flowId) => state.flows.byId[flowId]._integrationId === ctx.params._id)) remove(state.flows, id);
  delete state.integrationState[ctx.params._id];
  return { status: 204 };
}
