import type { Reply, RequestContext } from '../../../engine/api-module.js';
import { organizationExists } from '../errors.js';
import { sameEmail, type OemOrganization, type OemState, type OemUser } from '../state.js';
import type { CreateOrganizationBody } from '../types.js';

/**
 * POST /api/oem-api/organization: the organization and ([INF]) its first user from the same `data`.
 * The token is returned only here, as the docs say it cannot be recovered.
 */
export function createOrganization(ctx: RequestContext<OemState>): Reply {
  const { data } = ctx.body as CreateOrganizationBody;
  if (clashes(ctx.state, data)) return organizationExists();
  const org: OemOrganization = {
    id: ctx.ids.hex(24),
    organizationOemToken: ctx.ids.hex(48),
    name: data.name,
    email: data.email,
    ...(data.vendorOrganizationId !== undefined && { vendorOrganizationId: data.vendorOrganizationId }),
  };
  const user: OemUser = {
    organizationId: org.id,
    email: data.email,
    firstName: data.firstName,
    lastName: data.lastName,
    vendorUserId: data.vendorUserId,
    ...(data.vendorOrganizationId !== undefined && { vendorOrganizationId: data.vendorOrganizationId }),
  };
  ctx.state.organizations.push(org);
  ctx.state.users.push(user);
  return {
    status: 201,
    example: 'organization-created',
    body: { status: 201, message: 'Successfully created organization', organizationOemToken: org.organizationOemToken },
  };
}

/** [INF] Same vendorOrganizationId or email as an organization, or a first user that already exists. */
function clashes(state: OemState, data: CreateOrganizationBody['data']): boolean {
  const orgClash = state.organizations.some(
    (o) =>
      (data.vendorOrganizationId !== undefined && o.vendorOrganizationId === data.vendorOrganizationId) ||
      sameEmail(o.email, data.email),
  );
  return orgClash || state.users.some((u) => sameEmail(u.email, data.email) || u.vendorUserId === data.vendorUserId);
}
