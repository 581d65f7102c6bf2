import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { canReadJsonFast } from '../../src/engine/http/json-fast-path.js';
import type { ApiRequest } from '../../src/engine/http/api-request.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const AUTH = 'Bearer integrator-sandbox-token';

/**
 * The same body sent twice: with Content-Length (the fast path reads it) and chunked (body-parser reads it).
 * The answers must be the same, byte for byte but for ids and times.
 */
function send(body: Buffer, chunked: boolean, session: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(sb.baseUrl);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: AUTH, 'x-mock-session': session };
    if (!chunked) headers['content-length'] = String(body.length);
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/integrator/v1/integrations', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    if (chunked) {
      // Two chunks, so body-parser really reads a stream.
      req.write(body.subarray(0, Math.floor(body.length / 2)));
      req.end(body.subarray(Math.floor(body.length / 2)));
    } else req.end(body);
  });
}

const stable = (text: string) => text.replace(/"_id":"[0-9a-f]{24}"/g, '"_id":"…"').replace(/"(createdAt|lastModified)":"[^"]+"/g, '"$1":"…"');

describe('the JSON body fast path', () => {
  const bodies: [string, Buffer][] = [
    ['an integration', Buffer.from('{"name":"Orders to ERP","description":"é ünïcode ✓"}')],
    ['a byte-order mark before it', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"BOM"}')])],
    ['not JSON', Buffer.from('{"name": ')],
    ['a string, not an object', Buffer.from('"AAA"')],
    ['nested too deep', Buffer.from(`${'['.repeat(80)}${']'.repeat(80)}`)],
    ['a number beyond a double', Buffer.from('{"name":"x","n":1e400}')],
    ['a __proto__ key', Buffer.from('{"name":"p","__proto__":{"admin":true}}')],
  ];
  for (const [what, body] of bodies) {
    it(`answers ${what} exactly as body-parser does`, async () => {
      const fast = await send(body, false, `fast-${what}`);
      const parsed = await send(body, true, `parser-${what}`);
      expect(fast.status).toBe(parsed.status);
      expect(stable(fast.body)).toBe(stable(parsed.body));
    });
  }

  it('answers a body shorter than its Content-Length once the client gives up, and keeps serving', async () => {
    const { port } = new URL(sb.baseUrl);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /integrator/v1/integrations HTTP/1.1\r\nHost: x\r\nAuthorization: ${AUTH}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":"half`);
        // Half-close: the server sees the end of the request before the length it was promised.
        socket.end();
      });
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('close', () => resolve(text));
    });
    // Either a 400 the server managed to send or a closed connection; never a 500, a hang or a created document.
    expect(answer).not.toMatch(/HTTP\/1\.1 (201|500)/);
    const list = await sb.call('GET', '/integrator/v1/integrations', { headers: { authorization: AUTH } });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('"half');
  });

  it('takes only plain UTF-8 JSON of a known length within the limit; body-parser the rest', () => {
    const fits = (headers: Record<string, string>) => canReadJsonFast({ headers } as unknown as ApiRequest, 1024);
    expect(fits({ 'content-type': 'application/json', 'content-length': '20' })).toBe(true);
    expect(fits({ 'content-type': 'application/json; charset=utf-8', 'content-length': '20' })).toBe(true);
    expect(fits({ 'content-type': 'application/json; charset=utf-16', 'content-length': '20' })).toBe(false);
    expect(fits({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': '20' })).toBe(false);
    expect(fits({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' })).toBe(false);
    expect(fits({ 'content-type': 'application/json', 'content-length': '20', 'content-encoding': 'gzip' })).toBe(false);
    expect(fits({ 'content-type': 'application/json', 'content-length': '2048' })).toBe(false);
  });
});
