import type { DeferredReply, Reply, RequestContext } from '../../../engine/api-module.js';
import { SESSION_HEADER } from '../../../engine/http/mock-headers.js';
import { addPartnerAccount, findPartner, findPartnerAccount, type Cloud66State, type PartnerAccount } from '../state.js';
import { unknownPartner } from '../errors.js';
import type { OperationContext } from '../types.js';

/** How long the reference partner waits for its own call to Cloud 66. */
const LINK_TIMEOUT_MS = 10_000;

/**
 * [INF] The sandbox's reference partner: provisions an account for the email, POSTs the link to Cloud 66 over real
 * HTTP in the same session, then sends the user back to `callback` (with `error` when the POST failed).
 * The POST is made after the engine kept the provisioning: it is a request of its own on the same session.
 */
export function referencePartnerLanding(ctx: OperationContext<'referencePartnerLanding'>): Reply | DeferredReply {
  const partnerId = ctx.params.partnerId;
  if (!findPartner(ctx.state, partnerId)) return unknownPartner();
  const { uid, email } = ctx.query;
  const back = new URL(ctx.query.callback);
  const account = provisionAccount(ctx, partnerId, email);
  const link = { link_uid: uid, user_email: email, project_uid: account.projectUid };
  const target = { apiUrl: ctx.ownApiUrl, sessionId: ctx.sessionId };
  return {
    afterCommit: async () => {
      const error = await postLink(target, partnerId, link);
      back.searchParams.set('uid', uid);
      if (error) back.searchParams.set('error', error);
      return { status: 302, headers: { location: back.toString() } };
    },
  };
}

/** The partner "provisions a new account for the user or locates an existing one based on the email". */
function provisionAccount(ctx: RequestContext<Cloud66State>, partnerId: string, email: string): PartnerAccount {
  const existing = findPartnerAccount(ctx.state, partnerId, email);
  if (existing) return existing;
  const account = { partner: partnerId, email, projectUid: ctx.ids.hex(12), createdAt: ctx.now().toISOString() };
  addPartnerAccount(ctx.state, account);
  return account;
}

/** The partner's call to its unique endpoint; answers the failure's `error_description`, or undefined on success. */
async function postLink(
  ctx: { apiUrl: string; sessionId: string },
  partnerId: string,
  body: Record<string, string>,
): Promise<string | undefined> {
  try {
    const res = await fetch(`${ctx.apiUrl}/partners/${encodeURIComponent(partnerId)}/integrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SESSION_HEADER]: ctx.sessionId },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(LINK_TIMEOUT_MS),
    });
    if (res.ok) return undefined;
    const answer = (await res.json().catch(() => undefined)) as { error_description?: unknown } | undefined;
    return typeof answer?.error_description === 'string' ? answer.error_description : `HTTP ${res.status}`;
  } catch (err) {
    return `could not reach Cloud 66: ${err instanceof Error ? err.message : String(err)}`;
  }
}
