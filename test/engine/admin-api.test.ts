import { beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();

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

describe('journal queries', () => {
  const token = { authorization: 'Bearer integrator-sandbox-token' };
  const ids: string[] = [];
  beforeAll(async () => {
    const session = 'jq';
    const calls: [string, string, Record<string, string>][] = [
      ['GET', '/integrator/v1/integrations', token],
      ['GET', '/integrator/v1/integrations/554155c853bb53af2900000b', token],
      ['GET', '/integrator/v1/integrations/ffffffffffffffffffffffff', token],
      ['GET', '/integrator/v1/tokenInfo', {}],
      ['GET', '/oem/api/oem-api/nothing', {}],
    ];
    for (const [method, path, headers] of calls) {
      const res = await sb.call(method, path, { session, headers, unchecked: true });
      ids.push(res.headers.get('x-mock-request-id')!);
    }
  });
  const query = async (q: string) => {
    const res = await sb.admin('GET', `/journal?session=jq&${q}`);
    return { status: res.status, ids: (res.body.entries ?? []).map((e: { id: string }) => e.id), body: res.body };
  };

  it('filters by operation, api, status (exact, class, range) and path (prefix, pattern), newest first', async () => {
    expect((await query('operation=getIntegration')).ids).toEqual([ids[2], ids[1]]);
    expect((await query('api=oem')).ids).toEqual([ids[4]]);
    expect((await query('status=404')).ids).toEqual([ids[4], ids[2]]);
    expect((await query('status=4xx')).ids).toEqual([ids[4], ids[3], ids[2]]);
    expect((await query('status=200-299')).ids).toEqual([ids[1], ids[0]]);
    expect((await query('path=/integrator/v1/integrations')).ids).toEqual([ids[2], ids[1], ids[0]]);
    expect((await query('path=/integrator/*/tokenInfo')).ids).toEqual([ids[3]]);
    expect((await query('status=4xx&api=integrator&limit=1')).ids).toEqual([ids[3]]);
  });

  it('takes since as a request id (what came after it) or an ISO time', async () => {
    expect((await query(`since=${ids[2]}`)).ids).toEqual([ids[4], ids[3]]);
    expect((await query('since=2000-01-01T00:00:00Z')).ids).toHaveLength(5);
    expect((await query('since=2999-01-01')).ids).toEqual([]);
  });

  it.each(['status=4yy', 'status=600', 'status=499-400', 'path=integrations', 'since=yesterday', 'since=nope-id', 'colour=red', 'operation=a&operation=b'])('refuses %s with a 400 problem naming it', async (q) => {
    const res = await query(q);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: '/__sandbox/problems/invalid-query-parameter' });
  });
});
