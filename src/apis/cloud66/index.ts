import type { ApiModule, Reply, RequestContext } from '../../engine/api-module.js';
import { redactSecrets } from '../../engine/redact.js';
import { engineError, rejectInvalid, unknownPartner } from './errors.js';
import { completePartnerIntegration } from './handlers/complete-partner-integration.js';
import { launchPartnerIntegration } from './handlers/launch-partner-integration.js';
import { linkPartnerIntegration } from './handlers/link-partner-integration.js';
import { referencePartnerLanding } from './handlers/reference-partner-landing.js';
import { createState, findPartner, type Cloud66State } from './state.js';

/** [INF] The partner path segment is the only credential: an unknown partner is 404 before any body check. */
function authenticate(ctx: RequestContext<Cloud66State>): Reply | undefined {
  return findPartner(ctx.state, ctx.params.partnerId ?? '') ? undefined : unknownPartner();
}

export const cloud66Api: ApiModule<Cloud66State> = {
  name: 'cloud66',
  prefix: '/cloud66',
  specFile: 'specs/cloud66.yaml',
  createState,
  handlers: {
    launchPartnerIntegration,
    linkPartnerIntegration,
    completePartnerIntegration,
    referencePartnerLanding,
  },
  authenticate,
  rejectInvalid,
  engineError,
  // Partner payloads may carry credentials (a cloud vendor's API keys): the engine's key rule redacts those.
  // The lookup index is derived from the lists and not shown.
  viewState: ({ index: _index, ...state }) => redactSecrets(state),
};
