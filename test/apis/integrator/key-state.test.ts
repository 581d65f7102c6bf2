import { describe, expect, it } from 'vitest';
import { DIY_ID, FULL, READ_ONLY, SMART_ID, useIntegratorSandbox } from './sandbox.js';

const sb = useIntegratorSandbox();

const STATE = '/integrator/v1/state';
const INTEGRATION_STATE = `/integrator/v1/integrations/${DIY_ID}/state`;
const UNKNOWN = 'aaaaaaaaaaaaaaaaaaaaaaaa';

const call = (session: string, method: string, path: string, body?: unknown, headers: Record<string, string> = FULL) =>
  sb.call(method, path, { session, headers, body });

describe('integrator.io state API: the account keys', () => {
  it('lists the fixture keys and answers their values, to the read-only token too', async () => {
    const keys = await call('state-read', 'GET', STATE, undefined, READ_ONLY);
    expect(keys.status).toBe(200);
    expect(keys.body).toEqual({ keys: ['licensingLastRun', 'usageCursor'] });
    const value = await call('state-read', 'GET', `${STATE}/usageCursor`, undefined, READ_ONLY);
    expect(value.body).toEqual({ lastExportDateTime: '2026-01-14T02:00:00.000Z', cursor: 'usage-000041' });
    const missing = await call('state-read', 'GET', `${STATE}/nothingHere`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors).toEqual([{ code: 'not_found', message: 'No state is stored under the key nothingHere.', field: 'key' }]);
    // Inherited properties are not keys.
    expect((await call('state-read', 'GET', `${STATE}/constructor`)).status).toBe(404);
  });

  it('answers a PUT with plain-text Created (201) for a new key and OK (200) for an update, storing any JSON', async () => {
    const session = 'state-put';
    const created = await call(session, 'PUT', `${STATE}/myKey`, [1, 'two', { three: 3 }]);
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(created.text).toBe('Created');
    expect((await call(session, 'GET', `${STATE}/myKey`)).body).toEqual([1, 'two', { three: 3 }]);
    const updated = await call(session, 'PUT', `${STATE}/myKey`, 'just a string');
    expect(updated.status).toBe(200);
    expect(updated.text).toBe('OK');
    expect((await call(session, 'GET', `${STATE}/myKey`)).body).toBe('just a string');
    for (const value of [0, false, null, { nested: { deep: [] } }]) {
      await call(session, 'PUT', `${STATE}/value`, value);
      expect((await call(session, 'GET', `${STATE}/value`)).body).toEqual(value);
    }
    expect((await call(session, 'PUT', `${STATE}/__proto__`, { polluted: true })).status).toBe(201);
    expect((await call(session, 'GET', `${STATE}/__proto__`)).body).toEqual({ polluted: true });
    expect((await call(session, 'GET', STATE)).body.keys).toEqual(['__proto__', 'licensingLastRun', 'myKey', 'usageCursor', 'value']);
  });

  it('deletes one key (204, then 404) and all keys (204, then an empty list), keeping integration keys', async () => {
    const session = 'state-delete';
    expect((await call(session, 'DELETE', `${STATE}/usageCursor`)).status).toBe(204);
    expect((await call(session, 'GET', `${STATE}/usageCursor`)).status).toBe(404);
    expect((await call(session, 'DELETE', `${STATE}/usageCursor`)).status).toBe(404);
    expect((await call(session, 'DELETE', STATE)).status).toBe(204);
    expect((await call(session, 'GET', STATE)).body).toEqual({ keys: [] });
    expect((await call(session, 'GET', INTEGRATION_STATE)).body).toEqual({ keys: ['invoiceSequence'] });
  });

  it('refuses writes with the read-only token and a PUT without a JSON body', async () => {
    const session = 'state-403';
    expect((await call(session, 'PUT', `${STATE}/x`, { a: 1 }, READ_ONLY)).status).toBe(403);
    expect((await call(session, 'DELETE', `${STATE}/usageCursor`, undefined, READ_ONLY)).status).toBe(403);
    expect((await call(session, 'DELETE', STATE, undefined, READ_ONLY)).status).toBe(403);
    expect((await call(session, 'GET', STATE)).body.keys).toHaveLength(2);
    const noBody = await call(session, 'PUT', `${STATE}/x`);
    expect(noBody.status).toBe(400);
    expect((await call(session, 'GET', `${STATE}/x`)).status).toBe(404);
  });
});

describe('integrator.io state API: an integration\'s keys', () => {
  it('lists and reads the fixture keys of each integration, to the read-only token too', async () => {
    const session = 'istate-read';
    expect((await call(session, 'GET', INTEGRATION_STATE, undefined, READ_ONLY)).body).toEqual({ keys: ['invoiceSequence'] });
    expect((await call(session, 'GET', `${INTEGRATION_STATE}/invoiceSequence`, undefined, READ_ONLY)).body).toEqual({ counter: 1042 });
    expect((await call(session, 'GET', `/integrator/v1/integrations/${SMART_ID}/state`)).body).toEqual({ keys: ['usageCursor'] });
    expect((await call(session, 'GET', `/integrator/v1/integrations/${SMART_ID}/state/usageCursor`)).body.cursor).toBe('connector-000007');
    const missing = await call(session, 'GET', `${INTEGRATION_STATE}/usageCursor`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0]).toEqual({ code: 'not_found', message: `No state is stored under the key usageCursor for integration ${DIY_ID}.`, field: 'key' });
  });

  it('needs the integration: 404 not_found for every operation on an unknown or malformed one', async () => {
    const session = 'istate-404';
    for (const id of [UNKNOWN, 'not-an-id']) {
      const base = `/integrator/v1/integrations/${id}/state`;
      for (const [method, path, body] of [['GET', base], ['DELETE', base], ['GET', `${base}/k`], ['PUT', `${base}/k`, { a: 1 }], ['DELETE', `${base}/k`]] as const) {
        const res = await call(session, method, path, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.errors[0].message).toBe('Integration not found for the given id.');
      }
    }
    // Deleting the integration hides its keys.
    expect((await call(session, 'DELETE', `/integrator/v1/integrations/${DIY_ID}`)).status).toBe(204);
    expect((await call(session, 'GET', `${INTEGRATION_STATE}/invoiceSequence`)).status).toBe(404);
  });

  it('puts (Created, then OK), deletes a key (200 OK, then 404) and deletes all (200 OK)', async () => {
    const session = 'istate-write';
    const created = await call(session, 'PUT', `/integrator/v1/integrations/${SMART_ID}/state/cursor`, { page: 3 });
    expect([created.status, created.text]).toEqual([201, 'Created']);
    const updated = await call(session, 'PUT', `/integrator/v1/integrations/${SMART_ID}/state/cursor`, { page: 4 });
    expect([updated.status, updated.text]).toEqual([200, 'OK']);
    expect((await call(session, 'GET', `/integrator/v1/integrations/${SMART_ID}/state/cursor`)).body).toEqual({ page: 4 });
    // Scoped to the integration: not an account key, not the other integration's.
    expect((await call(session, 'GET', `${STATE}/cursor`)).status).toBe(404);
    expect((await call(session, 'GET', `${INTEGRATION_STATE}/cursor`)).status).toBe(404);
    const deleted = await call(session, 'DELETE', `/integrator/v1/integrations/${SMART_ID}/state/cursor`);
    expect([deleted.status, deleted.text]).toEqual([200, 'OK']);
    expect((await call(session, 'DELETE', `/integrator/v1/integrations/${SMART_ID}/state/cursor`)).status).toBe(404);
    const all = await call(session, 'DELETE', INTEGRATION_STATE);
    expect([all.status, all.text]).toEqual([200, 'OK']);
    expect((await call(session, 'GET', INTEGRATION_STATE)).body).toEqual({ keys: [] });
    expect((await call(session, 'GET', STATE)).body.keys).toHaveLength(2);
  });

  it('refuses writes with the read-only token', async () => {
    const session = 'istate-403';
    for (const [method, path, body] of [['PUT', `${INTEGRATION_STATE}/k`, { a: 1 }], ['DELETE', `${INTEGRATION_STATE}/invoiceSequence`], ['DELETE', INTEGRATION_STATE]] as const) {
      expect((await call(session, method, path, body, READ_ONLY)).status, `${method} ${path}`).toBe(403);
    }
    expect((await call(session, 'GET', INTEGRATION_STATE)).body).toEqual({ keys: ['invoiceSequence'] });
  });
});
