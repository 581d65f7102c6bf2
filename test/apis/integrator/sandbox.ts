import { integratorApi } from '../../../src/apis/integrator/index.js';
import type { ApiModule } from '../../../src/engine/api-module.js';
import { useSandbox, type TestSandbox } from '../../helpers/sandbox.js';

/** A sandbox serving only integrator.io, so these tests do not depend on the other three APIs; one for the whole file. */
export function useIntegratorSandbox(): TestSandbox {
  return useSandbox({ modules: [integratorApi as ApiModule] });
}

export const FULL = { Authorization: 'Bearer integrator-sandbox-token' };
export const READ_ONLY = { Authorization: 'Bearer integrator-readonly-token' };
export const EU = { Authorization: 'Bearer integrator-eu-token' };
export const DIY_ID = '554155c853bb53af2900000b';
export const SMART_ID = '57974ed227a82a3475cecb15';
export const BASE = '/integrator/v1/integrations';

export interface OperationRequest {
  operationId: string;
  method: string;
  path: string;
  /** A valid body, for the operations that take one. */
  body?: Record<string, unknown>;
}

/** One valid request per operation, for the conditions every operation shares (credentials, bodies, throttling). */
export const OPERATIONS: OperationRequest[] = [
  { operationId: 'listIntegrations', method: 'GET', path: BASE },
  { operationId: 'createIntegration', method: 'POST', path: BASE, body: { name: 'Orders to ERP' } },
  { operationId: 'getIntegration', method: 'GET', path: `${BASE}/${DIY_ID}` },
  { operationId: 'updateIntegration', method: 'PUT', path: `${BASE}/${DIY_ID}`, body: { name: 'Renamed' } },
  { operationId: 'deleteIntegration', method: 'DELETE', path: `${BASE}/${DIY_ID}` },
  { operationId: 'cloneIntegration', method: 'POST', path: `${BASE}/${DIY_ID}/clone`, body: { name: 'Copy' } },
  { operationId: 'getTokenInfo', method: 'GET', path: '/integrator/v1/tokenInfo' },
];

export const BODY_OPERATIONS = OPERATIONS.filter((op) => op.body !== undefined);
export const WRITE_OPERATIONS = OPERATIONS.filter((op) => op.method !== 'GET');

export function operation(operationId: string): OperationRequest {
  return OPERATIONS.find((op) => op.operationId === operationId)!;
}
