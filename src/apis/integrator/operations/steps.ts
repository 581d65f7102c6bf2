import { authenticateRead } from '../authenticate.js';
import { rejectInvalidBodyFor, rejectInvalidFor, rejectInvalidList } from '../errors.js';
import {
  createExport, createImport, deleteExport, deleteImport, getExport, getImport, listExports, listImports, updateExport, updateImport,
} from '../handlers/steps.js';
import type { FamilyOperations } from '../types.js';

/** Exports and imports: CRUD, each on a connection. */
export const stepsOperations: FamilyOperations<'listExports' | 'createExport' | 'getExport' | 'updateExport' | 'deleteExport' | 'listImports' | 'createImport' | 'getImport' | 'updateImport' | 'deleteImport'> = {
  listExports: { handler: listExports, authenticate: authenticateRead, rejectInvalid: rejectInvalidList },
  createExport: { handler: createExport, rejectInvalid: rejectInvalidBodyFor('Export') },
  getExport: { handler: getExport, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Export') },
  updateExport: { handler: updateExport, rejectInvalid: rejectInvalidBodyFor('Export') },
  deleteExport: { handler: deleteExport, rejectInvalid: rejectInvalidFor('Export') },
  listImports: { handler: listImports, authenticate: authenticateRead, rejectInvalid: rejectInvalidList },
  createImport: { handler: createImport, rejectInvalid: rejectInvalidBodyFor('Import') },
  getImport: { handler: getImport, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Import') },
  updateImport: { handler: updateImport, rejectInvalid: rejectInvalidBodyFor('Import') },
  deleteImport: { handler: deleteImport, rejectInvalid: rejectInvalidFor('Import') },
};
