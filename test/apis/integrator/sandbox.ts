import { integratorApi } from '../../../src/apis/integrator/index.js';
import type { ApiModule } from '../../../src/engine/api-module.js';
import { startSandbox, type TestSandbox } from '../../helpers/sandbox.js';

/** A sandbox serving only integrator.io, so these tests do not depend on the other three APIs. */
export function startIntegratorSandbox(): Promise<TestSandbox> {
  return startSandbox({ modules: [integratorApi as ApiModule] });
}

export const FULL = { Authorization: 'Bearer integrator-sandbox-token' };
export const READ_ONLY = { Authorization: 'Bearer integrator-readonly-token' };
export const EU = { Authorization: 'Bearer integrator-eu-token' };
export const DIY_ID = '554155c853bb53af2900000b';
export const SMART_ID = '57974ed227a82a3475cecb15';
export const BASE = '/integrator/v1/integrations';
