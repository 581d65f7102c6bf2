import { request } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox, startSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { notesApi } from './fixtures/notes-module.js';

const sb = useSandbox({ modules: [notesApi], bodyLimit: '2kb' });

describe('routing from the spec', () => {
  it('serves an operation under its prefix, with or without the trailing slash', async () => {
    const a = await sb.call('POST', '/notes/notes/', { body: { title: 'one' }, session: 'route-1' });
    const b = await sb.call('POST', '/notes/notes', { body: { title: 'two' }, session: 'route-1' });
    expect([a.status, b.status]).toEqual([201, 201]);
  });

  it('prefers a literal path over a templated one', async () => {
    const res = await sb.call('GET', '/notes/notes/count', { session: 'route-2' });
    expect(res.body).toEqual({ count: 0 });
  });

  it('answers an unknown path and a wrong method in the API envelope', async () => {
    const missing = await sb.call('GET', '/notes/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'not-found' });
    const wrong = await sb.call('DELETE', '/notes/notes/count');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('answers paths outside every API with problem+json', async () => {
    const res = await sb.call('GET', '/elsewhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('mounts an API at a path segment, not at a string prefix', async () => {
    const beside = await sb.call('GET', '/notesX/notes/count', { unchecked: true });
    expect(beside.status).toBe(404);
    expect(beside.headers.get('content-type')).toContain('application/problem+json');
    const withQuery = await sb.call('GET', '/notes/notes/count?x=1', { session: 'route-3' });
    expect(withQuery.body).toEqual({ count: 0 });
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await fetch(`${sb.baseUrl}/notes/notes/count`, { method: 'HEAD', headers: { 'x-mock-session': 'route-4' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(JSON.stringify({ count: 0 }).length));
    expect(await res.text()).toBe('');
  });
});

describe('a handler that throws', () => {
  let broken: TestSandbox;
  beforeAll(async () => {
    const operations = {
      ...notesApi.operations,
      countNotes: {
        handler: () => {
          throw new Error('bug near secret-value-123');
        },
      },
    };
    broken = await startSandbox({ modules: [{ ...notesApi, operations }], logger: pino({ level: 'silent' }) });
  });
  afterAll(() => broken.close());

  it('answers 500 problem+json without the error, and keeps serving', async () => {
    const res = await broken.call('GET', '/notes/notes/count', { unchecked: true });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.text).not.toContain('secret-value-123');
    const created = await broken.call('POST', '/notes/notes', { body: { title: 'still here' } });
    expect(created.status).toBe(201);
  });
});

describe('validation from the spec', () => {
  it('hands schema failures to the API, named by field', async () => {
    const res = await sb.call('POST', '/notes/notes', { body: { priority: 'high' }, session: 'val-1' });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'title', kind: 'missing' }),
        expect.objectContaining({ field: 'priority', kind: 'type' }),
      ]),
    );
  });

  it('coerces query values to their schema types', async () => {
    const created = await sb.call('POST', '/notes/notes', { body: { title: 'q' }, session: 'val-2' });
    const res = await sb.call('GET', `/notes/notes/${created.body.id}?verbose=true`, { session: 'val-2' });
    expect(res.body.verbose).toBe(true);
  });

  it('authenticates before validating', async () => {
    const res = await sb.call('POST', '/notes/notes', { body: {}, headers: { authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
  });

  it('answers malformed JSON, a wrong media type and an oversized body in the API envelope', async () => {
    const bad = await sb.call('POST', '/notes/notes', { raw: '{"title": ', session: 'val-3' });
    expect([bad.status, bad.body.error]).toEqual([400, 'malformed-body']);
    const text = await sb.call('POST', '/notes/notes', { raw: 'title=x', contentType: 'text/plain', session: 'val-3' });
    expect([text.status, text.body.error]).toEqual([415, 'unsupported-media-type']);
    const big = await sb.call('POST', '/notes/notes', { body: { title: 'x'.repeat(4096) }, session: 'val-3' });
    expect([big.status, big.body.error]).toEqual([413, 'payload-too-large']);
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const corrupt = await sb.call('POST', '/notes/notes', { raw: 'not compressed at all', headers: { 'content-encoding': encoding }, session: 'val-3' });
      expect([corrupt.status, corrupt.body.error], encoding).toEqual([400, 'malformed-body']);
    }
    const state = await sb.admin('GET', '/state?session=val-3');
    expect(state.body.apis.notes.notes).toEqual({});
  });

  it('matches the operation before reading the body: an unknown path is 404 and a body-less operation never parses one', async () => {
    const unknown = await sb.call('POST', '/notes/nothing-here', { raw: '{"title": ', session: 'val-5' });
    expect([unknown.status, unknown.body.error]).toEqual([404, 'not-found']);
    const wrongMethod = await sb.call('PATCH', '/notes/notes/count', { raw: 'x'.repeat(4096), session: 'val-5' });
    expect([wrongMethod.status, wrongMethod.body.error]).toEqual([405, 'method-not-allowed']);
    // fetch sends no body with a GET; Node's client does, as some clients do.
    const read = await getWithBody(`${sb.baseUrl}/notes/notes/count`, '{"title": ', { 'x-mock-session': 'val-5' });
    expect([read.status, JSON.parse(read.text)]).toEqual([200, { count: 0 }]);
    const journal = await sb.admin('GET', '/journal?session=val-5');
    expect(journal.body.entries.map((e: { request: { body?: string } }) => e.request.body)).toEqual([undefined, undefined, undefined]);
  });

  it('never lets a __proto__ key re-parent stored data', async () => {
    const res = await sb.call('POST', '/notes/notes', { raw: '{"title":"p","__proto__":{"polluted":true}}', session: 'val-4' });
    expect(res.status).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('sessions and journal', () => {
  it('keeps sessions apart', async () => {
    await sb.call('POST', '/notes/notes', { body: { title: 'mine' }, session: 'iso-a' });
    const other = await sb.call('GET', '/notes/notes/count', { session: 'iso-b' });
    const mine = await sb.call('GET', '/notes/notes/count', { session: 'iso-a' });
    expect([mine.body.count, other.body.count]).toEqual([1, 0]);
  });

  it('repeats the same ids in a fresh or reset session', async () => {
    const first = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, session: 'ids-1' });
    const other = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, session: 'ids-2' });
    await sb.admin('POST', '/reset?session=ids-1');
    const again = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, session: 'ids-1' });
    expect(first.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(other.body.id).toBe(first.body.id);
    expect(again.body.id).toBe(first.body.id);
  });

  it('journals each exchange under the id it sends back, newest first, secrets redacted', async () => {
    const res = await sb.call('POST', '/notes/notes', {
      body: { title: 'journal', password: 'hunter2' },
      headers: { authorization: 'Bearer s3cret-value' },
      session: 'jr-1',
    });
    const journal = await sb.admin('GET', '/journal?session=jr-1');
    const entry = journal.body.entries[0];
    expect(entry.id).toBe(res.headers.get('x-mock-request-id'));
    expect(entry.operationId).toBe('createNote');
    expect(entry.response.status).toBe(201);
    expect(JSON.stringify(journal.body)).not.toContain('hunter2');
    expect(JSON.stringify(journal.body)).not.toContain('s3cret-value');
  });

  it("journals a fresh session's requests that no operation matched, and lists the session", async () => {
    await sb.admin('POST', '/reset');
    const missing = await sb.call('GET', '/notes/scripts', { session: 'fresh-unmatched', unchecked: true });
    const wrongMethod = await sb.call('DELETE', '/notes/notes/count', { session: 'fresh-unmatched', unchecked: true });
    expect([missing.status, wrongMethod.status]).toEqual([404, 405]);
    const entries = (await sb.admin('GET', '/journal?session=fresh-unmatched')).body.entries;
    expect(entries.map((e: { response: { status: number } }) => e.response.status)).toEqual([405, 404]);
    expect(entries[1].id).toBe(missing.headers.get('x-mock-request-id'));
    const listed = (await sb.admin('GET', '/sessions')).body.sessions.map((s: { id: string }) => s.id);
    expect(listed).toContain('fresh-unmatched');
  });

  it('rejects a session id that cannot be one', async () => {
    const res = await sb.call('GET', '/notes/notes/count', { session: 'bad id with spaces', unchecked: true });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

function getWithBody(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
