import type { Reply, RequestContext } from '../../../engine/api-module.js';
import { addService, findPartner, type Cloud66State } from '../state.js';
import { linkFailureReply, unknownPartner } from '../errors.js';
import { checkLinkRequest } from '../link-checks.js';

/** Step 2, the partner's unique endpoint: the seed's checks in order, then the link is consumed. */
export function linkPartnerIntegration(ctx: RequestContext<Cloud66State>): Reply {
  const partnerId = ctx.params.partnerId;
  const partner = findPartner(ctx.state, partnerId);
  if (!partner) return unknownPartner();
  const check = checkLinkRequest(ctx.state, partnerId, ctx.body);
  if (!check.ok) return linkFailureReply(check.failure, partner.serviceName);
  const linkedAt = ctx.now().toISOString();
  check.link.status = 'linked';
  check.link.linkedAt = linkedAt;
  delete check.link.error;
  addService(ctx.state, {
    partner: partnerId,
    email: check.user.email,
    linkUid: check.link.uid,
    payload: check.payload,
    linkedAt,
  });
  return { status: 200, body: { ok: true, message: 'service added' }, example: 'service-added' };
}
