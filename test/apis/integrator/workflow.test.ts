import { describe, expect, it } from 'vitest';
import { FULL, useIntegratorSandbox } from './sandbox.js';

/**
 * The embedded-integration workflow the seed describes ("dynamically creating everything from scratch"), as a
 * partner's client code walks it over HTTP: connection → export and import on it → flow in an integration → run →
 * poll the job → errors of a failing run → clones → deletes in the right order. Every answer is checked against the
 * spec by the helper.
 */
const sb = useIntegratorSandbox();
const V1 = '/integrator/v1';
const SECRET = 'workflow-s3cr3t-token';

const api = (session: string, scenario?: string) => (method: string, path: string, body?: unknown) =>
  sb.call(method, `${V1}${path}`, { session, headers: { ...FULL, ...(scenario ? { 'X-Mock-Scenario': scenario } : {}) }, body });

/** Reads the job until it settles; the session's clock moves one step per read, never by waiting. */
async function settle(call: ReturnType<typeof api>, jobId: string): Promise<Record<string, unknown>> {
  for (let read = 0; read < 20; read++) {
    const job = await call('GET', `/jobs/${jobId}`);
    expect(job.status).toBe(200);
    if (['completed', 'failed', 'canceled'].includes(job.body.status)) return job.body;
  }
  throw new Error(`job ${jobId} did not settle in 20 reads`);
}

async function buildFlow(call: ReturnType<typeof api>) {
  const connection = await call('POST', '/connections', {
    name: 'Orders API', type: 'http',
    http: { baseURI: 'https://orders.example.com', mediaType: 'json', auth: { type: 'token', token: { token: SECRET, location: 'header', headerName: 'Authorization', scheme: 'Bearer' } } },
  });
  expect(connection.status).toBe(201);
  expect(JSON.stringify(connection.body)).not.toContain(SECRET);
  const exp = await call('POST', '/exports', { name: 'Get orders', _connectionId: connection.body._id, adaptorType: 'HTTPExport', http: { relativeURI: '/orders', method: 'GET' } });
  expect(exp.status).toBe(201);
  const imp = await call('POST', '/imports', { name: 'Post orders', _connectionId: connection.body._id, adaptorType: 'HTTPImport', http: { relativeURI: ['/erp/orders'], method: ['POST'] } });
  expect(imp.status).toBe(201);
  const integration = await call('POST', '/integrations', { name: 'Orders to ERP' });
  expect(integration.status).toBe(201);
  const flow = await call('POST', '/flows', {
    name: 'Orders to ERP', _integrationId: integration.body._id,
    pageGenerators: [{ _exportId: exp.body._id }], pageProcessors: [{ type: 'import', _importId: imp.body._id }],
  });
  expect(flow.status).toBe(201);
  return { connection: connection.body._id, exp: exp.body._id, imp: imp.body._id, integration: integration.body._id, flow: flow.body._id };
}

describe('integrator.io embedded-integration workflow', () => {
  it('builds a flow from scratch, runs it to completed, clones it, and deletes in the right order', async () => {
    const call = api('workflow');
    const ids = await buildFlow(call);

    const listed = await call('GET', `/integrations/${ids.integration}/flows`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((f: { _id: string }) => f._id)).toEqual([ids.flow]);

    const run = await call('POST', `/flows/${ids.flow}/run`, {});
    expect(run.status).toBe(201);
    const job = await settle(call, run.body._jobId);
    expect(job).toMatchObject({ _id: run.body._jobId, type: 'flow', _flowId: ids.flow, status: 'completed', numError: 0 });

    const flowClone = await call('POST', `/flows/${ids.flow}/clone`, { _integrationId: ids.integration, connectionMap: { [ids.connection]: ids.connection } });
    expect(flowClone.status).toBe(201);
    expect((await call('GET', `/integrations/${ids.integration}/flows`)).body).toHaveLength(2);

    const integrationClone = await call('POST', `/integrations/${ids.integration}/clone`, {});
    expect(integrationClone.status).toBe(201);
    const models = integrationClone.body.map((e: { model: string }) => e.model);
    expect(models[0]).toBe('Integration');
    expect(models.filter((m: string) => m === 'Flow')).toHaveLength(2);
    const clonedFlows = await call('GET', `/integrations/${integrationClone.body[0]._id}/flows`);
    expect(clonedFlows.body).toHaveLength(2);

    // In use: the connection by the export and import, the export and import by the flows.
    const inUse = await call('DELETE', `/connections/${ids.connection}`);
    expect([inUse.status, inUse.body.errors[0].code]).toEqual([422, 'resource_in_use']);
    expect((await call('DELETE', `/exports/${ids.exp}`)).status).toBe(422);
    // Deleting the integration takes its flows along; then the steps and the connection are free.
    expect((await call('DELETE', `/integrations/${ids.integration}`)).status).toBe(204);
    expect((await call('GET', `/flows/${ids.flow}`)).status).toBe(404);
    expect((await call('DELETE', `/exports/${ids.exp}`)).status).toBe(204);
    expect((await call('DELETE', `/imports/${ids.imp}`)).status).toBe(204);
    // The flow's clone ran copies of the steps, on the same connection (mapped to itself): they go too.
    const copies = flowClone.body.filter((e: { model: string }) => e.model === 'Export' || e.model === 'Import');
    expect(copies).toHaveLength(2);
    expect((await call('DELETE', `/connections/${ids.connection}`)).status).toBe(422);
    for (const copy of copies) expect((await call('DELETE', `/${copy.model.toLowerCase()}s/${copy._id}`)).status).toBe(204);
    expect((await call('DELETE', `/connections/${ids.connection}`)).status).toBe(204);

    const journal = await sb.admin('GET', '/journal?session=workflow&limit=200');
    expect(JSON.stringify(journal.body)).not.toContain(SECRET);
  });

  it('reads the job errors of a failing run', async () => {
    const call = api('workflow-failing', 'integrator/run-fails-with-errors');
    const ids = await buildFlow(call);
    const run = await call('POST', `/flows/${ids.flow}/run`, {});
    expect(run.status).toBe(201);
    const job = await settle(call, run.body._jobId);
    expect(job.numError).toBeGreaterThan(0);
    const children = await call('GET', `/jobs?_flowJobId=${run.body._jobId}`);
    expect(children.status).toBe(200);
    const failed = children.body.find((j: { numError?: number }) => (j.numError ?? 0) > 0);
    const errors = await call('GET', `/jobs/${failed._id}/joberrors`);
    expect(errors.status).toBe(200);
    expect(JSON.stringify(errors.body)).toMatch(/message/);
  });
});
