import { describe, expect, it } from 'vitest';
import { CONNECTION, DIY_ID, EXPORT, FLOW, FULL, IMPORT, READ_ONLY, SCRIPT, SMART_ID, useIntegratorSandbox, V } from './sandbox.js';

const sb = useIntegratorSandbox();

const UNKNOWN = 'aaaaaaaaaaaaaaaaaaaaaaaa';

const call = (session: string, method: string, path: string, body?: unknown) => sb.call(method, `${V}${path}`, { session, headers: FULL, body });

const orchestrated = {
  name: 'Sync license usage (EU)',
  disabled: true,
  _integrationId: DIY_ID,
  pageGenerators: [{ _exportId: EXPORT }],
  pageProcessors: [{ type: 'import', _importId: IMPORT, responseMapping: { fields: [], lists: [] } }],
};

describe('integrator.io listFlows and listIntegrationFlows', () => {
  it('lists the fixture flow, pages with skip/limit, and answers 204 past the end', async () => {
    const res = await call('fl-list', 'GET', '/flows');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([expect.objectContaining({ _id: FLOW, name: 'Sync license usage', _integrationId: DIY_ID })]);
    expect((await call('fl-list', 'GET', '/flows?skip=1')).status).toBe(204);
    const projected = await call('fl-list', 'GET', '/flows?include=disabled');
    expect(projected.body).toEqual([{ _id: FLOW, name: 'Sync license usage', disabled: false }]);
  });

  it('answers 400 for bad paging and for include with exclude', async () => {
    const paging = await call('fl-list-400', 'GET', '/flows?limit=0');
    expect(paging.status).toBe(400);
    expect(paging.body.errors[0]).toMatchObject({ code: 'invalid_query_params', field: 'limit' });
    const both = await call('fl-list-400', 'GET', '/flows?include=name&exclude=disabled');
    expect(both.status).toBe(400);
    for (const path of ['/flows', `/integrations/${DIY_ID}/flows`]) {
      for (const query of ['limit=0', 'skip=-1', 'include=name&exclude=disabled', 'include=%24bad']) {
        const res = await call('fl-list-400', 'GET', `${path}?${query}`);
        expect(res.status, `${path}?${query}`).toBe(400);
        expect(res.body.errors[0].code).toBe('invalid_query_params');
      }
    }
  });

  it("lists exactly an integration's flows: its own, 204 for one without flows, 404 for an unknown one", async () => {
    const session = 'fl-int';
    const created = await call(session, 'POST', '/flows', orchestrated);
    const other = await call(session, 'POST', '/flows', { name: 'No integration', disabled: true });
    const res = await call(session, 'GET', `/integrations/${DIY_ID}/flows`);
    expect(res.status).toBe(200);
    expect(res.body.map((f: { _id: string }) => f._id)).toEqual([FLOW, created.body._id]);
    expect(res.body.map((f: { _id: string }) => f._id)).not.toContain(other.body._id);
    const limited = await call(session, 'GET', `/integrations/${DIY_ID}/flows?limit=1`);
    expect(limited.headers.get('link')).toContain(`/integrations/${DIY_ID}/flows?skip=1&limit=1`);
    expect((await call(session, 'GET', `/integrations/${SMART_ID}/flows`)).status).toBe(204);
    const unknown = await call(session, 'GET', `/integrations/${UNKNOWN}/flows`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].message).toBe('Integration not found for the given id.');
  });
});

describe('integrator.io getFlow, createFlow, updateFlow, deleteFlow', () => {
  it('gets the fixture flow, and 404s an unknown or malformed id', async () => {
    const res = await call('fl-get', 'GET', `/flows/${FLOW}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: FLOW, pageGenerators: [{ _exportId: EXPORT }], pageProcessors: [{ type: 'import', _importId: IMPORT }] });
    for (const id of [UNKNOWN, 'not-an-id']) {
      const missing = await call('fl-get', 'GET', `/flows/${id}`);
      expect(missing.status).toBe(404);
      expect(missing.body.errors[0].message).toBe('Flow not found for the given id.');
    }
  });

  it('creates an orchestrated flow with server-owned fields and page generator ids', async () => {
    const session = 'fl-create';
    const res = await call(session, 'POST', '/flows', { ...orchestrated, _id: UNKNOWN, lastExecutedAt: '2000-01-01T00:00:00.000Z' });
    expect(res.status).toBe(201);
    expect(res.body._id).not.toBe(UNKNOWN);
    expect(res.body).not.toHaveProperty('lastExecutedAt');
    expect(res.body).toMatchObject({ name: 'Sync license usage (EU)', skipRetries: false, pageGenerators: [{ _exportId: EXPORT, _id: expect.stringMatching(/^[0-9a-f]{24}$/) }] });
    expect(res.body.createdAt).toBe(res.body.lastModified);
    expect((await call(session, 'GET', `/flows/${res.body._id}`)).body).toEqual(res.body);
  });

  it('creates a flow of the older single-step shape', async () => {
    const res = await call('fl-create-simple', 'POST', '/flows', { name: 'Usage to ledger (simple)', disabled: true, _integrationId: DIY_ID, _exportId: EXPORT, _importId: IMPORT });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ _exportId: EXPORT, _importId: IMPORT });
  });

  it('answers 422 invalid_ref for every reference that names nothing', async () => {
    const res = await call('fl-refs', 'POST', '/flows', {
      name: 'Broken',
      _integrationId: UNKNOWN,
      pageGenerators: [{ _exportId: UNKNOWN }],
      pageProcessors: [{ type: 'import', _importId: EXPORT }, { type: 'export', _exportId: IMPORT }],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { code: string; field: string }) => `${e.code} ${e.field}`)).toEqual([
      'invalid_ref _integrationId',
      'invalid_ref pageGenerators[0]._exportId',
      'invalid_ref pageProcessors[0]._importId',
      'invalid_ref pageProcessors[1]._exportId',
    ]);
    const simple = await call('fl-refs', 'POST', '/flows', { name: 'Broken', _exportId: UNKNOWN, _importId: UNKNOWN });
    expect(simple.body.errors.map((e: { field: string }) => e.field)).toEqual(['_exportId', '_importId']);
    expect((await call('fl-refs', 'GET', '/flows')).body).toHaveLength(1);
  });

  it("checks the page processors inside routers' branches too", async () => {
    const routers = [{ branches: [{ name: 'B1', pageProcessors: [{ type: 'import', _importId: UNKNOWN }] }] }];
    const res = await call('fl-refs-routers', 'POST', '/flows', { name: 'Routed', pageGenerators: [{ _exportId: EXPORT }], routers });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'invalid_ref', field: 'routers[0].branches[0].pageProcessors[0]._importId' })]);
  });

  it('answers 422 missing_required_field without a name and invalid_field for a bad processor type', async () => {
    const missing = await call('fl-422', 'POST', '/flows', { disabled: true });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ code: 'missing_required_field', field: 'name' });
    const type = await call('fl-422', 'POST', '/flows', { name: 'x', pageProcessors: [{ type: 'lookup', _importId: IMPORT }] });
    expect(type.status).toBe(422);
    expect(type.body.errors[0].code).toBe('invalid_field');
  });

  it('replaces the whole flow, keeps _id, createdAt and lastExecutedAt, and checks references', async () => {
    const session = 'fl-update';
    const { lastModified, createdAt, ...fixture } = (await call(session, 'GET', `/flows/${FLOW}`)).body;
    const res = await call(session, 'PUT', `/flows/${FLOW}`, { ...fixture, disabled: true, schedule: undefined });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: FLOW, disabled: true, createdAt, lastExecutedAt: '2026-01-14T02:00:41.512Z' });
    expect(res.body).not.toHaveProperty('schedule');
    expect(Date.parse(res.body.lastModified)).toBeGreaterThan(Date.parse(lastModified));
    const bad = await call(session, 'PUT', `/flows/${FLOW}`, { name: 'x', pageGenerators: [{ _exportId: UNKNOWN }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].code).toBe('invalid_ref');
    expect((await call(session, 'PUT', `/flows/${UNKNOWN}`, { name: 'x' })).status).toBe(404);
    const missing = await call(session, 'PUT', `/flows/${FLOW}`, { disabled: true });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ code: 'missing_required_field', field: 'name' });
    const invalid = await call(session, 'PUT', `/flows/${FLOW}`, { name: 'x', disabled: 'no' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors[0]).toMatchObject({ code: 'invalid_field', field: 'disabled' });
  });

  it('deletes a flow (204), then 404s it; its export and import stay', async () => {
    const session = 'fl-delete';
    expect((await call(session, 'DELETE', `/flows/${FLOW}`)).status).toBe(204);
    expect((await call(session, 'GET', `/flows/${FLOW}`)).status).toBe(404);
    expect((await call(session, 'DELETE', `/flows/${FLOW}`)).status).toBe(404);
    expect((await call(session, 'GET', `/exports/${EXPORT}`)).status).toBe(200);
  });

  it('lets a read-only token read flows but not write them', async () => {
    const read = await sb.call('GET', `${V}/flows/${FLOW}`, { session: 'fl-ro', headers: READ_ONLY });
    expect(read.status).toBe(200);
    const write = await sb.call('DELETE', `${V}/flows/${FLOW}`, { session: 'fl-ro', headers: READ_ONLY });
    expect(write.status).toBe(403);
  });
});

describe('integrator.io cloneFlow', () => {
  const request = { name: 'Sync license usage (copy)', _integrationId: DIY_ID, connectionMap: { [CONNECTION]: CONNECTION } };

  it('copies the flow and its export and import into the integration and answers the manifest', async () => {
    const session = 'fl-clone';
    const res = await call(session, 'POST', `/flows/${FLOW}/clone`, request);
    expect(res.status).toBe(201);
    expect(res.body.map((m: { model: string; name: string }) => `${m.model} ${m.name}`)).toEqual(['Flow Sync license usage (copy)', 'Export Get license usage', 'Import Post usage to ledger']);
    const [flowRef, exportRef, importRef] = res.body;
    const flow = (await call(session, 'GET', `/flows/${flowRef._id}`)).body;
    expect(flow).toMatchObject({ _integrationId: DIY_ID, pageGenerators: [{ _exportId: exportRef._id }], pageProcessors: [{ type: 'import', _importId: importRef._id }] });
    expect(flow).not.toHaveProperty('lastExecutedAt');
    expect(flow.pageGenerators[0]._id).not.toBe('597f3c2a9e1d4b0012a1c0a1');
    const exported = (await call(session, 'GET', `/exports/${exportRef._id}`)).body;
    expect(exported).toMatchObject({ _connectionId: CONNECTION, name: 'Get license usage' });
    expect(exported.apiIdentifier).not.toBe('e53ec3a1b2');
    expect((await call(session, 'GET', `/integrations/${DIY_ID}/flows`)).body).toHaveLength(2);
  });

  it('names the copy "Clone - <name>" by default and clones into another integration', async () => {
    const res = await call('fl-clone-name', 'POST', `/flows/${FLOW}/clone`, { _integrationId: SMART_ID, connectionMap: { [CONNECTION]: CONNECTION } });
    expect(res.status).toBe(201);
    expect(res.body[0].name).toBe('Clone - Sync license usage');
    expect((await call('fl-clone-name', 'GET', `/integrations/${SMART_ID}/flows`)).body.map((f: { _id: string }) => f._id)).toEqual([res.body[0]._id]);
  });

  it('answers 400 invalid_connectionMap when the map leaves out a connection the flow uses', async () => {
    for (const body of [{ _integrationId: DIY_ID }, { _integrationId: DIY_ID, connectionMap: { [CONNECTION]: UNKNOWN } }, { _integrationId: DIY_ID, connectionMap: { [CONNECTION]: 'x' } }]) {
      const res = await call('fl-clone-400', 'POST', `/flows/${FLOW}/clone`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ code: 'invalid_connectionMap', field: 'connectionMap' });
    }
    expect((await call('fl-clone-400', 'GET', '/flows')).body).toHaveLength(1);
  });

  it('answers 422 invalid_ref for an unknown or missing _integrationId, 404 for an unknown flow', async () => {
    for (const body of [{ ...request, _integrationId: UNKNOWN }, { connectionMap: request.connectionMap }]) {
      const res = await call('fl-clone-422', 'POST', `/flows/${FLOW}/clone`, body);
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ code: 'invalid_ref', field: '_integrationId' });
    }
    expect((await call('fl-clone-422', 'POST', `/flows/${UNKNOWN}/clone`, request)).status).toBe(404);
  });
});

describe('integrator.io getFlowDependencies and getFlowAudit', () => {
  it('lists what the fixture flow uses: integration, export, import, connection, hook script', async () => {
    const res = await call('fl-deps', 'GET', `/flows/${FLOW}/dependencies`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      integrations: [{ _id: DIY_ID, name: 'Licensing and Usage' }],
      exports: [{ _id: EXPORT, name: 'Get license usage' }],
      imports: [{ _id: IMPORT, name: 'Post usage to ledger' }],
      connections: [{ _id: CONNECTION, name: 'Licensing API' }],
      scripts: [{ _id: SCRIPT, name: 'Usage hooks' }],
    });
    expect((await call('fl-deps', 'GET', `/flows/${UNKNOWN}/dependencies`)).status).toBe(404);
  });

  it('records create and update (with the changed fields), newest first, by the calling user', async () => {
    const session = 'fl-audit';
    const created = await call(session, 'POST', '/flows', orchestrated);
    const id = created.body._id;
    await call(session, 'PUT', `/flows/${id}`, { ...orchestrated, disabled: false });
    const res = await call(session, 'GET', `/flows/${id}/audit`);
    expect(res.status).toBe(200);
    expect(res.body.map((e: { event: string }) => e.event)).toEqual(['update', 'create']);
    expect(res.body[0]).toMatchObject({
      resourceType: 'flow',
      _resourceId: id,
      byUser: { _id: '5a7c8f2e9b1d4c3a2f1e0d9c' },
      fieldChanges: expect.arrayContaining([{ fieldPath: 'disabled', oldValue: true, newValue: false }]),
    });
    const fixture = (await call(session, 'GET', `/flows/${FLOW}/audit`)).body;
    expect(fixture).toEqual([expect.objectContaining({ _id: '65a0e1b2c3d4e5f6a7b8c9d1', event: 'update', source: 'ui', fieldChanges: [{ fieldPath: 'schedule', oldValue: '? 0 3 ? * *', newValue: '? 0 2 ? * *' }] })]);
    await call(session, 'PUT', `/flows/${FLOW}`, { ...orchestrated, _integrationId: DIY_ID });
    const after = (await call(session, 'GET', `/flows/${FLOW}/audit`)).body;
    expect(after.map((e: { event: string; source: string }) => `${e.event} ${e.source}`)).toEqual(['update api', 'update ui']);
    await call(session, 'DELETE', `/flows/${id}`);
    expect((await call(session, 'GET', `/flows/${id}/audit`)).status).toBe(404);
  });
});
