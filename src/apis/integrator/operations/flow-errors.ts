import { authenticateRead } from '../authenticate.js';
import { rejectInvalidFor } from '../errors.js';
import {
  getFlowErrorSummary, getIntegrationErrorSummary, listFlowExportErrors, listFlowImportErrors, listFlowStepErrors, listFlowStepResolvedErrors,
  rejectInvalidSelection, resolveFlowStepErrors, retryFlowStepErrors,
} from '../handlers/flow-errors.js';
import type { FamilyOperations } from '../types.js';

/** Error management: summaries per integration and flow, open and resolved errors of a step, resolve, retry. */
export const flowErrorsOperations: FamilyOperations<'getIntegrationErrorSummary' | 'getFlowErrorSummary' | 'listFlowStepErrors' | 'listFlowStepResolvedErrors' | 'resolveFlowStepErrors' | 'retryFlowStepErrors' | 'listFlowExportErrors' | 'listFlowImportErrors'> = {
  // A bad integration id is the integration's 404 (the API's default rejectInvalid).
  getIntegrationErrorSummary: { handler: getIntegrationErrorSummary, authenticate: authenticateRead },
  getFlowErrorSummary: { handler: getFlowErrorSummary, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Flow') },
  listFlowStepErrors: { handler: listFlowStepErrors, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Flow') },
  listFlowStepResolvedErrors: { handler: listFlowStepResolvedErrors, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Flow') },
  // [SRC] celigo/ai: monitor users may resolve; a read-only API token still may not (the API's default).
  resolveFlowStepErrors: { handler: resolveFlowStepErrors, rejectInvalid: rejectInvalidSelection },
  retryFlowStepErrors: { handler: retryFlowStepErrors, rejectInvalid: rejectInvalidSelection },
  listFlowExportErrors: { handler: listFlowExportErrors, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Flow') },
  listFlowImportErrors: { handler: listFlowImportErrors, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Flow') },
};
