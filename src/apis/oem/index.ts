import type { ApiModule } from '../../engine/api-module.js';
import { authenticate } from './authenticate.js';
import { engineError, rejectInvalid } from './errors.js';
import { createIntegration, listIntegrations, updateIntegration } from './handlers/integrations.js';
import { listVendors } from './handlers/list-vendors.js';
import { createOrganization } from './handlers/organizations.js';
import { createUser, deleteUser } from './handlers/users.js';
import { createState, type OemState } from './state.js';
import { viewState } from './view-state.js';

/** MSPCentric OEM API: credentials in every JSON body, organizations by token, integrations per org × vendor. */
export const oemApi: ApiModule<OemState> = {
  name: 'oem',
  prefix: '/oem',
  specFile: 'specs/oem.yaml',
  createState,
  handlers: {
    oemListVendors: listVendors,
    oemCreateIntegration: createIntegration,
    oemListIntegrations: listIntegrations,
    oemUpdateIntegration: updateIntegration,
    oemCreateOrganization: createOrganization,
    oemCreateUser: createUser,
    oemDeleteUser: deleteUser,
  },
  authenticate,
  rejectInvalid,
  engineError,
  viewState,
};
