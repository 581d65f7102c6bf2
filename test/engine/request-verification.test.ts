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

  it('takes the session in the query (as the design names it) or in the pattern, not two different ones', async () => {
    const session = 'verify-query-session';
    await sb.call('POST', LINK, { body: { link_uid: 'nope', user_email: 'jon@smith.com' }, session });
    expect((await sb.admin('POST', `/requests/count?session=${session}`, { operationId: 'linkPartnerIntegration' })).body).toMatchObject({ session, count: 1 });
    expect((await sb.admin('POST', `/requests/count?session=${session}`, { session, status: 403 })).body).toMatchObject({ count: 1 });
    expect((await sb.admin('POST', `/requests/count?session=${session}`, { session: 'other' })).status).toBe(400);
  });

  it('matches headers, shapedBy, the whole path or a path regex, and the body by JSON pointer, JSONPath or equal JSON', async () => {
    const session = 'verify-matchers';
    const auth = { authorization: 'Bearer integrator-sandbox-token' };
    await sb.call('POST', '/integrator/v1/integrations', { body: { name: 'Orders to ERP', settings: { region: 'eu', tags: ['a', 'b'] } }, headers: auth, session });
    await sb.call('POST', '/integrator/v1/integrations', { body: { name: 'Invoices' }, headers: { ...auth, 'x-trace': 'run-7' }, session });
    await sb.call('POST', LINK, { headers: { prefer: 'code=403, example=already-linked' }, session });
    const count = async (pattern: Record<string, unknown>) => {
      const res = await sb.admin('POST', `/requests/count?session=${session}`, pattern);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.count;
    };
    expect(await count({ headers: { 'X-Trace': 'run-7' } })).toBe(1);
    expect(await count({ headers: { 'x-trace': { matches: 'run-[0-9]+' } } })).toBe(1);
    expect(await count({ headers: { 'x-trace': { absent: true } } })).toBe(2);
    expect(await count({ headers: { 'content-type': { contains: 'json' } } })).toBe(2);
    expect(await count({ shapedBy: { contains: 'prefer' } })).toBe(1);
    expect(await count({ path: '/integrator/v1/integrations' })).toBe(2);
    // A whole path, not a prefix: the journal's own `path` filter is the one that takes prefixes.
    expect(await count({ path: '/integrator/v1' })).toBe(0);
    expect(await count({ pathPattern: '/[a-z0-9]+/partners/[^/]+/integrations' })).toBe(1);
    expect(await count({ body: { matchesJsonPointer: '/settings/region' } })).toBe(1);
    expect(await count({ body: { matchesJsonPointer: '/settings/tags/1', equalTo: 'b' } })).toBe(1);
    expect(await count({ body: { matchesJsonPointer: '/settings/tags/2' } })).toBe(0);
    expect(await count({ body: { matchesJsonPath: '$.settings.tags[*]', equalTo: 'a' } })).toBe(1);
    expect(await count({ body: { matchesJsonPath: "$['name']", matches: 'Orders.*' } })).toBe(1);
    expect(await count({ body: { equalToJson: { settings: { tags: ['a', 'b'], region: 'eu' }, name: 'Orders to ERP' } } })).toBe(1);
    expect(await count({ body: { equalToJson: { name: 'Orders to ERP' } } })).toBe(0);
    expect(await count({ body: [{ matchesJsonPointer: '/name' }, { contains: 'Invoices' }] })).toBe(1);
    expect(await count({ method: 'POST', operationId: 'createIntegration', body: { matchesJsonPointer: '/name', equalTo: 'Invoices' } })).toBe(1);
  });

  it('lists the requests no operation matched, with the closest operation and why it missed', async () => {
    const session = 'verify-unmatched';
    const auth = { authorization: 'Bearer integrator-sandbox-token' };
    await sb.call('GET', '/integrator/v1/integration', { headers: auth, session, unchecked: true });
    await sb.call('GET', '/cloud66/partners/acme/integrations', { session, unchecked: true });
    await sb.call('GET', '/integrator/v1/integrations', { headers: auth, session });
    const res = await sb.admin('GET', `/requests/unmatched?session=${session}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ session, searched: 'journal' });
    const [wrongMethod, typo] = res.body.requests;
    expect(res.body.requests).toHaveLength(2);
    expect(wrongMethod).toMatchObject({ request: { method: 'GET', path: '/cloud66/partners/acme/integrations' }, response: { status: 405 } });
    expect(wrongMethod.closest).toMatchObject({ api: 'cloud66', operationId: 'linkPartnerIntegration', method: 'POST', path: '/cloud66/partners/{partnerId}/integrations' });
    expect(wrongMethod.closest.why).toEqual(['the method is GET; the operation takes POST']);
    expect(typo.closest).toMatchObject({ api: 'integrator', operationId: 'listIntegrations', method: 'GET', path: '/integrator/v1/integrations' });
    expect(typo.closest.why).toEqual(['segment 3 is "integration"; the operation has "integrations"']);
    expect((await sb.admin('GET', '/requests/unmatched?session=bad%20id')).status).toBe(400);
  });

  it('answers a pattern that cannot be one with a 400 problem', async () => {
    const patterns = [[], { color: 'red' }, { status: 'fourxx' }, { header: { a: 1 } }, { bodyContains: 7 }, { session: 'bad id' }, { operation: 'a', operationId: 'a' },
      { headers: { a: { startsWith: 'x' } } }, { headers: { a: { matches: '(' } } }, { headers: { a: { absent: 'yes' } } }, { headers: 'json' }, { path: 'no-slash' },
      { path: '/a', pathPattern: '/a' }, { body: 'text' }, { body: { matchesJsonPointer: 'name' } }, { body: { matchesJsonPath: '$..name' } },
      { body: { matchesJsonPointer: '/a', equalToJson: {} } }, { body: [{ contains: 'a' }, 7] }, { shapedBy: 3 }, { pathPattern: 'x'.repeat(501) }];
    for (const pattern of patterns) {
      const res = await sb.admin('POST', '/requests/count', pattern);
      expect(res.status, JSON.stringify(pattern)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
