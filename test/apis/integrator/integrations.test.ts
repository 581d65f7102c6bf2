import { describe, expect, it } from 'vitest';
import { BASE, DIY_ID, FULL, SMART_ID, useIntegratorSandbox } from './sandbox.js';

const sb = useIntegratorSandbox();

const call = (session: string, method: string, path: string, body?: unknown) => sb.call(method, path, { session, headers: FULL, body });

describe('integrator.io getIntegration', () => {
  it('answers the seed DIY integration', async () => {
    const res = await call('get', 'GET', `${BASE}/${DIY_ID}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: DIY_ID, name: 'Licensing and Usage', lastModified: '2017-08-07T18:34:07.786Z' });
  });

  it('answers the seed SmartConnector integration with its extra fields', async () => {
    const res = await call('get', 'GET', `${BASE}/${SMART_ID}`);
    expect(res.body).toMatchObject({ mode: 'install', version: '1.0.1', _connectorId: '56fd5ad0945a2345c4e678ac' });
    expect(res.body.install).toHaveLength(2);
  });

  it('answers 404 not_found for an unknown id and for an id that is not 24 hex characters', async () => {
    for (const id of ['aaaaaaaaaaaaaaaaaaaaaaaa', '123ab456c789de1011fg12h13i']) {
      const res = await call('get', 'GET', `${BASE}/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.errors[0].code).toBe('not_found');
    }
  });
});

describe('integrator.io createIntegration', () => {
  const session = 'create';

  it('ignores client values for _id, createdAt and lastModified and keeps unknown keys', async () => {
    const res = await call(session, 'POST', BASE, {
      _id: 'ffffffffffffffffffffffff', createdAt: '2000-01-01T00:00:00.000Z', name: 'Mine', custom: { a: 1 },
    });
    expect(res.status).toBe(201);
    expect(res.body._id).not.toBe('ffffffffffffffffffffffff');
    expect(res.body.createdAt).not.toBe('2000-01-01T00:00:00.000Z');
    expect(res.body.custom).toEqual({ a: 1 });
  });

  it('answers 422 missing_required_field without a name', async () => {
    const res = await call(session, 'POST', BASE, { description: 'no name' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'missing_required_field', field: 'name' })]);
  });

  it('answers 422 invalid_field for a bad mode, a name over 100 and a description over 5120 characters', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', mode: 'paused' }, 'mode'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'x', description: 'd'.repeat(5121) }, 'description'],
      [{ name: 'x', updateInProgress: 'yes' }, 'updateInProgress'],
      [{ name: 'x', install: [{ completed: true }] }, 'install.0.name'],
    ];
    for (const [body, field] of cases) {
      const res = await call(session, 'POST', BASE, body);
      expect(res.status, field).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ code: field.startsWith('install') ? 'missing_required_field' : 'invalid_field', field });
    }
  });

  it('creates nothing when it refuses', async () => {
    const before = await call('create-refused', 'GET', BASE);
    await call('create-refused', 'POST', BASE, { name: 'x', mode: 'paused' });
    expect((await call('create-refused', 'GET', BASE)).body).toEqual(before.body);
  });
});

describe('integrator.io updateIntegration', () => {
  it('answers 404 for an unknown id', async () => {
    const res = await call('update', 'PUT', `${BASE}/aaaaaaaaaaaaaaaaaaaaaaaa`, { name: 'x' });
    expect(res.status).toBe(404);
  });

  it('answers 422 missing_required_field for a PUT without a name', async () => {
    const res = await call('update', 'PUT', `${BASE}/${DIY_ID}`, { readme: 'x' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'missing_required_field', field: 'name' });
  });

  it('answers 422 invalid_field for a mode outside install, settings and uninstall', async () => {
    const res = await call('update', 'PUT', `${BASE}/${SMART_ID}`, { name: 'x', mode: 'paused' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'invalid_field', field: 'mode' });
    expect((await call('update', 'GET', `${BASE}/${SMART_ID}`)).body.mode).toBe('install');
  });

  it('never changes version on its own and keeps _id and createdAt', async () => {
    const res = await call('update', 'PUT', `${BASE}/${SMART_ID}`, { name: 'Renamed', _id: 'ffffffffffffffffffffffff', createdAt: '2000-01-01T00:00:00.000Z' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: SMART_ID, name: 'Renamed', createdAt: '2017-09-01T10:00:00.000Z' });
    expect(res.body).not.toHaveProperty('version');
  });

  it('keeps a stored updateInProgress true when the PUT leaves it out', async () => {
    const session = 'update-flag';
    const { body } = await call(session, 'GET', `${BASE}/${SMART_ID}`);
    await call(session, 'PUT', `${BASE}/${SMART_ID}`, { ...body, updateInProgress: true });
    const { updateInProgress, ...rest } = body;
    const res = await call(session, 'PUT', `${BASE}/${SMART_ID}`, { ...rest, mode: 'settings' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'settings', updateInProgress: true });
  });
});

describe('integrator.io cloneIntegration', () => {
  it('copies under a new id, default name "Clone - <name>", without a body', async () => {
    const res = await sb.call('POST', `${BASE}/${DIY_ID}/clone`, { session: 'clone-default', headers: FULL });
    expect(res.status).toBe(201);
    // [SRC] The answer is a manifest, the integration first; the clone itself is read back by its id.
    expect(res.body[0]).toMatchObject({ model: 'Integration', name: 'Clone - Licensing and Usage' });
    // With its flow, the flow's export and import, and their connection, each a copy of its own.
    expect(res.body.map((e: { model: string }) => e.model)).toEqual(['Integration', 'Connection', 'Export', 'Import', 'Flow']);
    const flows = await call('clone-default', 'GET', `${BASE}/${res.body[0]._id}/flows`);
    expect(flows.body.map((f: { _id: string }) => f._id)).toEqual([res.body[4]._id]);
    const exported = await call('clone-default', 'GET', `/integrator/v1/exports/${res.body[2]._id}`);
    expect(exported.body._connectionId).toBe(res.body[1]._id);
    const original = await call('clone-default', 'GET', '/integrator/v1/exports/597f3c2a9e1d4b0012a1c002');
    expect(exported.body.apiIdentifier).not.toBe(original.body.apiIdentifier);
    const clone = await call('clone-default', 'GET', `${BASE}/${res.body[0]._id}`);
    expect(clone.body).toMatchObject({ name: 'Clone - Licensing and Usage', readme: 'This integration is mission critical and keeps the licensing data...' });
    expect(clone.body._id).not.toBe(DIY_ID);
  });

  it('remaps connections with connectionMap and applies name, sandbox and tag', async () => {
    const newId = '6a1f0c3e8b9d2e4f5a6b7c99';
    const res = await call('clone-map', 'POST', `${BASE}/${SMART_ID}/clone`, {
      name: 'EU store', connectionMap: { '56fd5ad0945a2345c4e67801': newId }, sandbox: true, tag: 'eu', _stackId: 'ignored',
    });
    expect(res.status).toBe(201);
    const clone = await call('clone-map', 'GET', `${BASE}/${res.body[0]._id}`);
    expect(clone.body).toMatchObject({ name: 'EU store', sandbox: true, tag: 'eu' });
    expect(clone.body._registeredConnectionIds).toEqual([newId, '56fd5ad0945a2345c4e67802']);
    expect(clone.body.install[0]._connectionId).toBe(newId);
    const source = await call('clone-map', 'GET', `${BASE}/${SMART_ID}`);
    expect(source.body.install[0]._connectionId).toBe('56fd5ad0945a2345c4e67801');
  });

  it('answers 400 invalid_connectionMap for a key the source does not use', async () => {
    const res = await call('clone-bad-map', 'POST', `${BASE}/${SMART_ID}/clone`, { connectionMap: { '6a1f0c3e8b9d2e4f5a6b7c00': 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 'invalid_connectionMap', field: 'connectionMap' });
    expect((await call('clone-bad-map', 'GET', BASE)).body).toHaveLength(2);
  });

  it('answers 400 invalid_connectionMap for a map value that is not a string', async () => {
    const res = await call('clone-bad-map', 'POST', `${BASE}/${SMART_ID}/clone`, { connectionMap: { '56fd5ad0945a2345c4e67801': 7 } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe('invalid_connectionMap');
  });

  it('answers 422 invalid_field for a clone name over 100 characters', async () => {
    const res = await call('clone-bad-name', 'POST', `${BASE}/${DIY_ID}/clone`, { name: 'n'.repeat(101) });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'invalid_field', field: 'name' });
  });

  it('answers 404 for an unknown source', async () => {
    const res = await call('clone-404', 'POST', `${BASE}/aaaaaaaaaaaaaaaaaaaaaaaa/clone`, {});
    expect(res.status).toBe(404);
  });

  it('cuts the default name to 100 characters', async () => {
    const session = 'clone-long';
    const created = await call(session, 'POST', BASE, { name: 'n'.repeat(100) });
    const res = await call(session, 'POST', `${BASE}/${created.body._id}/clone`);
    expect(res.body[0].name).toHaveLength(100);
    expect(res.body[0].name.startsWith('Clone - ')).toBe(true);
  });

  it('cuts the default name by whole characters, never inside a surrogate pair', async () => {
    const session = 'clone-emoji';
    const created = await call(session, 'POST', BASE, { name: `a${'😀'.repeat(99)}` });
    expect(created.status).toBe(201);
    const res = await call(session, 'POST', `${BASE}/${created.body._id}/clone`);
    expect(res.status).toBe(201);
    const { name } = res.body[0];
    expect([...name]).toHaveLength(100);
    expect(name.endsWith('😀')).toBe(true);
    expect(name.isWellFormed()).toBe(true);
  });
});

describe('integrator.io bodies that are JSON but not an object', () => {
  it.each(['"AAA"', '0', 'null', '[]', 'true'])('answers %s as the wrong type it is: 422 invalid_field', async (raw) => {
    const res = await sb.call('POST', BASE, { session: 'json-scalars', headers: FULL, raw });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'invalid_field' });
  });
});
