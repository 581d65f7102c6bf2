import type { Reply } from '../../../engine/api-module.js';
import { notFound } from '../errors.js';
import { findIntegration } from '../state.js';
import type { OperationContext } from '../types.js';

/** GET /v1/integrations/{_id} (include/exclude are ignored here, as documented). */
export function getIntegration(ctx: OperationContext<'getIntegration'>): Reply {
  const doc = findIntegration(ctx.state, ctx.params._id);
  if (!doc) return notFound();
  const example = doc._connectorId ? 'smartconnector-integration' : 'diy-integration';
  // Stored documents are never changed in place, so no copy is needed.
  return { status: 200, body: doc, example };
}
