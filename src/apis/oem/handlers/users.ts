import type { Reply } from '../../../engine/api-module.js';
import { organizationNotFound, userExists, userNotFound } from '../errors.js';
import {
  addUser,
  findOrganizationByEmailDomain,
  findOrganizationByToken,
  findOrganizationByVendorId,
  hasUser,
  isRecord,
  removeUser,
  sameEmail,
  userPositionsByEmail,
  userPositionsByVendorUserId,
  type OemOrganization,
  type OemState,
  type OemUser,
} from '../state.js';
import type { OperationContext, RequestBody, UserSelector } from '../types.js';

type CreateUserBody = RequestBody<'oemCreateUser'>;

/** POST /api/oem-api/user: 404 when no organization matches, then 409 for an existing user, else 201. */
export function createUser(ctx: OperationContext<'oemCreateUser'>): Reply {
  const { body } = ctx;
  const { data } = body;
  const org = organizationFor(ctx.state, body);
  if (!org) return organizationNotFound();
  // [INF] Emails and vendorUserIds identify one person across the platform.
  if (hasUser(ctx.state, data.email, data.vendorUserId)) return userExists();
  addUser(ctx.state, userFrom(org.id, data));
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
export function deleteUser(ctx: OperationContext<'oemDeleteUser'>): Reply {
  const { body } = ctx;
  const org = findOrganizationByToken(ctx.state, body.organizationOemToken)!;
  const selector = selectorOf(body.data);
  const position = candidates(ctx.state, selector).find((p) => {
    const user = ctx.state.users[p];
    return user.organizationId === org.id && identifies(user, selector);
  });
  if (position === undefined) return userNotFound();
  removeUser(ctx.state, position);
  return { status: 201, example: 'user-deleted', body: { status: 201, message: 'Success: User Deleted' } };
}

/** A new user of the organization from a create body's `data` (createUser's, or createOrganization's first user). */
export function userFrom(organizationId: string, data: CreateUserBody['data']): OemUser {
  return {
    organizationId,
    email: data.email,
    firstName: data.firstName,
    lastName: data.lastName,
    vendorUserId: data.vendorUserId,
    ...(data.vendorOrganizationId !== undefined && { vendorOrganizationId: data.vendorOrganizationId }),
  };
}

/**
 * [SRC] a matching vendorOrganizationId, else [SRC] the email domain; [INF] an explicit token wins over both
 * (authenticate() has already rejected an unknown one).
 */
function organizationFor(state: OemState, body: CreateUserBody): OemOrganization | undefined {
  if (body.organizationOemToken !== undefined) return findOrganizationByToken(state, body.organizationOemToken);
  const { vendorOrganizationId, email } = body.data;
  const byVendorId = vendorOrganizationId !== undefined ? findOrganizationByVendorId(state, vendorOrganizationId) : undefined;
  return byVendorId ?? findOrganizationByEmailDomain(state, email);
}

/** The delete's `data` as typed fields; the schema has checked that each one given is a string. */
function selectorOf(data: unknown): UserSelector {
  const fields = isRecord(data) ? data : {};
  return {
    ...(typeof fields.vendorUserId === 'string' && { vendorUserId: fields.vendorUserId }),
    ...(typeof fields.email === 'string' && { email: fields.email }),
  };
}

/** Positions of the users one of the given identifiers names, in list order (`identifies` checks the rest). */
function candidates(state: OemState, data: UserSelector): readonly number[] {
  if (typeof data.vendorUserId === 'string') return userPositionsByVendorUserId(state, data.vendorUserId);
  if (typeof data.email === 'string') return userPositionsByEmail(state, data.email);
  return [];
}

/** Every identifier the caller gave must match. */
function identifies(user: OemUser, data: UserSelector): boolean {
  if (data.vendorUserId !== undefined && user.vendorUserId !== data.vendorUserId) return false;
  if (data.email !== undefined && !sameEmail(user.email, data.email)) return false;
  return data.vendorUserId !== undefined || data.email !== undefined;
}
