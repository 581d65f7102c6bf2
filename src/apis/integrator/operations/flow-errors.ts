import type { FamilyOperations } from '../types.js';
import { notYetServed } from './not-yet-served.js';

/** Error management: summaries per integration and flow, open and resolved errors of a step, resolve, retry. */
export const flowErrorsOperations: FamilyOperations<'getIntegrationErrorSummary' | 'getFlowErrorSummary' | 'listFlowStepErrors' | 'listFlowStepResolvedErrors' | 'resolveFlowStepErrors' | 'retryFlowStepErrors' | 'listFlowExportErrors' | 'listFlowImportErrors'> = {
  getIntegrationErrorSummary: { handler: notYetServed },
  getFlowErrorSummary: { handler: notYetServed },
  listFlowStepErrors: { handler: notYetServed },
  listFlowStepResolvedErrors: { handler: notYetServed },
  resolveFlowStepErrors: { handler: notYetServed },
  retryFlowStepErrors: { handler: notYetServed },
  listFlowExportErrors: { handler: notYetServed },
  listFlowImportErrors: { handler: notYetServed },
};
