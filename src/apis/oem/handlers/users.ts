import type { Reply, RequestContext } from '../../../engine/api-module.js';
import { organizationNotFound, userExists, userNotFound } from '../errors.js';
import { emailDomain, findOrganizationByToken, sameEmail, type OemOrganization, type OemState, type OemUser } from '../state.js';
import type { CreateUserBody, DeleteUserBody } from '../types.js';

/** POST /api/oem-api/user: 404 when no organization matches, then 409 for an existing user, else 201. */
export function createUser(ctx: RequestContext<OemState>): Reply {
  const body = ctx.body as CreateUserBody;
  const { data } = body;
  const org = organizationFor(ctx.state, body);
  if (!org) return organizationNotFound();
  // [INF] Emails and vendorUserIds identify one person across the platform.
  if (ctx.state.users.some((u) => sameEmail(u.email, data.email) || u.vendorUserId === data.vendorUserId)) return userExists();
  const user: OemUser = {
    organizationId: org.id,
    email: data.email,
    firstName: data.firstName,
    lastName: data.lastName,
    vendorUserId: data.vendorUserId,
    ...(data.vendorOrganizationId !== undefined && { vendorOrganizationId: data.vendorOrganizationId }),
  };
  ctx.state.users.push(user);
  return {
    status: 201,
    example: 'user-created',
    body: {
      status: 201,
      message: 'Successfully created a user for the organization',
      organizationOemToken: org.organizationOemToken,
    },
  };
}

/** DELETE /api/oem-api/user: the docs answer 201 on success. */
export function deleteUser(ctx: RequestContext<OemState>): Reply {
  const body = ctx.body as DeleteUserBody;
  const org = findOrganizationByToken(ctx.state, body.organizationOemToken)!;
  const index = ctx.state.users.findIndex((u) => u.organizationId === org.id && identifies(u, body.data));
  if (index < 0) return userNotFound();
  ctx.state.users.splice(index, 1);
  return { status: 201, example: 'user-deleted', body: { status: 201, message: 'Success: User Deleted' } };
}

/**
 * [SRC] a matching vendorOrganizationId, else [SRC] the email domain; [INF] an explicit token wins over both
 * (authenticate() has already rejected an unknown one).
 */
function organizationFor(state: OemState, body: CreateUserBody): OemOrganization | undefined {
  if (body.organizationOemToken !== undefined) return findOrganizationByToken(state, body.organizationOemToken);
  const { vendorOrganizationId, email } = body.data;
  const byVendorId = vendorOrganizationId !== undefined
    ? state.organizations.find((o) => o.vendorOrganizationId === vendorOrganizationId)
    : undefined;
  return byVendorId ?? state.organizations.find((o) => emailDomain(o.email) === emailDomain(email));
}

/** Every identifier the caller gave must match. */
function identifies(user: OemUser, data: DeleteUserBody['data']): boolean {
  if (data.vendorUserId !== undefined && user.vendorUserId !== data.vendorUserId) return false;
  if (data.email !== undefined && !sameEmail(user.email, data.email)) return false;
  return data.vendorUserId !== undefined || data.email !== undefined;
}
