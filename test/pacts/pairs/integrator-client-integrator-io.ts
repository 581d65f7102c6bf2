import { expect } from 'vitest';
import { errorCodes, IntegratorClient, isIntegration, type CloneManifest, type Integration, type IntegrationInput } from '../../../src/clients/integrator-client.js';
import { RESOURCE_INTERACTIONS } from '../integrator-resource-interactions.js';
import { MatchersV3, type PactPair } from '../pact-suite.js';

const { like, eachLike, regex } = MatchersV3;

// The fixture's credentials and integrations (scenarios/default.yaml, `integrator`).
const TOKEN = 'integrator-sandbox-token';
const READONLY_TOKEN = 'integrator-readonly-token';
const DIY_ID = '554155c853bb53af2900000b';
const SMARTCONNECTOR_ID = '57974ed227a82a3475cecb15';
const UNKNOWN_ID = '0123456789abcdef01234567';

const AUTH = { Authorization: `Bearer ${TOKEN}` };
const JSON_AUTH = { 'Content-Type': 'application/json', ...AUTH };

const objectId = (example: string) => regex('^[0-9a-f]{24}$', example);
const isoTime = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$', example);

/** integrator.io's envelope: one entry, the stable `code` exact, the (inferred) message only by type. */
const errorBody = (code: string, message: string, field?: string) => ({ errors: [{ code, message: like(message), ...(field ? { field } : {}) }] });

const NEW_INTEGRATION: IntegrationInput = {
  name: 'Orders to ERP',
  description: 'Sends new web orders to the ERP every 15 minutes.',
  readme: 'Owned by the order-to-cash team.',
};

// The seed's SmartConnector with new settings (a managed update's work).
const NEW_SETTINGS = {
  name: 'BigCommerce - NetSuite Connector',
  _connectorId: '56fd5ad0945a2345c4e678ac',
  _registeredConnectionIds: ['56fd5ad0945a2345c4e67801', '56fd5ad0945a2345c4e67802'],
  mode: 'settings',
  settings: { sections: [{ title: 'General' }], commonresources: { genericExportApiIdentifier: 'e7654358b7' } },
} satisfies IntegrationInput;
// The managed update finished: the flag cleared and the version incremented in the same PUT.
const FINISHED_UPDATE: IntegrationInput = { ...NEW_SETTINGS, version: '1.0.2', updateInProgress: false };
// The same settings while the update still runs (leaving the flag out keeps it true).
const SETTINGS_DURING_UPDATE: IntegrationInput = { ...NEW_SETTINGS, version: '1.0.1' };

const CLONE_REQUEST = {
  name: 'BigCommerce - NetSuite Connector (EU store)',
  connectionMap: { '56fd5ad0945a2345c4e67801': '6a1f0c3e8b9d2e4f5a6b7c99' },
  tag: 'eu',
};

const RATE_LIMITED = { status: 429, headers: { 'Retry-After': '2' }, body: errorBody('rate_limited', 'Too many requests. Retry after 2 seconds.') };

/**
 * A partner's code managing integrations in an integrator.io account (seed: celigo/integrator-api-docs
 * `integration.md`): list with `skip`/`limit` and `Link`, get the DIY and SmartConnector integrations, create,
 * update (the managed-update flag), delete, clone, and the token's info; auth, 404, 422 and 429 failures; and the
 * resources an embedded flow is built from (integrator-resource-interactions.ts).
 */
export const pair: PactPair<IntegratorClient> = {
  consumer: 'integrator-client',
  provider: 'integrator-io',
  verifyAt: '/integrator',
  partnerIsProvider: false,
  makeClient: (baseUrl) => new IntegratorClient(baseUrl, TOKEN),
  interactions: [
    {
      description: 'a request for the first page of integrations, one per page',
      state: 'default fixture',
      request: { method: 'GET', path: '/v1/integrations', query: { limit: '1' }, headers: AUTH },
      response: {
        status: 200,
        // The host is the provider's own (absolute URLs), so only the path and query are fixed.
        headers: {
          Link: regex(
            '^<https?://[^>]+/v1/integrations\\?skip=1&limit=1>; rel="next"$',
            '<http://127.0.0.1:4010/integrator/v1/integrations?skip=1&limit=1>; rel="next"',
          ),
        },
        body: eachLike({ _id: objectId(DIY_ID), name: like('Licensing and Usage'), lastModified: isoTime('2017-08-07T18:34:07.786Z') }),
      },
      async exercise(client) {
        const page = await client.list({ limit: 1 });
        expect(page.status).toBe(200);
        expect(page.items).toHaveLength(1);
        expect(new URL(page.next!).search).toBe('?skip=1&limit=1');
        expect(page.prev).toBeUndefined();
      },
    },
    {
      description: 'a request for the second and last page of integrations, one per page',
      state: 'default fixture',
      request: { method: 'GET', path: '/v1/integrations', query: { skip: '1', limit: '1' }, headers: AUTH },
      response: {
        status: 200,
        headers: {
          Link: regex(
            '^<https?://[^>]+/v1/integrations\\?skip=0&limit=1>; rel="prev"$',
            '<http://127.0.0.1:4010/integrator/v1/integrations?skip=0&limit=1>; rel="prev"',
          ),
        },
        body: eachLike({ _id: objectId(SMARTCONNECTOR_ID), name: like('BigCommerce - NetSuite Connector') }),
      },
      async exercise(client) {
        const page = await client.list({ skip: 1, limit: 1 });
        expect(page.items).toHaveLength(1);
        expect(page.next).toBeUndefined();
        expect(new URL(page.prev!).search).toBe('?skip=0&limit=1');
      },
    },
    {
      description: 'a request for the integrations of an account that has none',
      state: 'integrator/empty-account',
      request: { method: 'GET', path: '/v1/integrations', headers: AUTH },
      response: { status: 204 },
      async exercise(client) {
        const page = await client.list();
        expect([page.status, page.items, page.next]).toEqual([204, [], undefined]);
      },
    },
    {
      description: 'a request for the DIY integration',
      state: 'default fixture',
      request: { method: 'GET', path: `/v1/integrations/${DIY_ID}`, headers: AUTH },
      response: {
        status: 200,
        body: {
          _id: DIY_ID,
          name: 'Licensing and Usage',
          readme: 'This integration is mission critical and keeps the licensing data...',
          createdAt: isoTime('2017-08-01T09:00:00.000Z'),
          lastModified: isoTime('2017-08-07T18:34:07.786Z'),
        },
      },
      async exercise(client) {
        const result = await client.get(DIY_ID);
        expect(isIntegration(result)).toBe(true);
        expect((result.body as Integration).name).toBe('Licensing and Usage');
      },
    },
    {
      description: 'a request for the SmartConnector integration, with its SmartConnector fields',
      state: 'default fixture',
      request: { method: 'GET', path: `/v1/integrations/${SMARTCONNECTOR_ID}`, headers: AUTH },
      response: {
        status: 200,
        body: {
          _id: SMARTCONNECTOR_ID,
          name: 'BigCommerce - NetSuite Connector',
          _connectorId: like('56fd5ad0945a2345c4e678ac'),
          createdAt: isoTime('2017-09-01T10:00:00.000Z'),
          lastModified: isoTime('2017-09-15T10:55:15.675Z'),
          install: eachLike({ name: like('NetSuite Connection'), completed: like(false), installerFunction: like('verifyNetSuiteConnection') }),
          mode: regex('^(install|settings|uninstall)$', 'install'),
          settings: like({ commonresources: like({ genericExportApiIdentifier: 'e7654358b7' }) }),
          version: like('1.0.1'),
          updateInProgress: like(false),
        },
      },
      async exercise(client) {
        const result = await client.get(SMARTCONNECTOR_ID);
        expect(isIntegration(result)).toBe(true);
        const doc = result.body as Integration;
        expect([doc.mode, doc.version, doc.updateInProgress]).toEqual(['install', '1.0.1', false]);
        expect(doc.install?.length).toBeGreaterThan(0);
      },
    },
    {
      description: 'a request for an integration that does not exist',
      state: 'default fixture',
      request: { method: 'GET', path: `/v1/integrations/${UNKNOWN_ID}`, headers: AUTH },
      response: { status: 404, body: errorBody('not_found', 'Integration not found for the given id.') },
      async exercise(client) {
        const result = await client.get(UNKNOWN_ID);
        expect([result.status, isIntegration(result), errorCodes(result)]).toEqual([404, false, ['not_found']]);
      },
    },
    {
      description: 'a request to create a DIY integration',
      state: 'default fixture',
      request: { method: 'POST', path: '/v1/integrations', headers: JSON_AUTH, body: NEW_INTEGRATION },
      response: {
        status: 201,
        body: {
          ...NEW_INTEGRATION,
          _id: objectId('6a1f0c3e8b9d2e4f5a6b7c8d'),
          createdAt: isoTime('2026-01-15T12:00:00.000Z'),
          lastModified: isoTime('2026-01-15T12:00:00.000Z'),
        },
      },
      async exercise(client) {
        const result = await client.create(NEW_INTEGRATION);
        expect(isIntegration(result)).toBe(true);
        const doc = result.body as Integration;
        expect([result.status, doc.name]).toEqual([201, 'Orders to ERP']);
        expect(doc._id).toMatch(/^[0-9a-f]{24}$/);
      },
    },
    {
      description: 'a request to create an integration without a name',
      state: 'default fixture',
      request: { method: 'POST', path: '/v1/integrations', headers: JSON_AUTH, body: { description: 'No name given.' } },
      response: { status: 422, body: errorBody('missing_required_field', 'Name is required.', 'name') },
      async exercise(client) {
        const result = await client.create({ description: 'No name given.' } as IntegrationInput);
        expect([result.status, errorCodes(result)]).toEqual([422, ['missing_required_field']]);
      },
    },
    {
      description: 'a request to create an integration with an invalid mode',
      state: 'default fixture',
      request: { method: 'POST', path: '/v1/integrations', headers: JSON_AUTH, body: { name: 'Orders to ERP', mode: 'paused' } },
      response: { status: 422, body: errorBody('invalid_field', 'Mode must be equal to one of the allowed values.', 'mode') },
      async exercise(client) {
        const result = await client.create({ name: 'Orders to ERP', mode: 'paused' } as unknown as IntegrationInput);
        expect([result.status, errorCodes(result)]).toEqual([422, ['invalid_field']]);
      },
    },
    {
      description: 'a request to update the SmartConnector at the end of a managed update',
      state: 'default fixture',
      request: { method: 'PUT', path: `/v1/integrations/${SMARTCONNECTOR_ID}`, headers: JSON_AUTH, body: FINISHED_UPDATE },
      response: {
        status: 200,
        body: {
          ...FINISHED_UPDATE,
          _id: SMARTCONNECTOR_ID,
          createdAt: isoTime('2017-09-01T10:00:00.000Z'),
          lastModified: isoTime('2026-01-15T12:05:00.000Z'),
        },
      },
      async exercise(client) {
        const result = await client.update(SMARTCONNECTOR_ID, FINISHED_UPDATE);
        expect(isIntegration(result)).toBe(true);
        const doc = result.body as Integration;
        expect([doc.version, doc.mode, doc.updateInProgress]).toEqual(['1.0.2', 'settings', false]);
      },
    },
    {
      description: 'a request to change the SmartConnector settings while a managed update is in progress',
      state: 'integrator/update-in-progress',
      request: { method: 'PUT', path: `/v1/integrations/${SMARTCONNECTOR_ID}`, headers: JSON_AUTH, body: SETTINGS_DURING_UPDATE },
      response: {
        status: 422,
        body: errorBody(
          'update_in_progress',
          'Settings cannot be changed while an update is in progress. Set updateInProgress to false in the same request.',
          'settings',
        ),
      },
      async exercise(client) {
        const result = await client.update(SMARTCONNECTOR_ID, SETTINGS_DURING_UPDATE);
        expect([result.status, errorCodes(result)]).toEqual([422, ['update_in_progress']]);
      },
    },
    {
      description: 'a request to delete the DIY integration',
      state: 'default fixture',
      request: { method: 'DELETE', path: `/v1/integrations/${DIY_ID}`, headers: AUTH },
      response: { status: 204 },
      async exercise(client) {
        const result = await client.delete(DIY_ID);
        expect([result.status, result.body]).toEqual([204, undefined]);
      },
    },
    {
      description: 'a request to clone the SmartConnector onto another connection',
      state: 'default fixture',
      request: { method: 'POST', path: `/v1/integrations/${SMARTCONNECTOR_ID}/clone`, headers: JSON_AUTH, body: CLONE_REQUEST },
      response: {
        status: 201,
        // [SRC] The manifest of what was created; the SmartConnector has no flows, so the integration alone.
        body: [{ model: 'Integration', _id: objectId('6a1f0c3e8b9d2e4f5a6b7c8e'), name: CLONE_REQUEST.name }],
      },
      async exercise(client) {
        const result = await client.clone(SMARTCONNECTOR_ID, CLONE_REQUEST);
        expect(result.status).toBe(201);
        const [integration] = result.body as CloneManifest;
        expect(integration).toMatchObject({ model: 'Integration', name: CLONE_REQUEST.name });
        expect(integration._id).not.toBe(SMARTCONNECTOR_ID);
      },
    },
    {
      description: 'a request for the integrations without an API token',
      state: 'default fixture',
      request: { method: 'GET', path: '/v1/integrations' },
      response: { status: 401, body: errorBody('unauthorized', "Unauthorized. Please provide a valid API token as 'Authorization: Bearer <token>'.") },
      async exercise(client) {
        const page = await new IntegratorClient(client.baseUrl).list();
        expect([page.status, page.items, errorCodes(page)]).toEqual([401, [], ['unauthorized']]);
      },
    },
    {
      description: 'a request for the token info with an unknown API token',
      state: 'default fixture',
      request: { method: 'GET', path: '/v1/tokenInfo', headers: { Authorization: 'Bearer not-a-sandbox-token' } },
      response: { status: 401, body: errorBody('unauthorized', "Unauthorized. Please provide a valid API token as 'Authorization: Bearer <token>'.") },
      async exercise(client) {
        const result = await new IntegratorClient(client.baseUrl, 'not-a-sandbox-token').tokenInfo();
        expect([result.status, errorCodes(result)]).toEqual([401, ['unauthorized']]);
      },
    },
    {
      description: 'a request to create an integration with the read-only API token',
      state: 'default fixture',
      request: { method: 'POST', path: '/v1/integrations', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${READONLY_TOKEN}` }, body: NEW_INTEGRATION },
      response: { status: 403, body: errorBody('forbidden', "This API token's scope (read) does not allow this request.") },
      async exercise(client) {
        const result = await new IntegratorClient(client.baseUrl, READONLY_TOKEN).create(NEW_INTEGRATION);
        expect([result.status, errorCodes(result)]).toEqual([403, ['forbidden']]);
      },
    },
    {
      description: 'a request for the integrations while the request bucket is empty',
      state: 'integrator/rate-limited',
      request: { method: 'GET', path: '/v1/integrations', headers: AUTH },
      response: RATE_LIMITED,
      async exercise(client) {
        const page = await client.list();
        expect([page.status, page.headers.get('retry-after'), errorCodes(page)]).toEqual([429, '2', ['rate_limited']]);
      },
    },
    {
      description: 'a request for the info of the API token',
      state: 'default fixture',
      request: { method: 'GET', path: '/v1/tokenInfo', headers: AUTH },
      response: { status: 200, body: { _userId: '5a7c8f2e9b1d4c3a2f1e0d9c', scope: '*' } },
      async exercise(client) {
        const result = await client.tokenInfo();
        expect([result.status, result.body]).toEqual([200, { _userId: '5a7c8f2e9b1d4c3a2f1e0d9c', scope: '*' }]);
      },
    },
    ...RESOURCE_INTERACTIONS,
  ],
};
