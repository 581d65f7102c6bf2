import { defineApi } from '../../engine/api-module.js';
import type { operations } from '../../spec-types/oem.js';
import { authenticate, authenticateOrganization, authenticateOrganizationIfGiven } from './authenticate.js';
import { engineError, rejectInvalid, rejectInvalidDeleteUser, rejectInvalidUpdateIntegration } from './errors.js';
import { createIntegration, listIntegrations, updateIntegration } from './handlers/integrations.js';
import { listVendors } from './handlers/list-vendors.js';
import { createOrganization } from './handlers/organizations.js';
import { createUser, deleteUser } from './handlers/users.js';
import { createState, type OemState } from './state.js';
import { viewState } from './view-state.js';

/** MSPCentric OEM API: credentials in every JSON body, organizations by token, integrations per org × vendor. */
export const oemApi = defineApi<OemState, operations>({
  name: 'oem',
  prefix: '/oem',
  specFile: 'specs/oem.yaml',
  createState,
  operations: {
    oemListVendors: { handler: listVendors },
    oemCreateIntegration: { handler: createIntegration, authenticate: authenticateOrganization },
    oemListIntegrations: { handler: listIntegrations, authenticate: authenticateOrganization },
    oemUpdateIntegration: { handler: updateIntegration, authenticate: authenticateOrganization, rejectInvalid: rejectInvalidUpdateIntegration },
    oemCreateOrganization: { handler: createOrganization },
    oemCreateUser: { handler: createUser, authenticate: authenticateOrganizationIfGiven },
    oemDeleteUser: { handler: deleteUser, authenticate: authenticateOrganization, rejectInvalid: rejectInvalidDeleteUser },
  },
  authenticate,
  rejectInvalid,
  engineError,
  viewState,
});
