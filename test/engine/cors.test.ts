import { describe, expect, it } from 'vitest';
import { parseCorsOrigins } from '../../src/engine/http/cors.js';
import { useSandbox } from '../helpers/sandbox.js';

const ORIGIN = 'https://app.example.com';
const AUTH = { authorization: 'Bearer integrator-sandbox-token' };
const LIST = '/integrator/v1/integrations';

const preflight = (base: string, path: string, origin: string) =>
  fetch(base + path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-mock-session' } });

describe('--cors with a list of origins', () => {
  const sb = useSandbox({ cors: [ORIGIN] });

  it('answers a preflight from a listed origin: 204, the methods, the headers it asked for, credentials', async () => {
    const res = await preflight(sb.baseUrl, LIST, ORIGIN);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type, x-mock-session');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('puts the headers on the answer, exposing the request id and Link to the page', async () => {
    const res = await fetch(`${sb.baseUrl}${LIST}?limit=1`, { headers: { ...AUTH, origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Mock-Request-Id');
    expect(res.headers.get('access-control-expose-headers')).toContain('Link');
  });

  it('refuses a preflight from another origin with a problem, and adds nothing to its other requests', async () => {
    const refused = await preflight(sb.baseUrl, LIST, 'https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await refused.json()).detail).toContain('https://evil.example');
    const plain = await fetch(sb.baseUrl + LIST, { headers: { ...AUTH, origin: 'https://evil.example' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never on the admin API', async () => {
    const res = await fetch(`${sb.baseUrl}/__sandbox/health`, { headers: { origin: ORIGIN } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(sb.baseUrl, '/__sandbox/reset', ORIGIN)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('--cors for any origin', () => {
  const sb = useSandbox({ cors: '*' });

  it('answers every origin with *, without credentials', async () => {
    const res = await preflight(sb.baseUrl, '/oem/api/oem-api/vendor', 'http://localhost:5173');
    expect([res.status, res.headers.get('access-control-allow-origin'), res.headers.get('access-control-allow-credentials')]).toEqual([204, '*', null]);
  });
});

describe('without --cors', () => {
  const sb = useSandbox();

  it('adds no CORS header, and a preflight is the API answering OPTIONS as it documents (405)', async () => {
    const res = await preflight(sb.baseUrl, LIST, ORIGIN);
    expect(res.status).toBe(405);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('parseCorsOrigins', () => {
  it('takes nothing or * as any origin, and a list of origins', () => {
    expect([parseCorsOrigins(true), parseCorsOrigins(''), parseCorsOrigins('*')]).toEqual(['*', '*', '*']);
    expect(parseCorsOrigins('https://a.example, http://localhost:3000')).toEqual(['https://a.example', 'http://localhost:3000']);
  });

  it('refuses what is not an origin, saying why', () => {
    expect(() => parseCorsOrigins('app.example.com')).toThrow(/origins such as/);
    expect(() => parseCorsOrigins('https://app.example.com/path')).toThrow(/no path/);
  });
});
