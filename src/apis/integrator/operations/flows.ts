import type { FamilyOperations } from '../types.js';
import { notYetServed } from './not-yet-served.js';

/** Flows: CRUD, clone, run, an integration's flows, latest jobs, dependencies, audit. */
export const flowsOperations: FamilyOperations<'listFlows' | 'createFlow' | 'getFlow' | 'updateFlow' | 'deleteFlow' | 'cloneFlow' | 'runFlow' | 'listIntegrationFlows' | 'getLatestFlowJobs' | 'getFlowDependencies' | 'getFlowAudit'> = {
  listFlows: { handler: notYetServed },
  createFlow: { handler: notYetServed },
  getFlow: { handler: notYetServed },
  updateFlow: { handler: notYetServed },
  deleteFlow: { handler: notYetServed },
  cloneFlow: { handler: notYetServed },
  runFlow: { handler: notYetServed },
  listIntegrationFlows: { handler: notYetServed },
  getLatestFlowJobs: { handler: notYetServed },
  getFlowDependencies: { handler: notYetServed },
  getFlowAudit: { handler: notYetServed },
};
