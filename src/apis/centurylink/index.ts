import { defineApi, type OperationDefinition } from '../../engine/api-module.js';
import type { operations } from '../../spec-types/centurylink.js';
import { engineError, rejectInvalid, rejectInvalidProvision, rejectInvalidUpdate } from './errors.js';
import { authenticateProvision, provisionAccount } from './handlers/provision-account.js';
import { updateSubscription } from './handlers/update-subscription.js';
import { type CenturyLinkState, createState, restoreState, viewState } from './state.js';

export type { CenturyLinkState } from './state.js';

// The seed spells the path both ways; both are served on purpose by the same operation.
const update: OperationDefinition<CenturyLinkState, operations['updateSubscription']> = {
  handler: updateSubscription,
  rejectInvalid: rejectInvalidUpdate,
};

export const centurylinkApi = defineApi<CenturyLinkState, operations>({
  name: 'centurylink',
  prefix: '/centurylink',
  specFile: 'specs/centurylink.yaml',
  createState: (fixture) => createState(fixture),
  restoreState,
  operations: {
    updateSubscription: update,
    updateSubscriptionPlural: update,
    // Only provision-account has a header credential; update-subscription's `providerkey` is a body field.
    provisionAccount: { handler: provisionAccount, authenticate: authenticateProvision, rejectInvalid: rejectInvalidProvision },
  },
  rejectInvalid,
  engineError,
  viewState,
});
