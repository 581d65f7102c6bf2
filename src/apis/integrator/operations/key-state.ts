import type { FamilyOperations } from '../types.js';
import { notYetServed } from './not-yet-served.js';

/** The state API: JSON under a key, for the account and per integration. */
export const keyStateOperations: FamilyOperations<'listStateKeys' | 'deleteAllState' | 'getState' | 'putState' | 'deleteState' | 'listIntegrationStateKeys' | 'deleteAllIntegrationState' | 'getIntegrationState' | 'putIntegrationState' | 'deleteIntegrationState'> = {
  listStateKeys: { handler: notYetServed },
  deleteAllState: { handler: notYetServed },
  getState: { handler: notYetServed },
  putState: { handler: notYetServed },
  deleteState: { handler: notYetServed },
  listIntegrationStateKeys: { handler: notYetServed },
  deleteAllIntegrationState: { handler: notYetServed },
  getIntegrationState: { handler: notYetServed },
  putIntegrationState: { handler: notYetServed },
  deleteIntegrationState: { handler: notYetServed },
};
