import type { Reply, RequestContext } from '../../../engine/api-module.js';
import { notFound } from '../errors.js';
import { findIntegration, type IntegratorState } from '../state.js';

/** GET /v1/integrations/{_id} (include/exclude are ignored here, as documented). */
export function getIntegration(ctx: RequestContext<IntegratorState>): Reply {
  const doc = findIntegration(ctx.state, ctx.params._id);
  if (!doc) return notFound();
  const example = doc._connectorId ? 'smartconnector-integration' : 'diy-integration';
  // Stored documents are never changed in place, so no copy is needed.
  return { status: 200, body: doc, example };
}
