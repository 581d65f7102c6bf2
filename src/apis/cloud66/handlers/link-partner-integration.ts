import type { Reply, RequestContext, ValidationProblem } from '../../../engine/api-module.js';
import { addService, findPartner, type Cloud66State } from '../state.js';
import { linkFailureReply, unknownPartner } from '../errors.js';
import { checkLinkRequest } from '../link-checks.js';
import type { OperationContext } from '../types.js';

/** Step 2, the partner's unique endpoint: the seed's checks in order, then the link is consumed. */
export function linkPartnerIntegration(ctx: OperationContext<'linkPartnerIntegration'>): Reply {
  return answerLink(ctx, []);
}

/** A body the schema refused gets exactly the 403 the checks give it, in the same order. */
export function rejectInvalidLink(problems: ValidationProblem[], ctx: RequestContext<Cloud66State>): Reply {
  return answerLink(ctx, problems);
}

/**
 * The one place the checks run, for a body the schema accepted (`problems` empty) or refused. The body stays
 * `unknown` here: the checks read a refused body too.
 */
function answerLink(ctx: RequestContext<Cloud66State>, problems: ValidationProblem[]): Reply {
  const partnerId = ctx.params.partnerId;
  const partner = findPartner(ctx.state, partnerId);
  if (!partner) return unknownPartner();
  const check = checkLinkRequest(ctx.state, partnerId, ctx.body);
  if (!check.ok) return linkFailureReply(check.failure, partner.serviceName);
  if (problems.length > 0) {
    // The checks mirror the schema, so this only happens if the two drift apart: still a 403, never a 400.
    const reply = linkFailureReply('integration-specific-error', partner.serviceName);
    reply.body = { error: 'forbidden', error_description: problems.map((p) => p.message).join('; ') };
    return reply;
  }
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
