import type { Reply } from '../../../engine/api-module.js';
import { organizationExists } from '../errors.js';
import {
  addOrganization,
  addUser,
  findOrganizationByVendorId,
  hasOrganizationWithEmail,
  hasUser,
  type OemOrganization,
  type OemState,
} from '../state.js';
import type { OperationContext, RequestBody } from '../types.js';
import { userFrom } from './users.js';

/**
 * POST /api/oem-api/organization: the organization and ([INF]) its first user from the same `data`.
 * The token is returned only here, as the docs say it cannot be recovered.
 */
export function createOrganization(ctx: OperationContext<'oemCreateOrganization'>): Reply {
  const { data } = ctx.body;
  if (clashes(ctx.state, data)) return organizationExists();
  const org: OemOrganization = {
    id: ctx.ids.hex(24),
    organizationOemToken: ctx.ids.hex(48),
    name: data.name,
    email: data.email,
    ...(data.vendorOrganizationId !== undefined && { vendorOrganizationId: data.vendorOrganizationId }),
  };
  addOrganization(ctx.state, org);
  addUser(ctx.state, userFrom(org.id, data));
  return {
    status: 201,
    example: 'organization-created',
    body: { status: 201, message: 'Successfully created organization', organizationOemToken: org.organizationOemToken },
  };
}

/** [INF] Same vendorOrganizationId or email as an organization, or a first user that already exists. */
function clashes(state: OemState, data: RequestBody<'oemCreateOrganization'>['data']): boolean {
  const orgClash =
    (data.vendorOrganizationId !== undefined && findOrganizationByVendorId(state, data.vendorOrganizationId) !== undefined) ||
    hasOrganizationWithEmail(state, data.email);
  return orgClash || hasUser(state, data.email, data.vendorUserId);
}
