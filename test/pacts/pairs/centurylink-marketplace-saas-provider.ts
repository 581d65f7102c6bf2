import { expect } from 'vitest';
import { isProvisioned, SaasProviderClient } from '../../../src/clients/saas-provider-client.js';
import { MatchersV3, type PactPair } from '../pact-suite.js';

const { like } = MatchersV3;
const API_KEY = { 'X-Api-Key': 'sandbox-provision-key' };
const ACCOUNT = { resellerkey: 'reseller-1', name: 'Ada Lovelace', email: 'ada@example.com' };

/**
 * The marketplace calls a SaaS provider's `/<provider>-provision-account/` (seed: 201 with the Co ID, 40x, 50x).
 * Providers implement this side; the fixture's `default fixture` state holds an account for
 * customer@sandbox.example, so a provider verifying this pact needs that account too.
 */
export const pair: PactPair<SaasProviderClient> = {
  consumer: 'centurylink-marketplace',
  provider: 'saas-provider',
  verifyAt: '/centurylink',
  partnerIsProvider: true,
  makeClient: (baseUrl) => new SaasProviderClient(baseUrl, 'acme', 'sandbox-provision-key'),
  interactions: [
    {
      description: 'a provision-account request with the required fields',
      state: 'default fixture',
      request: { method: 'POST', path: '/acme-provision-account/', headers: { 'Content-Type': 'application/json', ...API_KEY }, body: ACCOUNT },
      response: { status: 201, body: { coid: like('COID-0A1B2C3D4E5F') } },
      async exercise(client) {
        const result = await client.provisionAccount(ACCOUNT);
        expect(isProvisioned(result)).toBe(true);
      },
    },
    {
      description: 'a provision-account request without the required email',
      state: 'default fixture',
      request: { method: 'POST', path: '/acme-provision-account/', headers: { 'Content-Type': 'application/json', ...API_KEY }, body: { resellerkey: 'reseller-1', name: 'Ada Lovelace' } },
      response: { status: 400 },
      async exercise(client) {
        const result = await client.provisionAccount({ resellerkey: 'reseller-1', name: 'Ada Lovelace' } as never);
        expect([result.status, isProvisioned(result)]).toEqual([400, false]);
      },
    },
    {
      description: 'a provision-account request for an email that already has an account',
      state: 'default fixture',
      request: {
        method: 'POST',
        path: '/acme-provision-account/',
        headers: { 'Content-Type': 'application/json', ...API_KEY },
        body: { ...ACCOUNT, email: 'customer@sandbox.example' },
      },
      response: { status: 409 },
      async exercise(client) {
        const result = await client.provisionAccount({ ...ACCOUNT, email: 'customer@sandbox.example' });
        expect(result.status).toBe(409);
      },
    },
  ],
};
