import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ journalSize: 5 });
const LINK = '/cloud66/partners/acme/integrations';

describe('request verification (WireMock-style) per session', () => {
  it('counts by operation and status over every request, beyond the journal it keeps', async () => {
    const session = 'verify-counts';
    for (let i = 0; i < 8; i++) await sb.call('POST', LINK, { body: { link_uid: 'nope', user_email: 'jon@smith.com' }, session });
    await sb.call('POST', LINK, { body: { link_uid: 'abc123', user_email: 'jon@smith.com' }, session });
    const count = async (pattern: Record<string, unknown>) => (await sb.admin('POST', '/requests/count', { session, ...pattern })).body;
    expect(await count({ operation: 'linkPartnerIntegration', status: 403 })).toEqual({ session, count: 8, searched: 'counters' });
    expect(await count({ operation: 'linkPartnerIntegration', status: '2xx' })).toMatchObject({ count: 1 });
    expect(await count({ api: 'cloud66' })).toMatchObject({ count: 9 });
    // A pattern on what only the journal holds: searched there, and says how much it keeps.
    expect(await count({ bodyContains: 'abc123' })).toEqual({ session, count: 1, searched: 'journal', kept: 5 });
  });

  it('finds the matching exchanges by method, path, header and body, secrets redacted', async () => {
    const session = 'verify-find';
    await sb.call('POST', '/integrator/v1/integrations', { body: { name: 'Orders to ERP' }, headers: { authorization: 'Bearer integrator-sandbox-token' }, session });
    await sb.call('GET', '/integrator/v1/integrations', { headers: { authorization: 'Bearer integrator-sandbox-token' }, session });
    const found = await sb.admin('POST', '/requests/find', { session, method: 'post', path: '/integrator/v1/*', header: { 'content-type': 'json' }, bodyContains: 'Orders' });
    expect(found.status).toBe(200);
    expect(found.body.requests).toHaveLength(1);
    expect(found.body.requests[0]).toMatchObject({ operationId: 'createIntegration', request: { method: 'POST', headers: { authorization: '[REDACTED]' } }, response: { status: 201 } });
    expect((await sb.admin('POST', '/requests/find', { session, method: 'DELETE' })).body.requests).toEqual([]);
  });

  it('answers a pattern that cannot be one with a 400 problem', async () => {
    for (const pattern of [[], { color: 'red' }, { status: 'fourxx' }, { header: { a: 1 } }, { bodyContains: 7 }, { session: 'bad id' }]) {
      const res = await sb.admin('POST', '/requests/count', pattern);
      expect(res.status, JSON.stringify(pattern)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
