import { describe, expect, it } from 'vitest';
import { collectionOf, emptyCollection } from '../../../src/apis/integrator/collection.js';
import { flowsUsing } from '../../../src/apis/integrator/references.js';
import type { IntegratorState } from '../../../src/apis/integrator/state.js';
import type { FlowDoc } from '../../../src/apis/integrator/types.js';
import { DIY_ID, FULL, READ_ONLY, useIntegratorSandbox } from './sandbox.js';

const sb = useIntegratorSandbox();

const EXPORTS = '/integrator/v1/exports';
const IMPORTS = '/integrator/v1/imports';
const FLOWS = '/integrator/v1/flows';
const CONNECTION_ID = '597f3c2a9e1d4b0012a1c001';
const EXPORT_ID = '597f3c2a9e1d4b0012a1c002';
const IMPORT_ID = '597f3c2a9e1d4b0012a1c003';
const UNKNOWN = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const MASK = '******';

const call = (session: string, method: string, path: string, body?: unknown, headers: Record<string, string> = FULL) =>
  sb.call(method, path, { session, headers, body });

const invalidRef = { code: 'invalid_ref', message: 'Invalid reference: _connectionId. Connection not found for the given id.', field: '_connectionId' };

describe('integrator.io exports and imports: reads', () => {
  it('answers the fixture export and import, and 404 for unknown ids', async () => {
    const exp = await call('steps-read', 'GET', `${EXPORTS}/${EXPORT_ID}`);
    expect(exp.body).toMatchObject({ _id: EXPORT_ID, name: 'Get license usage', _connectionId: CONNECTION_ID, adaptorType: 'HTTPExport', apiIdentifier: 'e53ec3a1b2' });
    const imp = await call('steps-read', 'GET', `${IMPORTS}/${IMPORT_ID}`, undefined, READ_ONLY);
    expect(imp.body).toMatchObject({ _id: IMPORT_ID, name: 'Post usage to ledger', adaptorType: 'HTTPImport' });
    expect((await call('steps-read', 'GET', EXPORTS)).body).toEqual([exp.body]);
    expect((await call('steps-read', 'GET', IMPORTS)).body).toEqual([imp.body]);
    const missing = await call('steps-read', 'GET', `${EXPORTS}/${UNKNOWN}`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].message).toBe('Export not found for the given id.');
    expect((await call('steps-read', 'GET', `${IMPORTS}/bad`)).body.errors[0].message).toBe('Import not found for the given id.');
  });

  it('pages the lists with a Link header and answers 204 past the end', async () => {
    const session = 'steps-paging';
    const created = (await call(session, 'POST', IMPORTS, { name: 'second', _connectionId: CONNECTION_ID })).body;
    const page = await call(session, 'GET', `${IMPORTS}?skip=1&limit=1`);
    expect(page.body.map((i: { _id: string }) => i._id)).toEqual([created._id]);
    expect(page.headers.get('link')).toContain('rel="prev"');
    expect((await call(session, 'GET', `${IMPORTS}?limit=1`)).headers.get('link')).toContain('rel="next"');
    expect((await call(session, 'GET', `${IMPORTS}?skip=5`)).status).toBe(204);
    expect((await call(session, 'GET', `${EXPORTS}?skip=1`)).status).toBe(204);
    expect((await call(session, 'GET', `${EXPORTS}?exclude=http,hooks`)).body[0].http).toBeUndefined();
  });
});

describe('integrator.io exports and imports: writes', () => {
  it('creates an export with server-owned _id, apiIdentifier and timestamps', async () => {
    const session = 'steps-create';
    const res = await call(session, 'POST', EXPORTS, { name: 'Orders', _connectionId: CONNECTION_ID, apiIdentifier: 'mine', _id: 'ffffffffffffffffffffffff' });
    expect(res.status).toBe(201);
    expect(res.body._id).not.toBe('ffffffffffffffffffffffff');
    expect(res.body.apiIdentifier).toMatch(/^e[0-9a-f]{9}$/);
    expect(res.body.createdAt).toBe(res.body.lastModified);
    expect((await call(session, 'GET', `${EXPORTS}/${res.body._id}`)).body).toEqual(res.body);
    const imp = await call(session, 'POST', IMPORTS, { name: 'Ledger', _connectionId: CONNECTION_ID });
    expect(imp.body.apiIdentifier).toMatch(/^i[0-9a-f]{9}$/);
  });

  it('answers 422 invalid_ref for an unknown _connectionId on create and update, and creates nothing', async () => {
    const session = 'steps-ref';
    for (const [base, id] of [[EXPORTS, EXPORT_ID], [IMPORTS, IMPORT_ID]]) {
      const created = await call(session, 'POST', base, { name: 'x', _connectionId: UNKNOWN });
      expect(created.status).toBe(422);
      expect(created.body.errors).toEqual([invalidRef]);
      const updated = await call(session, 'PUT', `${base}/${id}`, { name: 'x', _connectionId: UNKNOWN });
      expect(updated.status).toBe(422);
      expect(updated.body.errors).toEqual([invalidRef]);
      expect((await call(session, 'GET', base)).body).toHaveLength(1);
      expect((await call(session, 'GET', `${base}/${id}`)).body._connectionId).toBe(CONNECTION_ID);
    }
  });

  it('needs _connectionId except for a webhook export, and checks field types', async () => {
    const session = 'steps-required';
    const missing = await call(session, 'POST', EXPORTS, { name: 'x' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ code: 'missing_required_field', field: '_connectionId' });
    expect((await call(session, 'POST', EXPORTS, { name: 'hook', type: 'webhook' })).status).toBe(201);
    expect((await call(session, 'POST', IMPORTS, { name: 'x' })).body.errors[0]).toMatchObject({ code: 'missing_required_field', field: '_connectionId' });
    const attempts = await call(session, 'POST', IMPORTS, { name: 'x', _connectionId: CONNECTION_ID, maxAttempts: 0 });
    expect(attempts.status).toBe(422);
    expect(attempts.body.errors[0]).toMatchObject({ code: 'invalid_field', field: 'maxAttempts' });
  });

  it('masks webhook and distributed secrets on every answer and in the state view', async () => {
    const session = 'steps-secrets';
    const res = await call(session, 'POST', EXPORTS, {
      name: 'Hook', type: 'webhook', webhook: { provider: 'custom', key: 'whk-SECRET-key-1', token: 'whk-SECRET-token-2' }, distributed: { bearerToken: 'dst-SECRET-3' },
    });
    expect(res.status).toBe(201);
    expect(res.body.webhook).toEqual({ provider: 'custom', key: MASK, token: MASK });
    expect(res.body.distributed).toEqual({ bearerToken: MASK });
    const texts = [
      res.text,
      (await call(session, 'GET', `${EXPORTS}/${res.body._id}`)).text,
      (await call(session, 'GET', EXPORTS)).text,
      (await call(session, 'PUT', `${EXPORTS}/${res.body._id}`, { name: 'Hook', type: 'webhook', webhook: { key: 'whk-SECRET-key-4' } })).text,
      (await sb.admin('GET', `/state?session=${session}`)).text,
      (await sb.admin('GET', `/journal?session=${session}`)).text,
    ].join('\n');
    expect(texts).not.toContain('SECRET');
  });

  it('replaces the whole document on PUT, keeping _id, createdAt and apiIdentifier', async () => {
    const session = 'steps-update';
    const res = await call(session, 'PUT', `${IMPORTS}/${IMPORT_ID}`, { name: 'Renamed', _connectionId: CONNECTION_ID, apiIdentifier: 'mine' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: IMPORT_ID, name: 'Renamed', apiIdentifier: 'i66ec3a1b3', createdAt: '2017-08-01T09:12:00.000Z' });
    expect(res.body.mapping).toBeUndefined();
    expect(res.body.lastModified > '2017-08-07T18:32:00.000Z').toBe(true);
    expect((await call(session, 'PUT', `${EXPORTS}/${UNKNOWN}`, { name: 'x', _connectionId: CONNECTION_ID })).status).toBe(404);
    expect((await call(session, 'PUT', `${IMPORTS}/${UNKNOWN}`, { name: 'x', _connectionId: CONNECTION_ID })).status).toBe(404);
  });

  it('checks a PUT body as a create: a missing _connectionId, a field of the wrong type', async () => {
    const session = 'steps-update-422';
    const missing = await call(session, 'PUT', `${EXPORTS}/${EXPORT_ID}`, { name: 'x' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ code: 'missing_required_field', field: '_connectionId' });
    const attempts = await call(session, 'PUT', `${IMPORTS}/${IMPORT_ID}`, { name: 'x', _connectionId: CONNECTION_ID, maxAttempts: 'twice' });
    expect(attempts.status).toBe(422);
    expect(attempts.body.errors[0]).toMatchObject({ code: 'invalid_field', field: 'maxAttempts' });
    expect((await call(session, 'GET', `${IMPORTS}/${IMPORT_ID}`)).body.name).toBe('Post usage to ledger');
  });

  it('refuses writes with the read-only token', async () => {
    const session = 'steps-403';
    for (const [method, path, body] of [
      ['POST', EXPORTS, { name: 'x', _connectionId: CONNECTION_ID }], ['PUT', `${IMPORTS}/${IMPORT_ID}`, { name: 'x', _connectionId: CONNECTION_ID }],
      ['DELETE', `${EXPORTS}/${EXPORT_ID}`, undefined], ['DELETE', `${IMPORTS}/${IMPORT_ID}`, undefined],
    ] as const) {
      expect((await call(session, method, path, body, READ_ONLY)).status, `${method} ${path}`).toBe(403);
    }
    expect((await call(session, 'GET', `${EXPORTS}/${EXPORT_ID}`)).status).toBe(200);
  });
});

describe('integrator.io exports and imports: delete', () => {
  it('refuses to delete the fixture export and import, steps of the fixture flow; deletes them under unused-resources', async () => {
    const refused = await call('steps-fixture-flow', 'DELETE', `${EXPORTS}/${EXPORT_ID}`);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toBe('Export is used by flow 597f3c2a9e1d4b0012a1c004 (Sync license usage) and cannot be deleted.');
    expect((await call('steps-fixture-flow', 'DELETE', `${IMPORTS}/${IMPORT_ID}`)).status).toBe(422);
    const headers = { ...FULL, 'X-Mock-Scenario': 'integrator/unused-resources' };
    expect((await call('steps-unused', 'DELETE', `${EXPORTS}/${EXPORT_ID}`, undefined, headers)).status).toBe(204);
    expect((await call('steps-unused', 'DELETE', `${IMPORTS}/${IMPORT_ID}`, undefined, headers)).status).toBe(204);
    expect((await call('steps-unused', 'DELETE', `${EXPORTS}/${EXPORT_ID}`, undefined, headers)).status).toBe(404);
  });

  it('refuses to delete a step a flow uses (422 resource_in_use), then deletes it once the flow is gone', async () => {
    const session = 'steps-delete';
    const exp = (await call(session, 'POST', EXPORTS, { name: 'Source', _connectionId: CONNECTION_ID })).body;
    const imp = (await call(session, 'POST', IMPORTS, { name: 'Target', _connectionId: CONNECTION_ID })).body;
    const flow = await call(session, 'POST', FLOWS, {
      name: 'Uses both', _integrationId: DIY_ID, pageGenerators: [{ _exportId: exp._id }], pageProcessors: [{ type: 'import', _importId: imp._id }],
    });
    expect(flow.status).toBe(201);
    const refusedExport = await call(session, 'DELETE', `${EXPORTS}/${exp._id}`);
    expect(refusedExport.status).toBe(422);
    expect(refusedExport.body.errors).toEqual([{ code: 'resource_in_use', field: '_id', message: `Export is used by flow ${flow.body._id} (Uses both) and cannot be deleted.` }]);
    const refusedImport = await call(session, 'DELETE', `${IMPORTS}/${imp._id}`);
    expect(refusedImport.body.errors[0].message).toBe(`Import is used by flow ${flow.body._id} (Uses both) and cannot be deleted.`);
    expect((await call(session, 'DELETE', `${FLOWS}/${flow.body._id}`)).status).toBe(204);
    expect((await call(session, 'DELETE', `${EXPORTS}/${exp._id}`)).status).toBe(204);
    expect((await call(session, 'DELETE', `${IMPORTS}/${imp._id}`)).status).toBe(204);
    expect((await call(session, 'GET', `${EXPORTS}/${exp._id}`)).status).toBe(404);
    expect((await call(session, 'DELETE', `${IMPORTS}/${imp._id}`)).status).toBe(404);
  });
});

describe('flowsUsing', () => {
  const flow = (_id: string, fields: Partial<FlowDoc>): FlowDoc => ({ _id, name: _id, lastModified: '2026-01-01T00:00:00.000Z', ...fields }) as FlowDoc;
  const state = {
    flows: collectionOf([
      flow('generator', { pageGenerators: [{ _exportId: 'E1' }] }),
      flow('lookup', { pageProcessors: [{ type: 'export', _exportId: 'E2' }] }),
      flow('import', { pageProcessors: [{ type: 'import', _importId: 'I1' }] }),
      flow('old-shape', { _exportId: 'E3', _importId: 'I2' }),
      flow('router', { routers: [{ branches: [{ pageProcessors: [{ type: 'import', _importId: 'I3' }] }] }] }),
    ]),
    exports: emptyCollection(),
    imports: emptyCollection(),
  } as unknown as IntegratorState;

  it('finds a step in page generators, page processors, the old single-step shape and router branches', () => {
    const ids = (stepId: string) => flowsUsing(state, stepId).map((f) => f._id);
    expect(ids('E1')).toEqual(['generator']);
    expect(ids('E2')).toEqual(['lookup']);
    expect(ids('I1')).toEqual(['import']);
    expect(ids('E3')).toEqual(['old-shape']);
    expect(ids('I2')).toEqual(['old-shape']);
    expect(ids('I3')).toEqual(['router']);
    expect(ids('nothing')).toEqual([]);
  });
});
