import type { FamilyOperations } from '../types.js';
import { notYetServed } from './not-yet-served.js';

/** Exports and imports: CRUD, each on a connection. */
export const stepsOperations: FamilyOperations<'listExports' | 'createExport' | 'getExport' | 'updateExport' | 'deleteExport' | 'listImports' | 'createImport' | 'getImport' | 'updateImport' | 'deleteImport'> = {
  listExports: { handler: notYetServed },
  createExport: { handler: notYetServed },
  getExport: { handler: notYetServed },
  updateExport: { handler: notYetServed },
  deleteExport: { handler: notYetServed },
  listImports: { handler: notYetServed },
  createImport: { handler: notYetServed },
  getImport: { handler: notYetServed },
  updateImport: { handler: notYetServed },
  deleteImport: { handler: notYetServed },
};
