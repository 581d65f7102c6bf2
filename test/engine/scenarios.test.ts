import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { notesApi } from './fixtures/notes-module.js';

const sb = useSandbox({ modules: [notesApi], scenarioDir: 'test/engine/fixtures/scenarios' });

const create = (session: string, headers: Record<string, string> = {}) => sb.call('POST', '/notes/notes', { body: { title: 't' }, session, headers });

/** What a raw client sees: the bytes before the connection ended, and how it ended. */
function rawExchange(path: string, scenario: string, body = '', method = 'GET'): Promise<{ data: string; ending: 'reset' | 'closed' | 'timeout'; ms: number }> {
  const url = new URL(sb.baseUrl);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(url.port), url.hostname);
    let data = '';
    const done = (ending: 'reset' | 'closed' | 'timeout') => {
      socket.destroy();
      resolve({ data, ending, ms: Date.now() - started });
    };
    socket.setTimeout(800, () => done('timeout'));
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNRESET' ? 'reset' : 'closed'));
    socket.on('end', () => done('closed'));
    socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${url.host}\r\nX-Mock-Scenario: ${scenario}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

describe('named scenarios', () => {
  it('fails twice with the documented 503, then lets the API answer', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await create('sc-flaky', { 'x-mock-scenario': 'notes/flaky-create' })).status);
    expect(statuses).toEqual([503, 503, 201, 201]);
  });

  it('applies a rule only to the calls it names (skip 2, times 1)', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await create('sc-third', { 'x-mock-scenario': 'notes/third-call-fails' })).status);
    expect(statuses).toEqual([201, 201, 503, 201]);
  });

  it('sets up state once per session before the request', async () => {
    const headers = { 'x-mock-scenario': 'notes/seeded' };
    const first = await sb.call('GET', '/notes/notes/count', { session: 'sc-seed', headers });
    await create('sc-seed', headers);
    const second = await sb.call('GET', '/notes/notes/count', { session: 'sc-seed', headers });
    expect([first.body.count, second.body.count]).toEqual([2, 3]);
  });

  it('answers 429 with Retry-After past the rate limit', async () => {
    const headers = { 'x-mock-scenario': 'notes/rate-limited' };
    const path = '/notes/notes/0123456789abcdef01234567';
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await sb.call('GET', path, { session: 'sc-rate', headers }));
    expect(statuses.map((r) => r.status)).toEqual([404, 404, 429]);
    expect(Number(statuses[2].headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
  });

  it('delays the answer by at least its latency', async () => {
    const started = performance.now();
    const res = await sb.call('GET', '/notes/notes/count', { session: 'sc-slow', headers: { 'x-mock-scenario': 'notes/slow' } });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it('resets the connection, and the request changes nothing', async () => {
    const seen = await rawExchange('/notes/notes', 'notes/reset', '{"title":"t"}', 'POST');
    expect(seen).toMatchObject({ data: '', ending: 'reset' });
    expect((await sb.call('GET', '/notes/notes/count')).body.count).toBe(0);
  });

  it('closes the connection without any response', async () => {
    const seen = await rawExchange('/notes/notes', 'notes/empty', '{"title":"t"}', 'POST');
    expect(seen).toMatchObject({ data: '', ending: 'closed' });
  });

  it('sends a JSON body cut short', async () => {
    const res = await sb.call('GET', '/notes/notes/count', { headers: { 'x-mock-scenario': 'notes/malformed' }, unchecked: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('stalls after the headers until the client gives up, without blocking other requests', async () => {
    const stalled = rawExchange('/notes/notes/count', 'notes/stalled');
    const other = await sb.call('GET', '/notes/notes/count', { session: 'sc-other' });
    expect(other.status).toBe(200);
    const seen = await stalled;
    expect(seen.ending).toBe('timeout');
    expect(seen.data).toMatch(/^HTTP\/1\.1 200/);
  });

  it('refuses an unknown scenario with problem+json listing the known ones', async () => {
    const res = await sb.call('POST', '/notes/notes', { body: { title: 't' }, headers: { 'x-mock-scenario': 'notes/nope' }, unchecked: true });
    expect(res.status).toBe(400);
    expect(res.body.available).toContain('notes/flaky-create');
  });
});

describe('sticky scenarios through the admin API', () => {
  it('applies to every request of that session only, until cleared', async () => {
    const set = await sb.admin('PUT', '/sessions/sticky-a/scenario', { scenario: 'notes/flaky-create' });
    expect(set.status).toBe(200);
    expect((await create('sticky-a')).status).toBe(503);
    expect((await create('sticky-b')).status).toBe(201);
    await sb.admin('PUT', '/sessions/sticky-a/scenario', { scenario: null });
    expect((await create('sticky-a')).status).toBe(201);
  });

  it('refuses an unknown scenario', async () => {
    const res = await sb.admin('PUT', '/sessions/sticky-c/scenario', { scenario: 'notes/nope' });
    // The same answer as naming it in X-Mock-Scenario (PROBLEMS.unknownScenario): one status for one mistake.
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('/__sandbox/problems/unknown-scenario');
    expect(res.body.available).toContain('notes/seeded');
  });

  it('lists every scenario with its description and the operations it touches', async () => {
    const res = await sb.admin('GET', '/scenarios');
    expect(res.body).toContainEqual({ name: 'notes/flaky-create', description: 'createNote answers 503 twice, then works', operations: ['createNote'] });
    expect(res.body.find((s: { name: string }) => s.name === 'notes/slow').operations).toEqual(['createNote', 'getNote', 'countNotes']);
  });
});

describe('resetting a session', () => {
  it('drops its sticky scenario with its data, as Pact provider states need between interactions', async () => {
    await sb.admin('PUT', '/sessions/reset-sticky/scenario', { scenario: 'notes/flaky-create' });
    await sb.admin('POST', '/reset?session=reset-sticky');
    expect((await create('reset-sticky')).status).toBe(201);
  });

  it('lets a provider state replace the scenario of the one before', async () => {
    const setup = (state: string) => sb.admin('POST', '/provider-states?session=pstate', { state, action: 'setup' });
    expect((await setup('notes/flaky-create')).status).toBe(200);
    expect((await create('pstate')).status).toBe(503);
    expect((await setup('default fixture')).status).toBe(200);
    expect((await create('pstate')).status).toBe(201);
    const unknown = await setup('notes/nope');
    expect([unknown.status, unknown.body.known]).toEqual([400, expect.arrayContaining(['default fixture', 'notes/seeded'])]);
  });
});
