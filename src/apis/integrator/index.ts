import type { ApiModule } from '../../engine/api-module.js';
import { authenticate } from './authenticate.js';
import { engineError, rejectInvalid } from './errors.js';
import { cloneIntegration } from './handlers/clone-integration.js';
import { createIntegration } from './handlers/create-integration.js';
import { deleteIntegration } from './handlers/delete-integration.js';
import { getIntegration } from './handlers/get-integration.js';
import { getTokenInfo } from './handlers/get-token-info.js';
import { listIntegrations } from './handlers/list-integrations.js';
import { updateIntegration } from './handlers/update-integration.js';
import { createState, listedIntegrations, upgradeState, type IntegratorState } from './state.js';

/** Celigo integrator.io Integration API, mounted at `/integrator`. */
export const integratorApi: ApiModule<IntegratorState> = {
  name: 'integrator',
  prefix: '/integrator',
  specFile: 'specs/integrator.yaml',
  createState,
  handlers: {
    listIntegrations,
    createIntegration,
    getIntegration,
    updateIntegration,
    deleteIntegration,
    cloneIntegration,
    getTokenInfo,
  },
  authenticate,
  rejectInvalid,
  engineError,
  // As the state looked when `integrations` was a list: the keyed documents in list order, no `order`.
  viewState: (state) => {
    const { integrations: _byId, order: _order, ...rest } = upgradeState(state);
    return {
      ...rest,
      tokens: state.tokens.map((t) => ({ ...t, token: '[REDACTED]' })),
      integrations: listedIntegrations(state),
    };
  },
};
