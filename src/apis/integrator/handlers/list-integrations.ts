import type { Reply } from '../../../engine/api-module.js';
import { listPage } from '../paging.js';
import { listedIntegrations } from '../state.js';
import type { OperationContext } from '../types.js';

/** GET /v1/integrations: one page, `Link` to its neighbours, 204 when the page is empty. */
export function listIntegrations(ctx: OperationContext<'listIntegrations'>): Reply {
  return listPage(ctx, listedIntegrations(ctx.state), '/v1/integrations', { full: 'integrations', projected: 'projected' });
}
