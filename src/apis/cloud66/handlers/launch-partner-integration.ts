import type { Reply, RequestContext } from '../../../engine/api-module.js';
import { addLink, findLink, findPartner, type Cloud66State, type Partner } from '../state.js';
import { unknownPartner } from '../errors.js';
import type { OperationContext } from '../types.js';

/**
 * Step 1 ([INF] stands in for the user's click on the dashboard): a pending link, then 302 to the partner's URL
 * with `uid`, `email` and `callback`, as in the seed's `GET http://partner/url?uid=abc123&email=…&callback=…`.
 */
export function launchPartnerIntegration(ctx: OperationContext<'launchPartnerIntegration'>): Reply {
  const partnerId = ctx.params.partnerId;
  const partner = findPartner(ctx.state, partnerId);
  if (!partner) return unknownPartner();
  const email = ctx.query.email;
  const uid = newLinkUid(ctx);
  const callback = `${ctx.apiBaseUrl}/partners/${encodeURIComponent(partnerId)}/callback`;
  // Built before the link is stored, so a bad redirectUrl in a fixture changes nothing.
  const location = partnerUrl(partner, ctx.sandboxBaseUrl, { uid, email, callback });
  addLink(ctx.state, {
    uid,
    email,
    partner: partnerId,
    callback,
    status: 'pending',
    createdAt: ctx.now().toISOString(),
  });
  return { status: 302, headers: { location } };
}

function newLinkUid(ctx: RequestContext<Cloud66State>): string {
  let uid = ctx.ids.hex(12);
  while (findLink(ctx.state, uid)) uid = ctx.ids.hex(12);
  return uid;
}

function partnerUrl(partner: Partner, sandboxBaseUrl: string, query: Record<string, string>): string {
  const url = new URL(partner.redirectUrl.replaceAll('{sandbox}', sandboxBaseUrl));
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}
