import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notesApi } from '../engine/fixtures/notes-module.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../helpers/free-port.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox({ modules: [notesApi] });
const session = 'partner-ci-run';

describe('per-session coverage, for a partner CI', () => {
  it('lists every documented response with whether this session got it; missing=true only the others', async () => {
    expect((await sb.call('POST', '/notes/notes', { body: { title: 'one' }, session })).status).toBe(201);
    const all = await sb.admin('GET', `/coverage?session=${session}`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ session, documented: 12, reached: 1 });
    expect(all.body.responses).toContainEqual({ api: 'notes', operationId: 'createNote', status: 201, example: 'created', reached: true, via: ['state'], scenarios: [] });
    const missing = await sb.admin('GET', `/coverage?session=${session}&missing=true`);
    expect(missing.body.responses).toHaveLength(11);
    expect(missing.body.responses.every((r: { reached: boolean }) => !r.reached)).toBe(true);
    // Another session's answers are its own.
    expect((await sb.admin('GET', '/coverage?session=someone-else')).body.reached).toBe(0);
  });

  it('answers a bad query with a 400 problem', async () => {
    for (const query of ['?session=a&api=nope', '?session=a&missing=yes', '?session=a&limit=1', '?missing=true', '?session=bad%20id']) {
      const res = await sb.admin('GET', `/coverage${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type'), query).toContain('application/problem+json');
    }
  });

  it('`partner-sandbox coverage` fails naming what the session never saw, and passes once it has', async () => {
    const s = 'partner-ci-cli';
    await sb.call('POST', '/notes/notes', { body: { title: 'one' }, session: s });
    const junit = path.join(mkdtempSync(path.join(tmpdir(), 'coverage-')), 'coverage.xml');
    const failing = await runCli(['coverage', '--url', sb.baseUrl, '--session', s, '--require', '400,415', '--junit', junit]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('your tests never saw notes createNote 400 error\n');
    expect(failing.stdout).toContain('your tests never saw notes createNote 415 error\n');
    expect(failing.stdout).toContain(`0 of 2 documented responses seen in session ${s}`);
    expect(readFileSync(junit, 'utf8')).toContain('<failure message="never answered in session partner-ci-cli"');

    expect((await sb.call('POST', '/notes/notes', { raw: '{"title": ', session: s })).status).toBe(400);
    expect((await sb.call('POST', '/notes/notes', { raw: 'title=x', contentType: 'text/plain', session: s })).status).toBe(415);
    const passing = await runCli(['coverage', '--url', sb.baseUrl, '--session', s, '--require', '400,415']);
    expect([passing.code, passing.stdout.trim()]).toEqual([0, `2 of 2 documented responses seen in session ${s}`]);
  });

  it('forgets a session it resets', async () => {
    const s = 'partner-ci-reset';
    await sb.call('POST', '/notes/notes', { body: { title: 'one' }, session: s });
    expect((await sb.admin('GET', `/coverage?session=${s}`)).body.reached).toBe(1);
    await sb.admin('POST', `/reset?session=${s}`);
    expect((await sb.admin('GET', `/coverage?session=${s}`)).body.reached).toBe(0);
  });

  it('says what to fix: a bad --require, an unreachable sandbox', async () => {
    const bad = await runCli(['coverage', '--url', sb.baseUrl, '--session', 's', '--require', 'fours']);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('statuses look like 4xx,5xx or 403,429')]);
    const away = await runCli(['coverage', '--url', `http://127.0.0.1:${await freePort()}`, '--session', 's']);
    expect([away.code, away.stderr]).toEqual([1, expect.stringContaining('connection refused')]);
  });
});
