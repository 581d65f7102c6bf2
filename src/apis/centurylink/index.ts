import type { ApiModule, Reply, RequestContext } from '../../engine/api-module.js';
import { engineError, rejectInvalid } from './errors.js';
import { authenticateProvision, provisionAccount } from './handlers/provision-account.js';
import { updateSubscription } from './handlers/update-subscription.js';
import { type CenturyLinkState, createState, viewState } from './state.js';

export type { CenturyLinkState } from './state.js';

/** Only provision-account has a header credential; update-subscription's `providerkey` is a body field. */
function authenticate(ctx: RequestContext<CenturyLinkState>): Reply | undefined {
  return ctx.operationId === 'provisionAccount' ? authenticateProvision(ctx) : undefined;
}

export const centurylinkApi: ApiModule<CenturyLinkState> = {
  name: 'centurylink',
  prefix: '/centurylink',
  specFile: 'specs/centurylink.yaml',
  createState: (fixture) => createState(fixture),
  handlers: {
    updateSubscription,
    // The seed spells the path both ways; both are served on purpose by the same handler.
    updateSubscriptionPlural: updateSubscription,
    provisionAccount,
  },
  authenticate,
  rejectInvalid,
  engineError,
  viewState,
};
