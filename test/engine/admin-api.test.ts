import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('the admin API: its edges answer as problems', () => {
  it('answers 405 with Allow for a path it serves under other methods, 404 for one it does not serve', async () => {
    const reset = await sb.admin('GET', '/reset');
    expect(reset.status).toBe(405);
    expect(reset.headers.get('allow')).toBe('POST');
    expect(reset.headers.get('content-type')).toBe('application/problem+json');
    expect(reset.body).toMatchObject({ type: '/__sandbox/problems/method-not-allowed', status: 405, allowed: ['POST'] });
    const sticky = await sb.admin('GET', '/sessions/qa-1/scenario');
    expect(sticky.status).toBe(405);
    expect(sticky.headers.get('allow')).toBe('PUT');
    const health = await sb.admin('DELETE', '/health');
    expect(health.headers.get('allow')).toBe('GET, HEAD');
    expect((await sb.admin('GET', '/nothing-here')).status).toBe(404);
  });

  it.each(['abc', '0', '-1', '1.5', '1e3', ''])('refuses journal and sessions ?limit=%j with a 400 problem', async (limit) => {
    for (const path of [`/journal?session=lim&limit=${limit}`, `/sessions?limit=${limit}`]) {
      const res = await sb.admin('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.body).toMatchObject({ type: '/__sandbox/problems/invalid-query-parameter', status: 400 });
    }
  });

  it('takes a valid limit', async () => {
    for (let i = 0; i < 3; i++) await sb.call('GET', '/integrator/v1/tokenInfo', { session: 'lim-ok', headers: { authorization: 'Bearer integrator-sandbox-token' } });
    expect((await sb.admin('GET', '/journal?session=lim-ok&limit=2')).body.entries).toHaveLength(2);
  });

  it('reads the state of a session not created yet without creating it', async () => {
    const state = await sb.admin('GET', '/state?session=never-used');
    expect(state.status).toBe(200);
    expect(Object.keys(state.body.apis)).toEqual(['cloud66', 'centurylink', 'integrator', 'oem']);
    const listed = await sb.admin('GET', '/sessions?limit=1000');
    expect(listed.body.sessions.map((s: { id: string }) => s.id)).not.toContain('never-used');
  });

  it('checks a session id the same way everywhere', async () => {
    const bad = 'bad id!';
    const answers = await Promise.all([
      sb.admin('GET', `/state?session=${encodeURIComponent(bad)}`),
      sb.admin('GET', `/journal?session=${encodeURIComponent(bad)}`),
      sb.admin('POST', `/reset?session=${encodeURIComponent(bad)}`),
      sb.admin('PUT', `/sessions/${encodeURIComponent(bad)}/scenario`, { scenario: null }),
      fetch(`${sb.baseUrl}/__sandbox/provider-states?session=${encodeURIComponent(bad)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"state":"default fixture"}' }).then(async (r) => ({ status: r.status, body: await r.json() })),
    ]);
    for (const answer of answers) expect(answer).toMatchObject({ status: 400, body: { type: '/__sandbox/problems/invalid-session-id' } });
  });
});
