import { expect } from 'vitest';
import { OemClient, succeeded, type IntegrationCredentials, type NewOrganization } from '../../../src/clients/oem-client.js';
import { NEW_ORGANIZATION, OEM_CLIENT as CLIENT, OEM_CREDS as AUTH, OEM_ORG_TOKEN as ORG_TOKEN } from '../../helpers/oem-fixture.js';
import { MatchersV3, type PactInteraction, type PactPair, type PactRequest } from '../pact-suite.js';

const { arrayContaining, regex } = MatchersV3;

const SEED_VENDOR = {
  id: '43211235',
  name: 'vendor name',
  integrationStatus: 'active',
  integrationType: 'custom_hosted',
  integrationCredentialTemplate: { 'api key': '', 'api username': '' },
};
/** The seed's own create example: `api user` stands for the template's `api username`. */
const SEED_CREDENTIALS: IntegrationCredentials = { 'api user': 'api-user', 'api key': 'api-key' };
/** The integration the `oem/existing-integration` scenario sets up (the seed's id). */
const EXISTING_ID = '67ae3bcff05cb32e0cb6d9b7';
const objectId = () => regex('^[0-9a-f]{24}$', EXISTING_ID);
/** The fixture's Sandbox MSP, by its vendorOrganizationId and email. */
const EXISTING_ORGANIZATION: NewOrganization = {
  name: 'Sandbox MSP',
  email: 'admin@sandbox-msp.example',
  firstName: 'Sandbox',
  lastName: 'Admin',
  vendorUserId: 'sandbox-user-1',
  vendorOrganizationId: 'sandbox-org-1',
};

function request(method: 'POST' | 'PATCH', path: string, fields: Record<string, unknown>, auth: object = AUTH): PactRequest {
  return { method, path, headers: { 'Content-Type': 'application/json' }, body: { ...auth, ...fields } };
}

const createIntegration = (vendorId: string, credentials: IntegrationCredentials, orgToken = ORG_TOKEN) =>
  request('POST', '/api/oem-api/integration', { organizationOemToken: orgToken, data: { vendorId, integrationCredentials: credentials } });

const error = (status: number, message: string) => ({ status, body: { status, message } });

async function expectError(pending: Promise<{ status: number; body: unknown }>, status: number, message: string) {
  const result = await pending;
  expect([result.status, result.body]).toEqual([status, { status, message }]);
}

const interactions: PactInteraction<OemClient>[] = [
  {
    description: 'a vendor-list request with the client credentials',
    state: 'default fixture',
    request: request('POST', '/api/oem-api/vendor', {}),
    response: { status: 200, body: { status: 200, message: 'Successfully fetched MSPC vendors', vendors: arrayContaining(SEED_VENDOR) } },
    async exercise(client) {
      const result = await client.listVendors();
      if (!succeeded(result)) throw new Error(`vendors: ${result.status}`);
      expect(result.body.vendors).toContainEqual(SEED_VENDOR);
    },
  },
  {
    description: "a create-integration request with the seed's credentials",
    state: 'default fixture',
    request: createIntegration('43211235', SEED_CREDENTIALS),
    response: {
      status: 201,
      body: { integration: { id: objectId(), vendorId: '43211235' }, status: 201, message: 'Successfully created an integration for an organization' },
    },
    async exercise(client) {
      const result = await client.createIntegration(ORG_TOKEN, '43211235', SEED_CREDENTIALS);
      if (!succeeded(result)) throw new Error(`create integration: ${result.status}`);
      expect(result.status).toBe(201);
      expect(result.body.integration).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), vendorId: '43211235' });
    },
  },
  {
    description: 'a create-integration request for a vendor the organization already integrates',
    state: 'oem/existing-integration',
    request: createIntegration('43211235', SEED_CREDENTIALS),
    response: error(409, 'Integration already exists for this organization and vendor'),
    exercise: (client) =>
      expectError(client.createIntegration(ORG_TOKEN, '43211235', SEED_CREDENTIALS), 409, 'Integration already exists for this organization and vendor'),
  },
  {
    description: "a create-integration request whose credentials do not fit the vendor's template",
    state: 'default fixture',
    request: createIntegration('43211235', { 'api user': 'api-user' }),
    response: error(400, "Integration credentials do not match the vendor's credential template: expected api key, api username"),
    exercise: (client) =>
      expectError(
        client.createIntegration(ORG_TOKEN, '43211235', { 'api user': 'api-user' }),
        400,
        "Integration credentials do not match the vendor's credential template: expected api key, api username",
      ),
  },
  {
    description: 'a create-integration request with a wrong client secret',
    state: 'default fixture',
    request: request(
      'POST',
      '/api/oem-api/integration',
      { organizationOemToken: ORG_TOKEN, data: { vendorId: '43211235', integrationCredentials: SEED_CREDENTIALS } },
      { ...AUTH, clientSecret: 'wrong-secret' },
    ),
    response: error(401, 'Invalid client ID or client secret'),
    exercise: (client) =>
      expectError(
        new OemClient(client.baseUrl, { ...CLIENT, clientSecret: 'wrong-secret' }).createIntegration(ORG_TOKEN, '43211235', SEED_CREDENTIALS),
        401,
        'Invalid client ID or client secret',
      ),
  },
  {
    description: 'a create-integration request with an unknown organization token',
    state: 'default fixture',
    request: createIntegration('43211235', SEED_CREDENTIALS, 'unknown-org-token'),
    response: error(403, 'Invalid organization token'),
    exercise: (client) => expectError(client.createIntegration('unknown-org-token', '43211235', SEED_CREDENTIALS), 403, 'Invalid organization token'),
  },
  {
    description: 'a create-integration request for an unknown vendor',
    state: 'default fixture',
    request: createIntegration('99999999', SEED_CREDENTIALS),
    response: error(404, 'Vendor not found'),
    exercise: (client) => expectError(client.createIntegration(ORG_TOKEN, '99999999', SEED_CREDENTIALS), 404, 'Vendor not found'),
  },
  {
    description: 'an integration-list request for an organization with one integration',
    state: 'oem/existing-integration',
    request: request('POST', '/api/oem-api/integration/list', { organizationOemToken: ORG_TOKEN }),
    response: {
      status: 200,
      body: {
        integrations: [{ id: objectId(), vendorId: '43211235', integrationCredentialTemplate: [{ 'api user': '', 'api key': '' }] }],
        status: 200,
        message: "Successfully fetched list of user's integrations",
      },
    },
    async exercise(client) {
      const result = await client.listIntegrations(ORG_TOKEN);
      if (!succeeded(result)) throw new Error(`list integrations: ${result.status}`);
      expect(result.body.integrations).toEqual([
        { id: EXISTING_ID, vendorId: '43211235', integrationCredentialTemplate: [{ 'api user': '', 'api key': '' }] },
      ]);
    },
  },
  {
    description: "an update-integration request for the organization's integration",
    state: 'oem/existing-integration',
    request: request('PATCH', `/api/oem-api/integration/${EXISTING_ID}`, {
      organizationOemToken: ORG_TOKEN,
      data: { integrationCredentials: { 'api user': 'updated-api-user', 'api key': 'updated-api-key' } },
    }),
    response: {
      status: 200,
      body: { integration: { id: EXISTING_ID, vendorId: '43211235' }, status: 200, message: "Successfully updated a user's integration credentials" },
    },
    async exercise(client) {
      const result = await client.updateIntegration(ORG_TOKEN, EXISTING_ID, { 'api user': 'updated-api-user', 'api key': 'updated-api-key' });
      if (!succeeded(result)) throw new Error(`update integration: ${result.status}`);
      expect(result.body.integration).toEqual({ id: EXISTING_ID, vendorId: '43211235' });
    },
  },
  {
    description: 'an update-integration request for an unknown integration',
    state: 'default fixture',
    request: request('PATCH', '/api/oem-api/integration/ffffffffffffffffffffffff', {
      organizationOemToken: ORG_TOKEN,
      data: { integrationCredentials: SEED_CREDENTIALS },
    }),
    response: error(404, 'Integration not found'),
    exercise: (client) => expectError(client.updateIntegration(ORG_TOKEN, 'ffffffffffffffffffffffff', SEED_CREDENTIALS), 404, 'Integration not found'),
  },
  {
    description: 'a create-organization request with new details',
    state: 'default fixture',
    request: request('POST', '/api/oem-api/organization', { data: NEW_ORGANIZATION }),
    response: {
      status: 201,
      body: {
        status: 201,
        message: 'Successfully created organization',
        // The token's format is the API's business; the consumer only needs a non-blank one to store.
        organizationOemToken: regex('^\\S+$', '3f9a1c0b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e'),
      },
    },
    async exercise(client) {
      const result = await client.createOrganization(NEW_ORGANIZATION);
      if (!succeeded(result)) throw new Error(`create organization: ${result.status}`);
      expect(result.status).toBe(201);
      expect(result.body.organizationOemToken).toMatch(/^\S+$/);
    },
  },
  {
    description: 'a create-organization request for an organization that already exists',
    state: 'default fixture',
    request: request('POST', '/api/oem-api/organization', { data: EXISTING_ORGANIZATION }),
    response: error(409, 'Organization with these details already exists'),
    exercise: (client) => expectError(client.createOrganization(EXISTING_ORGANIZATION), 409, 'Organization with these details already exists'),
  },
  {
    description: 'a vendor-list request while the API is failing',
    state: 'oem/server-error',
    request: request('POST', '/api/oem-api/vendor', {}),
    response: error(500, 'Internal server error'),
    exercise: (client) => expectError(client.listVendors(), 500, 'Internal server error'),
  },
];

/**
 * A vendor's backend (`oem-client`) managing its partners' MSPCentric integrations through the OEM API (seed 003):
 * vendors, integrations (create, list, update) and organizations. The sandbox is the provider; states are the
 * `oem/*` scenarios or the default fixture (client oem-sandbox-client, organization token org-sandbox-token).
 */
export const pair: PactPair<OemClient> = {
  consumer: 'oem-client',
  provider: 'mspc-oem-api',
  verifyAt: '/oem',
  partnerIsProvider: false,
  makeClient: (baseUrl) => new OemClient(baseUrl, CLIENT),
  interactions,
};
