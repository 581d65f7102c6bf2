import type { Reply } from '../../../engine/api-module.js';
import type { OperationContext } from '../types.js';

/** POST /api/oem-api/vendor: the whole catalogue; templates always show blank values. */
export function listVendors(ctx: OperationContext<'oemListVendors'>): Reply {
  const vendors = ctx.state.vendors.map((v) => ({
    id: v.id,
    name: v.name,
    integrationStatus: v.integrationStatus,
    integrationType: v.integrationType,
    integrationCredentialTemplate: Object.fromEntries(Object.keys(v.integrationCredentialTemplate).map((k) => [k, ''])),
  }));
  return { status: 200, example: 'vendors', body: { status: 200, message: 'Successfully fetched MSPC vendors', vendors } };
}
