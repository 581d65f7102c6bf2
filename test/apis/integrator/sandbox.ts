import { integratorApi } from '../../../src/apis/integrator/index.js';
import type { ApiModule } from '../../../src/engine/api-module.js';
import { listOperations } from '../../../src/engine/spec/operation-index.js';
import { loadDereferencedSpec } from '../../../src/engine/spec/spec-loader.js';
import { useSandbox, type TestSandbox } from '../../helpers/sandbox.js';
import { examplePath } from '../../specs/example-requests.js';

/** A sandbox serving only integrator.io, so these tests do not depend on the other three APIs; one for the whole file. */
export function useIntegratorSandbox(): TestSandbox {
  return useSandbox({ modules: [integratorApi as ApiModule] });
}

export const FULL = { Authorization: 'Bearer integrator-sandbox-token' };
export const READ_ONLY = { Authorization: 'Bearer integrator-readonly-token' };
export const EU = { Authorization: 'Bearer integrator-eu-token' };
export const DIY_ID = '554155c853bb53af2900000b';
export const SMART_ID = '57974ed227a82a3475cecb15';

/** The fixture's flow and what it is built from and ran (scenarios/default.yaml, `integrator`). */
export const V = '/integrator/v1';
export const FLOW = '597f3c2a9e1d4b0012a1c004';
export const EXPORT = '597f3c2a9e1d4b0012a1c002';
export const IMPORT = '597f3c2a9e1d4b0012a1c003';
export const CONNECTION = '597f3c2a9e1d4b0012a1c001';
export const SCRIPT = '597f3c2a9e1d4b0012a1c005';
export const FLOW_JOB = '65b0f1a2c3d4e5f6a7b8c901';
export const EXPORT_JOB = '65b0f1a2c3d4e5f6a7b8c902';
export const IMPORT_JOB = '65b0f1a2c3d4e5f6a7b8c903';
export const BASE = '/integrator/v1/integrations';

export interface OperationRequest {
  operationId: string;
  method: string;
  path: string;
  /** A valid body, for the operations that take one. */
  body?: Record<string, unknown>;
}

/** The integrations requests, written out (their bodies chosen for these tests). */
const INTEGRATION_OPERATIONS: OperationRequest[] = [
  { operationId: 'listIntegrations', method: 'GET', path: BASE },
  { operationId: 'createIntegration', method: 'POST', path: BASE, body: { name: 'Orders to ERP' } },
  { operationId: 'getIntegration', method: 'GET', path: `${BASE}/${DIY_ID}` },
  { operationId: 'updateIntegration', method: 'PUT', path: `${BASE}/${DIY_ID}`, body: { name: 'Renamed' } },
  { operationId: 'deleteIntegration', method: 'DELETE', path: `${BASE}/${DIY_ID}` },
  { operationId: 'cloneIntegration', method: 'POST', path: `${BASE}/${DIY_ID}/clone`, body: { name: 'Copy' } },
  { operationId: 'getTokenInfo', method: 'GET', path: '/integrator/v1/tokenInfo' },
];

/**
 * Every other operation's request from the spec itself: path values from its parameter examples (the fixture's
 * ids), the body from its first named request example. So an operation added to the spec is in these shared
 * checks at once.
 */
const SPEC_OPERATIONS = listOperations(await loadDereferencedSpec('specs/integrator.yaml'));

async function specOperations(): Promise<OperationRequest[]> {
  const written = new Set(INTEGRATION_OPERATIONS.map((op) => op.operationId));
  return SPEC_OPERATIONS
    .filter((op) => !written.has(op.operationId))
    .map((op) => {
      const json = (op.operation.requestBody as { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> } | undefined)?.content?.['application/json'];
      const example = json ? Object.values(json.examples ?? {})[0]?.value ?? {} : undefined;
      return { operationId: op.operationId, method: op.method.toUpperCase(), path: `/integrator${examplePath(op)}`, ...(json ? { body: example as Record<string, unknown> } : {}) };
    });
}

/** One valid request per operation, for the conditions every operation shares (credentials, bodies, throttling). */
export const OPERATIONS: OperationRequest[] = [...INTEGRATION_OPERATIONS, ...(await specOperations())];

export const BODY_OPERATIONS = OPERATIONS.filter((op) => op.body !== undefined);
/** The operations a read-only token may not call: every one whose spec documents that 403 (a ping, say, it may). */
const FORBIDDEN_TO_READ_TOKENS = new Set(SPEC_OPERATIONS.filter((op) => op.operation.responses?.['403']).map((op) => op.operationId));
export const WRITE_OPERATIONS = OPERATIONS.filter((op) => op.method !== 'GET' && FORBIDDEN_TO_READ_TOKENS.has(op.operationId));

export function operation(operationId: string): OperationRequest {
  return OPERATIONS.find((op) => op.operationId === operationId)!;
}
