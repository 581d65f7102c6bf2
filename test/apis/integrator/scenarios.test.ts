import { describe, expect, it } from 'vitest';
import { BASE, DIY_ID, FULL, operation, OPERATIONS, SMART_ID, useIntegratorSandbox } from './sandbox.js';

const sb = useIntegratorSandbox();

/** A call of `op` under the named scenario (with the full-access token). */
function under(scenario: string, session: string, op: { method: string; path: string; body?: unknown }) {
  return sb.call(op.method, op.path, { session, body: op.body, headers: { ...FULL, 'X-Mock-Scenario': `integrator/${scenario}` } });
}

const list = (session: string) => sb.call('GET', BASE, { session, headers: FULL });
const LICENSED_OPERATIONS = [operation('createIntegration'), operation('cloneIntegration')];

describe('integrator.io scenarios: throttling', () => {
  it.each(OPERATIONS)('rate-limited answers 429 rate-limited with Retry-After 2 to $operationId', async (op) => {
    const res = await under('rate-limited', 'sc-rate-limited', op);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.body).toEqual({ errors: [{ code: 'rate_limited', message: 'Too many requests. Retry after 2 seconds.' }] });
  });

  it('leaky-bucket lets 5 calls through per 2-second window, any operation, then answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await under('leaky-bucket', 'sc-bucket', OPERATIONS[i % 2 ? 6 : 0])).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await under('leaky-bucket', 'sc-bucket', operation('getIntegration'));
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].code).toBe('rate_limited');
    expect(['1', '2']).toContain(limited.headers.get('retry-after'));
  });

  it('flaky-create fails twice with 429, creating nothing, then creates', async () => {
    const create = operation('createIntegration');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await under('flaky-create', 'sc-flaky', create)).status);
    expect(statuses).toEqual([429, 429, 201]);
    expect((await list('sc-flaky')).body.map((d: { name: string }) => d.name)).toEqual(['Licensing and Usage', 'BigCommerce - NetSuite Connector', 'Orders to ERP']);
  });
});

describe('integrator.io scenarios: slow and broken answers', () => {
  it('slow answers as usual, at least 1.5 seconds late', async () => {
    const started = Date.now();
    const res = await under('slow', 'sc-slow', operation('getIntegration'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(res.status).toBe(200);
    expect(res.body._id).toBe(DIY_ID);
  });

  it('connection-reset resets createIntegration without creating anything, and leaves reads alone', async () => {
    await expect(under('connection-reset', 'sc-reset', operation('createIntegration'))).rejects.toThrow();
    expect((await under('connection-reset', 'sc-reset', operation('listIntegrations'))).body).toHaveLength(2);
  });
});

describe('integrator.io scenarios: licence', () => {
  it.each(LICENSED_OPERATIONS)('subscription-required answers 403 subscription_required to $operationId', async (op) => {
    const res = await under('subscription-required', 'sc-subscription', op);
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'subscription_required' })]);
  });

  it.each(LICENSED_OPERATIONS)('entitlement-reached answers 403 entitlement_reached to $operationId', async (op) => {
    const res = await under('entitlement-reached', 'sc-entitlement', op);
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'entitlement_reached' })]);
  });

  it('licence scenarios leave reads and updates alone', async () => {
    expect((await under('entitlement-reached', 'sc-entitlement', operation('getIntegration'))).status).toBe(200);
    expect((await under('subscription-required', 'sc-subscription', operation('updateIntegration'))).status).toBe(200);
  });
});

describe('integrator.io scenarios: state set-ups', () => {
  it('update-in-progress refuses a settings change with 422 update_in_progress until the flag is cleared', async () => {
    const session = 'sc-updating';
    const smart = { method: 'GET', path: `${BASE}/${SMART_ID}` };
    const { body: stored } = await under('update-in-progress', session, smart);
    expect(stored.updateInProgress).toBe(true);
    const { _id, createdAt, lastModified, ...doc } = stored;
    const settings = { ...doc.settings, general: { syncInventory: true } };

    const refused = await under('update-in-progress', session, { method: 'PUT', path: smart.path, body: { ...doc, settings } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'update_in_progress', field: 'settings' })]);

    const done = await under('update-in-progress', session, { method: 'PUT', path: smart.path, body: { ...doc, settings, updateInProgress: false } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ settings, updateInProgress: false, name: 'BigCommerce - NetSuite Connector' });
    expect((await list(session)).body).toHaveLength(2);
  });

  it('empty-account answers the list with 204 and the fixture ids with 404, until one is created', async () => {
    const session = 'sc-empty';
    const empty = await under('empty-account', session, operation('listIntegrations'));
    expect(empty.status).toBe(204);
    expect(empty.text).toBe('');
    expect((await under('empty-account', session, operation('getIntegration'))).status).toBe(404);
    expect((await under('empty-account', session, operation('createIntegration'))).status).toBe(201);
    const after = await under('empty-account', session, operation('listIntegrations'));
    expect(after.body.map((d: { name: string }) => d.name)).toEqual(['Orders to ERP']);
  });

  it('a set-up scenario stays set up in its session without the header, and other sessions keep the fixture', async () => {
    await under('empty-account', 'sc-empty-sticky', operation('listIntegrations'));
    expect((await list('sc-empty-sticky')).status).toBe(204);
    expect((await list('sc-not-empty')).body).toHaveLength(2);
  });
});
