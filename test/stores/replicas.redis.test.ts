import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueKeyPrefix } from '../helpers/redis-keys.js';
import { createSandbox, type RunningSandbox } from '../../src/sandbox.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';

/** Two sandbox processes' worth of replicas (two servers, two Redis clients) sharing one Redis. */
let redis: RedisServer;
let replicas: RunningSandbox[];
beforeAll(async () => {
  redis = await startRedisServer({ durable: true });
  const store = { redis: redis.url, keyPrefix: uniqueKeyPrefix() };
  replicas = await Promise.all([0, 1].map(async () => (await createSandbox({ store })).listen(0, '127.0.0.1')));
});
afterAll(async () => {
  await Promise.all(replicas?.map((r) => r.close()) ?? []);
  await redis?.stop();
});

const OEM = { clientId: 'oem-sandbox-client', clientSecret: 'oem-sandbox-secret', grantType: 'client_credentials', scope: 'vendor_manage', organizationOemToken: 'org-sandbox-token' };
const TOKEN = { authorization: 'Bearer integrator-sandbox-token' };

/** A request on replica `i % 2`, as a load balancer would spread them. */
function on(i: number, path: string, init: { method?: string; body?: unknown; session: string; headers?: Record<string, string> }) {
  return fetch(replicas[i % 2].url + path, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', 'x-mock-session': init.session, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

describe('two replicas sharing one Redis', () => {
  it('say so in their health', async () => {
    for (const replica of replicas) expect(await (await fetch(`${replica.url}/__sandbox/health`)).json()).toMatchObject({ store: 'redis' });
  });

  it('100 concurrent identical Cloud 66 links spread over both: exactly one 200, 99 already linked', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => on(i, '/cloud66/partners/acme/integrations', { method: 'POST', body: { link_uid: 'abc123', user_email: 'jon@smith.com' }, session: 'rep-c66' })),
    );
    expect(tally(results.map((r) => r.status))).toEqual({ 200: 1, 403: 99 });
  }, 60_000);

  it('100 concurrent OEM creates of one organization × vendor spread over both: exactly one 201', async () => {
    const body = { ...OEM, data: { vendorId: '43211235', integrationCredentials: { 'api key': 'k', 'api username': 'u' } } };
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => on(i, '/oem/api/oem-api/integration', { method: 'POST', body, session: 'rep-oem' })));
    expect(tally(results.map((r) => r.status))).toEqual({ 201: 1, 409: 99 });
  }, 60_000);

  it('a scenario counts its calls across replicas: fail twice, then succeed', async () => {
    const set = await fetch(`${replicas[0].url}/__sandbox/sessions/rep-flaky/scenario`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'centurylink/flaky-update' }) });
    expect(set.status).toBe(200);
    const update = { coid: 'SANDBOX-COID-1', expired: false, sku: 'SANDBOX-SKU-1', count: 1, providerkey: 'sandbox-provider-key' };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await on(i, '/centurylink/update-subscription/', { method: 'POST', body: update, session: 'rep-flaky' })).status);
    expect(statuses).toEqual([500, 500, 201, 201]);
  });

  it('a write on one replica is read on the other, and both journal into one capped journal', async () => {
    const created = await on(0, '/integrator/v1/integrations', { method: 'POST', body: { name: 'shared' }, session: 'rep-read', headers: TOKEN });
    const id = ((await created.json()) as { _id: string })._id;
    const read = await on(1, `/integrator/v1/integrations/${id}`, { session: 'rep-read', headers: TOKEN });
    expect(read.status).toBe(200);
    const journal = (await (await fetch(`${replicas[1].url}/__sandbox/journal?session=rep-read`)).json()) as { entries: { response: { status: number } }[] };
    expect(journal.entries.map((e) => e.response.status)).toEqual([200, 201]);
  });

  it('answers 503 problem+json while Redis is away, recovers when it returns, and loses nothing acknowledged', async () => {
    const created = await on(0, '/integrator/v1/integrations', { method: 'POST', body: { name: 'before the outage' }, session: 'rep-outage', headers: TOKEN });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { _id: string })._id;
    await redis.stop();
    const during = await on(1, `/integrator/v1/integrations/${id}`, { session: 'rep-outage', headers: TOKEN });
    expect(during.status).toBe(503);
    expect(during.headers.get('content-type')).toContain('application/problem+json');
    await redis.restart();
    let after: Response | undefined;
    for (let i = 0; i < 50 && after?.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await on(i, `/integrator/v1/integrations/${id}`, { session: 'rep-outage', headers: TOKEN });
    }
    expect(after?.status).toBe(200);
    expect(((await after!.json()) as { name: string }).name).toBe('before the outage');
  }, 30_000);
});

describe('limits enforced in Redis', () => {
  it('forgets a session idle past its TTL', async () => {
    const server = await startRedisServer();
    const sandbox = await (await createSandbox({ store: { redis: server.url, keyPrefix: uniqueKeyPrefix() }, sessionTtlMs: 300 })).listen(0, '127.0.0.1');
    try {
      const create = () => fetch(`${sandbox.url}/integrator/v1/integrations`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-mock-session': 'ttl', ...TOKEN }, body: '{"name":"x"}' });
      const first = (await (await create()).json()) as { _id: string };
      await new Promise((r) => setTimeout(r, 700));
      const gone = await fetch(`${sandbox.url}/integrator/v1/integrations/${first._id}`, { headers: { 'x-mock-session': 'ttl', ...TOKEN } });
      expect(gone.status).toBe(404);
    } finally {
      await sandbox.close();
      await server.stop();
    }
  });

  it('keeps a session that is only read alive: each read refreshes its expiry and last use', async () => {
    const server = await startRedisServer();
    const sandbox = await (await createSandbox({ store: { redis: server.url, keyPrefix: uniqueKeyPrefix() }, sessionTtlMs: 400 })).listen(0, '127.0.0.1');
    try {
      const headers = { 'content-type': 'application/json', 'x-mock-session': 'kept', ...TOKEN };
      const created = (await (await fetch(`${sandbox.url}/integrator/v1/integrations`, { method: 'POST', headers, body: '{"name":"x"}' })).json()) as { _id: string };
      const lastUse = async () =>
        ((await (await fetch(`${sandbox.url}/__sandbox/sessions`)).json()) as { sessions: { id: string; lastUsed: string }[] }).sessions.find((s) => s.id === 'kept')?.lastUsed;
      const before = await lastUse();
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 150));
        const read = await fetch(`${sandbox.url}/integrator/v1/integrations/${created._id}`, { headers });
        expect(read.status, `read ${i + 1}, ${150 * (i + 1)} ms after the create`).toBe(200);
      }
      expect(Date.parse((await lastUse())!)).toBeGreaterThan(Date.parse(before!));
    } finally {
      await sandbox.close();
      await server.stop();
    }
  });
});
