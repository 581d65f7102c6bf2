import { defineApi, type Reply, type RequestContext } from '../../engine/api-module.js';
import { redactSecrets } from '../../engine/journal/redact.js';
import type { operations } from '../../spec-types/cloud66.js';
import { engineError, rejectInvalid, rejectInvalidCallback, rejectInvalidLanding, rejectInvalidLaunch, unknownPartner } from './errors.js';
import { completePartnerIntegration } from './handlers/complete-partner-integration.js';
import { launchPartnerIntegration } from './handlers/launch-partner-integration.js';
import { linkPartnerIntegration, rejectInvalidLink } from './handlers/link-partner-integration.js';
import { referencePartnerLanding } from './handlers/reference-partner-landing.js';
import { createState, findPartner, restoreState, type Cloud66State } from './state.js';

/** [INF] The partner path segment is the only credential: an unknown partner is 404 before any body check. */
function authenticate(ctx: RequestContext<Cloud66State>): Reply | undefined {
  return findPartner(ctx.state, ctx.params.partnerId ?? '') ? undefined : unknownPartner();
}

export const cloud66Api = defineApi<Cloud66State, operations>({
  name: 'cloud66',
  prefix: '/cloud66',
  specFile: 'specs/cloud66.yaml',
  createState,
  restoreState,
  operations: {
    launchPartnerIntegration: { handler: launchPartnerIntegration, rejectInvalid: rejectInvalidLaunch },
    linkPartnerIntegration: { handler: linkPartnerIntegration, rejectInvalid: rejectInvalidLink },
    completePartnerIntegration: { handler: completePartnerIntegration, rejectInvalid: rejectInvalidCallback },
    referencePartnerLanding: { handler: referencePartnerLanding, rejectInvalid: rejectInvalidLanding },
  },
  authenticate,
  rejectInvalid,
  engineError,
  // Partner payloads may carry credentials (a cloud vendor's API keys): the engine's key rule redacts those.
  // The lookup index is derived from the lists and not shown.
  viewState: ({ index: _index, ...state }) => redactSecrets(state),
});
