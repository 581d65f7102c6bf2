import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/sandbox.js';

/** A sandbox listening on every interface: reached here through loopback, but it must act as if exposed. */
async function exposed(adminToken?: string): Promise<RunningSandbox> {
  return (await createSandbox({ adminToken })).listen(0, '0.0.0.0');
}

const at = (running: RunningSandbox, path: string) => `http://127.0.0.1:${running.port}${path}`;

describe('the admin API', () => {
  let open: RunningSandbox;
  let closed: RunningSandbox;
  let guarded: RunningSandbox;
  beforeAll(async () => {
    open = await (await createSandbox()).listen(0, '127.0.0.1');
    closed = await exposed(undefined);
    guarded = await exposed('s3cret-admin-token');
  });
  afterAll(async () => {
    await Promise.all([open, closed, guarded].map((r) => r?.close()));
  });

  it('answers without a token on a loopback-only sandbox', async () => {
    const res = await fetch(at(open, '/__sandbox/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', store: 'memory' });
  });

  it('stays closed on an exposed sandbox without SANDBOX_ADMIN_TOKEN, while the APIs still answer', async () => {
    const res = await fetch(at(closed, '/__sandbox/reset'), { method: 'POST' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toContain('set SANDBOX_ADMIN_TOKEN');
    const api = await fetch(at(closed, '/integrator/v1/tokenInfo'), { headers: { authorization: 'Bearer integrator-sandbox-token' } });
    expect(api.status).toBe(200);
  });

  it('needs the bearer token on an exposed sandbox, and takes nothing else', async () => {
    expect((await fetch(at(guarded, '/__sandbox/state'))).status).toBe(401);
    expect((await fetch(at(guarded, '/__sandbox/state'), { headers: { authorization: 'Bearer wrong-token-value' } })).status).toBe(401);
    const ok = await fetch(at(guarded, '/__sandbox/state'), { headers: { authorization: 'Bearer s3cret-admin-token' } });
    expect(ok.status).toBe(200);
  });

  it('sends no CORS headers, so no web page can drive it from a browser', async () => {
    const preflight = await fetch(at(open, '/__sandbox/reset'), { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    const get = await fetch(at(open, '/__sandbox/state'), { headers: { origin: 'https://evil.example' } });
    for (const res of [preflight, get]) {
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});
