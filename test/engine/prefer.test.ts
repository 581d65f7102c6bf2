import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { notesApi } from './fixtures/notes-module.js';

const sb = useSandbox({ modules: [notesApi], scenarioDir: 'test/engine/fixtures/scenarios' });

describe('Prefer, as Prism reads it', () => {
  it('answers the first example of the asked code, without touching state', async () => {
    const res = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, headers: { prefer: 'code=503' }, session: 'pf-1' });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: 'unavailable', message: 'try later' });
    expect(res.headers.get('retry-after')).toBe('7');
    const count = await sb.call('GET', '/notes/notes/count', { session: 'pf-1' });
    expect(count.body.count).toBe(0);
  });

  it('answers a named example, with or without its code', async () => {
    const both = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, headers: { prefer: 'code=201, example=urgent' } });
    const named = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, headers: { prefer: 'example=urgent' } });
    expect([both.status, both.body.priority]).toEqual([201, 5]);
    expect(named.body).toEqual(both.body);
  });

  it('forces a response even for a request the spec would reject', async () => {
    const res = await sb.call('POST', '/notes/notes', { body: {}, headers: { prefer: 'code=201' } });
    expect(res.status).toBe(201);
  });

  it('takes the same preferences as __code / __example query parameters, which never reach the API', async () => {
    const res = await sb.call('GET', '/notes/notes/0123456789abcdef01234567?__code=429&__example=rate-limited');
    expect([res.status, res.body.error]).toEqual([429, 'rate_limited']);
  });

  it('refuses an undocumented code or example with problem+json listing what is documented', async () => {
    const res = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, headers: { prefer: 'code=418' }, unchecked: true });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toContain('does not document status 418');
    expect(res.body.documented).toEqual(expect.arrayContaining([{ status: 201, examples: ['created', 'urgent'] }, { status: 503, examples: ['unavailable'] }]));
    const example = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, headers: { prefer: 'code=201, example=nope' }, unchecked: true });
    expect(example.body.detail).toContain('no example named "nope"');
  });

  it('rejects a code that is not a status', async () => {
    const res = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, headers: { prefer: 'code=abc' }, unchecked: true });
    expect([res.status, res.body.title]).toEqual([400, 'Invalid Prefer header']);
  });

  it('generates a schema-valid body for dynamic=true, the same one in a fresh session', async () => {
    const a = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, headers: { prefer: 'code=201, dynamic=true' }, session: 'dyn-a' });
    const b = await sb.call('POST', '/notes/notes', { body: { title: 'x' }, headers: { prefer: 'code=201, dynamic=true' }, session: 'dyn-b' });
    expect(a.status).toBe(201);
    expect(a.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(b.body).toEqual(a.body);
  });

  it('wins over a scenario, and the journal says what shaped the answer', async () => {
    const res = await sb.call('POST', '/notes/notes', {
      body: { title: 'x' },
      headers: { prefer: 'code=201, example=created', 'x-mock-scenario': 'notes/flaky-create' },
      session: 'pf-journal',
    });
    expect(res.status).toBe(201);
    const journal = await sb.admin('GET', '/journal?session=pf-journal');
    expect(journal.body.entries[0].shapedBy).toBe('prefer code=201, example=created');
    expect(journal.body.entries[0].example).toBe('created');
  });
});
