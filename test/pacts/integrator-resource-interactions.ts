import { expect } from 'vitest';
import { errorCodes, IntegratorClient } from '../../src/clients/integrator-client.js';
import type { Connection, Job } from '../../src/clients/integrator-resources.js';
import { MatchersV3, type PactPair } from './pact-suite.js';

const { like, eachLike, regex } = MatchersV3;

// The fixture's resources (scenarios/default.yaml, `integrator`): one integration's flow on an export and an
// import over one HTTP connection, and a completed run of it.
const AUTH = { Authorization: 'Bearer integrator-sandbox-token' };
const JSON_AUTH = { 'Content-Type': 'application/json', ...AUTH };
const DIY_ID = '554155c853bb53af2900000b';
const CONNECTION_ID = '597f3c2a9e1d4b0012a1c001';
const FLOW_ID = '597f3c2a9e1d4b0012a1c004';
const FLOW_JOB_ID = '65b0f1a2c3d4e5f6a7b8c901';
const IMPORT_JOB_ID = '65b0f1a2c3d4e5f6a7b8c903';
const SECRET = 'ledger-api-s3cr3t';
const MASK = '******';

const objectId = (example: string) => regex('^[0-9a-f]{24}$', example);
const isoTime = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$', example);
const errorBody = (code: string, message: string, field?: string) => ({ errors: [{ code, message: like(message), ...(field ? { field } : {}) }] });

const NEW_CONNECTION: Partial<Connection> = {
  name: 'Ledger API',
  type: 'http' as const,
  http: { baseURI: 'https://ledger.example.com/v1', mediaType: 'json', auth: { type: 'basic', basic: { username: 'svc_ledger', password: SECRET } } },
};

type Interactions = PactPair<IntegratorClient>['interactions'];

/**
 * What a partner's code embedding a flow calls beyond integrations (connection.md, flow.md, job.md): a connection
 * whose secret comes back masked, the integration's flows, a run and its job, a job's errors, and a delete the
 * API refuses while the connection is in use.
 */
export const RESOURCE_INTERACTIONS: Interactions = [
  {
    description: 'a request to create an HTTP connection with a password',
    state: 'default fixture',
    request: { method: 'POST', path: '/v1/connections', headers: JSON_AUTH, body: NEW_CONNECTION },
    response: {
      status: 201,
      // [SRC] Credentials are stored and never answered: the password comes back as the mask.
      body: {
        _id: objectId('6a1f0c3e8b9d2e4f5a6b7ca1'),
        name: 'Ledger API',
        type: 'http',
        http: { baseURI: 'https://ledger.example.com/v1', mediaType: 'json', auth: { type: 'basic', basic: { username: 'svc_ledger', password: MASK } } },
        lastModified: isoTime('2026-01-15T12:00:00.000Z'),
      },
    },
    async exercise(client) {
      const result = await client.connections.create(NEW_CONNECTION);
      expect(result.status).toBe(201);
      expect(JSON.stringify(result.body)).not.toContain(SECRET);
    },
  },
  {
    description: "a request for the flows of the DIY integration",
    state: 'default fixture',
    request: { method: 'GET', path: `/v1/integrations/${DIY_ID}/flows`, headers: AUTH },
    response: { status: 200, body: eachLike({ _id: objectId(FLOW_ID), name: like('Sync license usage'), _integrationId: DIY_ID }) },
    async exercise(client) {
      const result = await client.operations.integrationFlows(DIY_ID);
      expect(result.status).toBe(200);
      expect((result.body as { _integrationId: string }[]).every((f) => f._integrationId === DIY_ID)).toBe(true);
    },
  },
  {
    description: 'a request to run the fixture flow',
    state: 'default fixture',
    request: { method: 'POST', path: `/v1/flows/${FLOW_ID}/run`, headers: JSON_AUTH, body: {} },
    response: { status: 201, body: { _jobId: objectId('6a1f0c3e8b9d2e4f5a6b7cb1') } },
    async exercise(client) {
      const result = await client.operations.runFlow(FLOW_ID);
      expect(result.status).toBe(201);
      expect((result.body as { _jobId: string })._jobId).toMatch(/^[0-9a-f]{24}$/);
    },
  },
  {
    description: "a request for the fixture flow's completed job",
    state: 'default fixture',
    request: { method: 'GET', path: `/v1/jobs/${FLOW_JOB_ID}`, headers: AUTH },
    response: {
      status: 200,
      body: { _id: FLOW_JOB_ID, type: 'flow', _flowId: FLOW_ID, status: 'completed', numError: like(1), numSuccess: like(41), createdAt: isoTime('2026-01-14T02:00:00.431Z'), lastModified: isoTime('2026-01-14T02:00:41.600Z') },
    },
    async exercise(client) {
      const result = await client.operations.job(FLOW_JOB_ID);
      expect([result.status, (result.body as Job).status]).toEqual([200, 'completed']);
    },
  },
  {
    description: "a request for the errors of the fixture run's import job",
    state: 'default fixture',
    request: { method: 'GET', path: `/v1/jobs/${IMPORT_JOB_ID}/joberrors`, headers: AUTH },
    response: {
      status: 200,
      body: eachLike({ _id: objectId('65b0f1a2c3d4e5f6a7b8c9e1'), _jobId: IMPORT_JOB_ID, code: like('422'), message: like('Ledger API answered 422.'), createdAt: isoTime('2026-01-14T02:00:38.770Z') }),
    },
    async exercise(client) {
      const result = await client.operations.jobErrors(IMPORT_JOB_ID);
      expect(result.status).toBe(200);
    },
  },
  {
    description: 'a request to delete the connection the fixture export uses',
    state: 'default fixture',
    request: { method: 'DELETE', path: `/v1/connections/${CONNECTION_ID}`, headers: AUTH },
    response: { status: 422, body: errorBody('resource_in_use', 'Connection is used by export 597f3c2a9e1d4b0012a1c002 (Get license usage) and cannot be deleted.', '_id') },
    async exercise(client) {
      const result = await client.connections.delete(CONNECTION_ID);
      expect([result.status, errorCodes(result)]).toEqual([422, ['resource_in_use']]);
    },
  },
];
