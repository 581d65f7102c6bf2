import type { FamilyOperations } from '../types.js';
import { notYetServed } from './not-yet-served.js';

/** Scripts (CRUD) and users (ashares: list, update). */
export const scriptsUsersOperations: FamilyOperations<'listScripts' | 'createScript' | 'getScript' | 'updateScript' | 'deleteScript' | 'listAshares' | 'updateAshare'> = {
  listScripts: { handler: notYetServed },
  createScript: { handler: notYetServed },
  getScript: { handler: notYetServed },
  updateScript: { handler: notYetServed },
  deleteScript: { handler: notYetServed },
  listAshares: { handler: notYetServed },
  updateAshare: { handler: notYetServed },
};
