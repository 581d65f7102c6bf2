import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../../src/index.js';

const AUTH = { authorization: 'Bearer integrator-sandbox-token' };

describe('startSandbox, the test-runner helper of the public API', () => {
  let a: TestSandbox;
  let b: TestSandbox;
  beforeAll(async () => {
    [a, b] = await Promise.all([startSandbox(), startSandbox()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('listens on a free loopback port, with a fresh session id per call', () => {
    for (const s of [a, b]) {
      expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
      expect(s.port).toBeGreaterThan(0);
      expect(s.sessionId).toMatch(/^test-[0-9a-f-]{36}$/);
      expect(s.headers).toEqual({ 'X-Mock-Session': s.sessionId });
    }
    expect(a.port).not.toBe(b.port);
    expect(a.sessionId).not.toBe(b.sessionId);
  });

  it('gives each API its mount point, and names the served ones for an unknown one', () => {
    expect(a.baseUrl('integrator')).toBe(`${a.url}/integrator`);
    expect(a.baseUrl('cloud66')).toBe(`${a.url}/cloud66`);
    expect(() => a.baseUrl('nope' as never)).toThrow(/serves no API "nope"; it serves cloud66, centurylink, integrator, oem/);
  });

  it('countRequests() counts what its own session was asked, and says why a pattern cannot be one', async () => {
    for (let i = 0; i < 3; i++) await fetch(`${b.baseUrl('integrator')}/v1/integrations/ffffffffffffffffffffffff`, { headers: { ...AUTH, ...b.headers } });
    expect(await b.countRequests({ operation: 'getIntegration', status: 404 })).toBe(3);
    expect(await b.countRequests({ api: 'integrator', status: '2xx' })).toBe(0);
    expect(await b.countRequests({ method: 'GET', path: '/integrator/v1/integrations/*' })).toBe(3);
    await expect(b.countRequests({ status: 'many' })).rejects.toThrow(/requests\/count failed: 400 status is a status/);
  });

  it('verify() passes on the right count and fails naming what the session received and its near misses', async () => {
    const link = (path: string, method = 'POST') => fetch(`${b.baseUrl('cloud66')}${path}`, { method, headers: { ...b.headers, 'content-type': 'application/json' }, body: method === 'POST' ? '{"link_uid":"nope","user_email":"jon@smith.com"}' : undefined });
    await link('/partners/acme/integrations');
    await link('/partners/acme/integrations', 'GET');
    await b.verify({ operationId: 'linkPartnerIntegration', status: 403 }).toHaveBeenCalledTimes(1);
    await b.verify({ operationId: 'linkPartnerIntegration', body: { matchesJsonPointer: '/link_uid', equalTo: 'nope' } }).toHaveBeenCalled();
    await b.verify({ operationId: 'linkPartnerIntegration', status: 200 }).not.toHaveBeenCalled();
    const failure = await b.verify({ operationId: 'linkPartnerIntegration', status: 200 }).toHaveBeenCalledTimes(1).then(() => 'passed', (err: Error) => err.message);
    expect(failure).toContain('expected 1 request matching {"operationId":"linkPartnerIntegration","status":200}');
    expect(failure).toContain('got 0');
    expect(failure).toContain('received POST /cloud66/partners/acme/integrations → 403');
    expect(failure).toContain('unmatched GET /cloud66/partners/acme/integrations → 405; closest: POST /cloud66/partners/{partnerId}/integrations (linkPartnerIntegration): the method is GET; the operation takes POST');
    expect((await b.findRequests({ method: 'GET' }))[0].response.status).toBe(405);
    expect((await b.unmatchedRequests())[0].closest?.operationId).toBe('linkPartnerIntegration');
  });

  it('reset() puts its own session back to the fixture and leaves other sessions alone', async () => {
    const list = async (headers: Record<string, string>) => {
      const res = await fetch(`${a.baseUrl('integrator')}/v1/integrations`, { headers: { ...AUTH, ...headers } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { name: string }[]).map((i) => i.name);
    };
    const create = (headers: Record<string, string>) =>
      fetch(`${a.baseUrl('integrator')}/v1/integrations`, { method: 'POST', headers: { ...AUTH, ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'made by the test' }) });
    const other = { 'X-Mock-Session': `${a.sessionId}-other` };
    expect((await create(a.headers)).status).toBe(201);
    expect((await create(other)).status).toBe(201);
    expect(await list(a.headers)).toContain('made by the test');

    await a.reset();
    expect(await list(a.headers)).not.toContain('made by the test');
    expect(await list(other)).toContain('made by the test');
  });

  it('takes a chosen session id', async () => {
    const s = await startSandbox({ sessionId: 'my-run-1' });
    try {
      expect(s.headers).toEqual({ 'X-Mock-Session': 'my-run-1' });
      await s.reset();
    } finally {
      await s.close();
    }
  });

  it('close() stops listening, and a second close() does nothing', async () => {
    const s = await startSandbox();
    await s.close();
    await s.close();
    await expect(fetch(`${s.url}/__sandbox/health`)).rejects.toThrow();
  });
});
