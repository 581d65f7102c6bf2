import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ hostMap: { 'integrator.example.test': 'integrator' } });
const NA = 'Bearer integrator-sandbox-token';
const EU = 'Bearer integrator-eu-token';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A request with a request target and Host header as given: fetch would not send an absolute-form target. */
function raw(target: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<Raw> {
  const { port } = new URL(sb.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: target, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the real host names', () => {
  it('serves an API at its real paths when Host names its real host, and under the prefix as before', async () => {
    const real = await raw('/v1/integrations', { host: 'api.integrator.io', authorization: NA, 'x-mock-session': 'hosts-1' });
    expect(real.status).toBe(200);
    expect(real.body.length).toBeGreaterThan(0);
    expect((await raw('/integrator/v1/integrations', { host: `127.0.0.1:${new URL(sb.baseUrl).port}`, authorization: NA })).status).toBe(200);
    // The prefix is not a real path on the real host: that API's own 404.
    expect((await raw('/integrator/v1/integrations', { host: 'api.integrator.io', authorization: NA })).status).toBe(404);
    expect((await raw('/api/oem-api/vendor', { host: 'acme.mspcentric.app' }, 'POST', '{}')).status).toBe(401);
    expect((await raw('/update-subscription/', { host: 'api.ctl.io' }, 'POST', '{}')).status).toBe(400);
    expect((await raw('/v1/integrations', { host: 'integrator.example.test:8443', authorization: NA })).status).toBe(200);
  });

  it('answers as the EU region on api.eu.integrator.io: the NA token is refused there, the EU token is not', async () => {
    expect((await raw('/v1/integrations', { host: 'api.eu.integrator.io', authorization: EU })).status).toBe(200);
    const na = await raw('/v1/integrations', { host: 'api.eu.integrator.io', authorization: NA });
    expect(na.status).toBe(401);
    expect(na.body.errors[0].message).toBe('This API token belongs to another region (na). Use https://api.integrator.io instead.');
    expect((await raw('/v1/integrations', { host: 'api.integrator.io', authorization: EU })).status).toBe(401);
  });

  it('builds Link from the real host, with the scheme of an absolute-form target', async () => {
    const res = await raw('https://api.integrator.io/v1/integrations?limit=1', { host: 'proxy.invalid', authorization: NA, 'x-mock-session': 'hosts-link' });
    expect(res.status).toBe(200);
    expect(res.headers.link).toMatch(/^<https:\/\/api\.integrator\.io\/v1\/integrations\?skip=1&limit=1>; rel="next"/);
  });

  it('serves absolute-form requests for its own address, and refuses other hosts without forwarding, journaling the refusal', async () => {
    const own = await raw(`${sb.baseUrl}/integrator/v1/integrations`, { host: 'ignored.invalid', authorization: NA });
    expect(own.status).toBe(200);
    const refused = await raw('http://example.com/v1/things', { host: 'example.com', 'x-mock-session': 'hosts-refused' });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ title: 'Not a host this sandbox mocks', detail: expect.stringContaining('does not forward to example.com') });
    const journal = await sb.admin('GET', '/journal?session=hosts-refused');
    expect(journal.body.entries[0]).toMatchObject({ request: { method: 'GET', path: '/v1/things' }, response: { status: 403 } });
  });

  it('builds Prefer answers\' Link and Location from the request, not from the spec\'s 127.0.0.1:4010', async () => {
    const port = new URL(sb.baseUrl).port;
    const link = await raw('/integrator/v1/integrations', { host: `127.0.0.1:${port}`, authorization: NA, prefer: 'code=200' });
    expect(link.headers.link).toContain(`<http://127.0.0.1:${port}/integrator/v1/integrations?`);
    expect(String(link.headers.link)).not.toContain('4010');
    const onReal = await raw('/v1/integrations', { host: 'api.integrator.io', authorization: NA, prefer: 'code=200' });
    // Plain HTTP on this socket: the scheme is the socket's (TLS or a trusted proxy would make it https).
    expect(onReal.headers.link).toContain('<http://api.integrator.io/v1/integrations?');
    const location = await raw('/cloud66/partners/acme/launch?email=jon%40smith.com', { host: `127.0.0.1:${port}`, prefer: 'code=302' });
    expect(location.status).toBe(302);
    expect(String(location.headers.location)).not.toContain('4010');
    expect(String(location.headers.location)).toContain(`127.0.0.1:${port}`);
  });
});

describe('--trust-proxy', () => {
  const trusting = useSandbox({ trustProxy: true });
  const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sandbox.example.com' };

  it('builds Link and Location from X-Forwarded-* or Forwarded when told to trust them, and changes nothing else', async () => {
    const get = (base: string, headers: Record<string, string>) => fetch(`${base}/integrator/v1/integrations?limit=1`, { headers: { authorization: NA, ...headers } });
    const trusted = await get(trusting.baseUrl, forwarded);
    expect(trusted.headers.get('link')).toMatch(/^<https:\/\/sandbox\.example\.com\/integrator\/v1\/integrations\?skip=1&limit=1>/);
    const viaForwarded = await get(trusting.baseUrl, { forwarded: 'for=10.0.0.1;proto=https;host="api.example.net", for=10.0.0.2' });
    expect(viaForwarded.headers.get('link')).toMatch(/^<https:\/\/api\.example\.net\/integrator\/v1\//);
    const plain = await get(trusting.baseUrl, {});
    // Without the headers, or without --trust-proxy, the link is the socket's and Host's.
    expect(plain.headers.get('link')).toMatch(new RegExp(`^<${trusting.baseUrl}/integrator/v1/`));
    const ignored = await get(sb.baseUrl, forwarded);
    expect(ignored.headers.get('link')).toMatch(new RegExp(`^<${sb.baseUrl}/integrator/v1/`));
    // Nothing else: same status and body either way.
    expect(await trusted.json()).toEqual(await ignored.json());
    const launch = await fetch(`${trusting.baseUrl}/cloud66/partners/acme/launch?email=jon%40smith.com`, { headers: forwarded, redirect: 'manual' });
    expect(launch.headers.get('location')).toContain(encodeURIComponent('https://sandbox.example.com/cloud66/partners/acme/callback'));
  });
});
