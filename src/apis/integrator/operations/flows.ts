import type { Reply, ValidationProblem } from '../../../engine/api-module.js';
import { authenticateRead } from '../authenticate.js';
import { errorReply, rejectInvalidBodyFor, rejectInvalidFor, rejectInvalidList } from '../errors.js';
import { getLatestFlowJobs, runFlow } from '../handlers/flow-runs.js';
import { cloneFlow, createFlow, deleteFlow, getFlow, getFlowAudit, getFlowDependencies, listFlows, listIntegrationFlows, updateFlow } from '../handlers/flows.js';
import type { FamilyOperations } from '../types.js';

/**
 * cloneFlow's schema failures: a bad id is the flow's 404, a bad `connectionMap` 400 `invalid_connectionMap`, a
 * missing or malformed `_integrationId` names no integration (422 `invalid_ref`), anything else 422 as usual.
 */
function rejectInvalidFlowClone(problems: ValidationProblem[]): Reply {
  const body = problems.filter((p) => p.location === 'body');
  if (problems.length === body.length) {
    const map = body.filter((p) => p.field === 'connectionMap' || p.field.startsWith('connectionMap.'));
    if (map.length > 0) {
      return errorReply(400, 'missing-connection-map', { code: 'invalid_connectionMap', message: 'connectionMap must map connection ids to connection ids.', field: 'connectionMap' });
    }
    if (body.some((p) => p.field === '_integrationId')) {
      return errorReply(422, 'invalid-ref', { code: 'invalid_ref', message: 'Integration not found for the given id.', field: '_integrationId' });
    }
  }
  return rejectInvalidBodyFor('Flow')(problems);
}

/** Flows: CRUD, clone, run, an integration's flows, latest jobs, dependencies, audit. */
export const flowsOperations: FamilyOperations<'listFlows' | 'createFlow' | 'getFlow' | 'updateFlow' | 'deleteFlow' | 'cloneFlow' | 'runFlow' | 'listIntegrationFlows' | 'getLatestFlowJobs' | 'getFlowDependencies' | 'getFlowAudit'> = {
  listFlows: { handler: listFlows, authenticate: authenticateRead, rejectInvalid: rejectInvalidList },
  createFlow: { handler: createFlow, rejectInvalid: rejectInvalidBodyFor('Flow') },
  getFlow: { handler: getFlow, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Flow') },
  updateFlow: { handler: updateFlow, rejectInvalid: rejectInvalidBodyFor('Flow') },
  deleteFlow: { handler: deleteFlow, rejectInvalid: rejectInvalidFor('Flow') },
  cloneFlow: { handler: cloneFlow, rejectInvalid: rejectInvalidFlowClone },
  runFlow: { handler: runFlow, rejectInvalid: rejectInvalidBodyFor('Flow') },
  // A bad integration id is the integration's 404 (rejectInvalidList's default).
  listIntegrationFlows: { handler: listIntegrationFlows, authenticate: authenticateRead, rejectInvalid: rejectInvalidList },
  getLatestFlowJobs: { handler: getLatestFlowJobs, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Flow') },
  getFlowDependencies: { handler: getFlowDependencies, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Flow') },
  getFlowAudit: { handler: getFlowAudit, authenticate: authenticateRead, rejectInvalid: rejectInvalidFor('Flow') },
};
