import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ limits: { headersTimeoutMs: 400, requestTimeoutMs: 1200 } });

const TOKEN = { authorization: 'Bearer integrator-sandbox-token' };

/** Sends raw bytes and collects what comes back until the server closes the connection (or 5 s pass). */
function raw(payload: string, keepOpenMs = 0): Promise<{ data: string; ms: number }> {
  const url = new URL(sb.baseUrl);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(url.port), url.hostname);
    let data = '';
    const finish = () => resolve({ data, ms: Date.now() - started });
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', finish);
    socket.on('error', () => undefined);
    socket.write(payload);
    if (keepOpenMs) setTimeout(() => socket.write('X-Slow: still here\r\n'), keepOpenMs);
  });
}

describe('limits with clear answers', () => {
  it('answers an oversized body with the API\'s documented 413', async () => {
    const res = await sb.call('POST', '/integrator/v1/integrations', { body: { name: 'x'.repeat(1024 * 1024 + 10) }, headers: TOKEN });
    expect([res.status, res.body.errors[0].code]).toEqual([413, 'payload_too_large']);
  });

  it('answers JSON nested deeper than 64 levels with the API\'s malformed-body answer, before parsing it', async () => {
    const deep = `${'{"a":'.repeat(200)}1${'}'.repeat(200)}`;
    const res = await sb.call('POST', '/integrator/v1/integrations', { raw: deep, headers: TOKEN });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].code).toBe('malformed_json');
    expect(res.body.errors[0].message).toContain('deeper than 64 levels');
  });

  it.each(['1e400', '-1e400', '1'.repeat(400), '1.5E+309'])('answers a number no double can hold (%s) as a malformed body, and keeps nothing', async (number) => {
    const session = `huge-${number.length}-${number[0]}`;
    const res = await sb.call('POST', '/integrator/v1/integrations', { raw: `{"name":"huge","settings":{"n":${number}}}`, headers: TOKEN, session });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ code: 'malformed_json', message: expect.stringContaining('beyond the largest double') });
    const list = await sb.call('GET', '/integrator/v1/integrations', { headers: TOKEN, session });
    expect(list.body.map((i: { name: string }) => i.name)).not.toContain('huge');
  });

  it('still takes large finite numbers, tiny ones and exponent-like text in strings', async () => {
    const res = await sb.call('POST', '/integrator/v1/integrations', { raw: '{"name":"e400 1e400","settings":{"max":1.7976931348623157e308,"tiny":1e-400}}', headers: TOKEN, session: 'finite-ok' });
    expect(res.status).toBe(201);
  });

  it('accepts JSON as deep as the limit', async () => {
    const ok = `{"name":"deep","settings":${'{"a":'.repeat(60)}1${'}'.repeat(60)}}`;
    const res = await sb.call('POST', '/integrator/v1/integrations', { raw: ok, headers: TOKEN, session: 'deep-ok' });
    expect(res.status).toBe(201);
  });

  it('answers a URL over 8 KiB with 414 problem+json', async () => {
    const res = await sb.call('GET', `/integrator/v1/integrations?tag=${'a'.repeat(9000)}`, { headers: TOKEN, unchecked: true });
    expect(res.status).toBe(414);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers headers over 16 KiB with 431 problem+json instead of a bare status line', async () => {
    const { data } = await raw(`GET /__sandbox/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    expect(data).toMatch(/^HTTP\/1\.1 431/);
    expect(data).toContain('application/problem+json');
    expect(data).toContain('"status":431');
  });

  it('answers a request line that is not HTTP with 400 problem+json', async () => {
    const { data } = await raw('HELLO THERE\r\n\r\n');
    expect(data).toMatch(/^HTTP\/1\.1 400/);
    expect(data).toContain('"title":"Bad request"');
  });

  it('times out a slow-loris client without blocking anyone else', async () => {
    const slow = raw('GET /__sandbox/health HTTP/1.1\r\nHost: x\r\n', 200);
    const others = await Promise.all(Array.from({ length: 5 }, () => sb.call('GET', '/integrator/v1/tokenInfo', { headers: TOKEN })));
    expect(others.every((r) => r.status === 200)).toBe(true);
    const seen = await slow;
    expect(seen.data).toMatch(/^HTTP\/1\.1 408/);
    expect(seen.ms).toBeLessThan(4000);
  });
});
