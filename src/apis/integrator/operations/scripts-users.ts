import { authenticateRead } from '../authenticate.js';
import { rejectInvalidBodyFor, rejectInvalidFor, rejectInvalidList } from '../errors.js';
import {
  createScript, deleteScript, getScript, listAshares, listScripts, rejectInvalidAshare, updateAshare, updateScript,
} from '../handlers/scripts-users.js';
import type { FamilyOperations } from '../types.js';

/** Scripts (CRUD) and users (ashares: list, update). */
export const scriptsUsersOperations: FamilyOperations<'listScripts' | 'createScript' | 'getScript' | 'updateScript' | 'deleteScript' | 'listAshares' | 'updateAshare'> = {
  listScripts: { handler: listScripts, authenticate: authenticateRead, rejectInvalid: rejectInvalidList },
  createScript: { handler: createScript, rejectInvalid: rejectInvalidBodyFor('Script') },
  getScript: { handler: getScript, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Script') },
  updateScript: { handler: updateScript, rejectInvalid: rejectInvalidBodyFor('Script') },
  deleteScript: { handler: deleteScript, rejectInvalid: rejectInvalidFor('Script') },
  listAshares: { handler: listAshares, authenticate: authenticateRead, rejectInvalid: rejectInvalidList },
  updateAshare: { handler: updateAshare, rejectInvalid: rejectInvalidAshare },
};
