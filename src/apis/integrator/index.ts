import { defineApi } from '../../engine/api-module.js';
import type { operations } from '../../spec-types/integrator.js';
import { authenticate, authenticateRead } from './authenticate.js';
import { engineError, rejectInvalid, rejectInvalidBody, rejectInvalidClone, rejectInvalidList } from './errors.js';
import { cloneIntegration } from './handlers/clone-integration.js';
import { createIntegration } from './handlers/create-integration.js';
import { deleteIntegration } from './handlers/delete-integration.js';
import { getIntegration } from './handlers/get-integration.js';
import { getTokenInfo } from './handlers/get-token-info.js';
import { listIntegrations } from './handlers/list-integrations.js';
import { updateIntegration } from './handlers/update-integration.js';
import { connectionsOperations } from './operations/connections.js';
import { flowErrorsOperations } from './operations/flow-errors.js';
import { flowsOperations } from './operations/flows.js';
import { jobsOperations } from './operations/jobs.js';
import { keyStateOperations } from './operations/key-state.js';
import { scriptsUsersOperations } from './operations/scripts-users.js';
import { stepsOperations } from './operations/steps.js';
import { createState, restoreState, type IntegratorState } from './state.js';
import { viewState } from './view-state.js';

/** Celigo integrator.io Integration API, mounted at `/integrator`. */
export const integratorApi = defineApi<IntegratorState, operations>({
  name: 'integrator',
  prefix: '/integrator',
  specFile: 'specs/integrator.yaml',
  createState,
  restoreState,
  operations: {
    listIntegrations: { handler: listIntegrations, authenticate: authenticateRead, rejectInvalid: rejectInvalidList },
    createIntegration: { handler: createIntegration, rejectInvalid: rejectInvalidBody },
    getIntegration: { handler: getIntegration, authenticate: authenticateRead },
    updateIntegration: { handler: updateIntegration, rejectInvalid: rejectInvalidBody },
    deleteIntegration: { handler: deleteIntegration },
    cloneIntegration: { handler: cloneIntegration, rejectInvalid: rejectInvalidClone },
    getTokenInfo: { handler: getTokenInfo, authenticate: authenticateRead },
    ...connectionsOperations,
    ...stepsOperations,
    ...scriptsUsersOperations,
    ...keyStateOperations,
    ...flowsOperations,
    ...jobsOperations,
    ...flowErrorsOperations,
  },
  authenticate,
  rejectInvalid,
  engineError,
  viewState,
});
