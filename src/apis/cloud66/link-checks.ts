/**
 * The partner POST's checks, in the seed's failure-table order (first match wins). Run from one place for the
 * handler and its `rejectInvalid` alike (`answerLink`), so a body the schema rejects gets exactly the 403 the
 * handler would give, in the same order.
 */
import { findLink, findUser, hasService, sameEmail, type Cloud66State, type Link, type User } from './state.js';

export type LinkFailure =
  | 'link-uid-missing'
  | 'user-email-missing'
  | 'invalid-user-email'
  | 'invalid-link-uid'
  | 'already-linked'
  | 'integration-specific-error';

export type LinkCheck =
  | { ok: false; failure: LinkFailure }
  | { ok: true; link: Link; user: User; payload: Record<string, unknown> };

/** Same rule as `LinkRequest.project_uid` in the spec. */
const PROJECT_UID = /^[A-Za-z0-9_-]{1,64}$/;

/** Rails reads absent, null and blank parameters alike as missing. */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function checkLinkRequest(state: Cloud66State, partnerId: string, body: unknown): LinkCheck {
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const { link_uid: linkUid, user_email: email, ...payload } = fields;
  if (isBlank(linkUid)) return { ok: false, failure: 'link-uid-missing' };
  if (isBlank(email)) return { ok: false, failure: 'user-email-missing' };
  const link = typeof linkUid === 'string' ? findLink(state, linkUid) : undefined;
  const ownLink = link?.partner === partnerId ? link : undefined;
  const user = typeof email === 'string' ? findUser(state, email) : undefined;
  // A malformed email is never a user's, so "unknown user" covers it; the link's email only counts when the link does.
  if (!user || !user.canAcceptIntegrations || (ownLink && !sameEmail(ownLink.email, user.email))) {
    return { ok: false, failure: 'invalid-user-email' };
  }
  if (!ownLink) return { ok: false, failure: 'invalid-link-uid' };
  // "xxx is already linked to this account": the account, not just this link, already has the partner's service.
  if (ownLink.status === 'linked' || hasService(state, partnerId, user.email)) return { ok: false, failure: 'already-linked' };
  if (payload.project_uid !== undefined && !(typeof payload.project_uid === 'string' && PROJECT_UID.test(payload.project_uid))) {
    return { ok: false, failure: 'integration-specific-error' };
  }
  return { ok: true, link: ownLink, user, payload };
}
