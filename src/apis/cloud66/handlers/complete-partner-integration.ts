import type { Reply } from '../../../engine/api-module.js';
import { findLink, findPartner, type Link } from '../state.js';
import { unknownLink, unknownPartner } from '../errors.js';
import type { LinkView, OperationContext } from '../types.js';

/**
 * Step 3, where the partner sends the user back. [INF] Answers the link as JSON; an `error` from the partner marks
 * a link that is not linked as failed (a linked link is never undone by a later failed attempt).
 */
export function completePartnerIntegration(ctx: OperationContext<'completePartnerIntegration'>): Reply {
  const partnerId = ctx.params.partnerId;
  if (!findPartner(ctx.state, partnerId)) return unknownPartner();
  const link = findLink(ctx.state, ctx.query.uid);
  if (!link || link.partner !== partnerId) return unknownLink();
  const error = ctx.query.error;
  if (error !== undefined && error !== '' && link.status !== 'linked') {
    link.status = 'failed';
    link.error = error;
  }
  return { status: 200, body: linkView(link), example: link.status };
}

/** The link as the spec's `Link` schema shows it (the callback URL is internal). */
function linkView(link: Link): LinkView {
  const { callback: _callback, ...view } = link;
  return view;
}
