import { authenticateRead } from '../authenticate.js';
import {
  deleteAllIntegrationState, deleteAllState, deleteIntegrationState, deleteState, getIntegrationState, getState, listIntegrationStateKeys,
  listStateKeys, putIntegrationState, putState, rejectInvalidState,
} from '../handlers/key-state.js';
import type { FamilyOperations } from '../types.js';

const account = rejectInvalidState('account');
const integration = rejectInvalidState('integration');

/** The state API: JSON under a key, for the account and per integration (reads open to a read-only token). */
export const keyStateOperations: FamilyOperations<'listStateKeys' | 'deleteAllState' | 'getState' | 'putState' | 'deleteState' | 'listIntegrationStateKeys' | 'deleteAllIntegrationState' | 'getIntegrationState' | 'putIntegrationState' | 'deleteIntegrationState'> = {
  listStateKeys: { handler: listStateKeys, authenticate: authenticateRead, rejectInvalid: account },
  deleteAllState: { handler: deleteAllState, rejectInvalid: account },
  getState: { handler: getState, authenticate: authenticateRead, rejectInvalid: account },
  putState: { handler: putState, rejectInvalid: account },
  deleteState: { handler: deleteState, rejectInvalid: account },
  listIntegrationStateKeys: { handler: listIntegrationStateKeys, authenticate: authenticateRead, rejectInvalid: integration },
  deleteAllIntegrationState: { handler: deleteAllIntegrationState, rejectInvalid: integration },
  getIntegrationState: { handler: getIntegrationState, authenticate: authenticateRead, rejectInvalid: integration },
  putIntegrationState: { handler: putIntegrationState, rejectInvalid: integration },
  deleteIntegrationState: { handler: deleteIntegrationState, rejectInvalid: integration },
};
