import { mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { fakeService, runCli } from '../helpers/cli.js';
import { startSandbox, type TestSandbox } from '../helpers/sandbox.js';

const runSimulate = (args: string[]) => runCli(['simulate', ...args]);

/** A partner that gets everything wrong: 200 with a page, never a redirect, never a call back. */
let wrong: Server;
let wrongUrl: string;
/** A provider that answers 401 to everything, as a real one does to a wrong or missing key. */
let locked: Server;
let lockedUrl: string;
let sb: TestSandbox;
beforeAll(async () => {
  ({ server: wrong, url: wrongUrl } = await fakeService((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<p>thanks</p>');
  }));
  ({ server: locked, url: lockedUrl } = await fakeService((req, res) => {
    req.resume();
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'Missing or invalid X-Api-Key header' }));
  }));
  sb = await startSandbox();
});
afterAll(async () => {
  wrong?.close();
  locked?.close();
  await sb?.close();
});

describe('partner-sandbox simulate centurylink-provision', () => {
  it('passes a provider that answers as the seed says (the reference provider)', async () => {
    const { code, stdout } = await runSimulate(['centurylink-provision', '--url', `${sb.baseUrl}/centurylink/acme-provision-account/`, '--header', 'X-Api-Key: sandbox-provision-key']);
    expect(stdout).toContain('3 passed, 0 failed');
    expect(code).toBe(0);
  }, 60_000);

  it('fails a provider that answers 200 without a Co ID, and says what it answered', async () => {
    const { code, stdout } = await runSimulate(['centurylink-provision', '--url', `${wrongUrl}/acme-provision-account/`]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL {2}a purchase answers 201 with the Co ID[^\n]*\n\s+answered 200/);
    expect(stdout).toContain('0 passed, 3 failed');
  }, 60_000);

  it('does not pass the missing-field and duplicate checks on a provider that answers 401 to everything', async () => {
    const junit = path.join(mkdtempSync(path.join(tmpdir(), 'junit-')), 'simulate.xml');
    const { code, stdout } = await runSimulate(['centurylink-provision', '--url', `${lockedUrl}/acme-provision-account/`, '--header', 'X-Api-Key: a-wrong-key', '--junit', junit]);
    expect(code).toBe(1);
    const why = 'not trusted: your provider rejected a valid request (401): check --header';
    expect(stdout).toContain(`FAIL  a purchase without the required email answers 40x for the missing field\n        ${why}`);
    expect(stdout).toContain(`FAIL  the same customer again answers 40x, not a second account\n        ${why}`);
    expect(stdout).toContain('0 passed, 3 failed');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="simulate centurylink-provision" tests="3" failures="3" errors="0">');
    expect(xml).toContain(`name="a purchase without the required email answers 40x for the missing field"><failure message="${why}">`);
  }, 60_000);

  it('names the cause when nothing listens: connection refused', async () => {
    const port = await freePort();
    const { code, stdout } = await runSimulate(['centurylink-provision', '--url', `http://127.0.0.1:${port}/acme-provision-account/`]);
    expect(code).toBe(1);
    expect(stdout).toContain(`FAIL  a purchase answers 201 with the Co ID ({"coid": "<string>"})\n        could not connect to http://127.0.0.1:${port}: connection refused`);
    expect(stdout).toContain(`not tried: could not connect to http://127.0.0.1:${port}: connection refused`);
    expect(stdout).not.toContain('fetch failed');
  }, 60_000);
});

describe('partner-sandbox simulate cloud66-launch', () => {
  it('passes the reference partner: redirect to the callback with the uid, link posted', async () => {
    const port = await freePort();
    const { code, stdout } = await runSimulate(['cloud66-launch', '--sandbox-port', String(port), '--partner-url', `http://127.0.0.1:${port}/cloud66/reference-partner/acme/landing`]);
    expect(stdout).toContain(`your service must POST the link to http://127.0.0.1:${port}/cloud66/partners/acme/integrations`);
    expect(stdout).toContain('4 passed, 0 failed');
    expect(code).toBe(0);
  }, 60_000);

  it('fails a partner that neither redirects nor posts the link', async () => {
    const { code, stdout } = await runSimulate(['cloud66-launch', '--partner-url', `${wrongUrl}/landing`]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL {2}the landing page answers with a redirect \(302\/303\)\n\s+answered 200/);
    expect(stdout).toMatch(/FAIL {2}the partner posted link_uid and user_email[^\n]*\n\s+the link is pending/);
  }, 60_000);

  it('names the cause when the landing page has nothing listening', async () => {
    const port = await freePort();
    const { code, stdout } = await runSimulate(['cloud66-launch', '--partner-url', `http://127.0.0.1:${port}/landing`]);
    expect(code).toBe(1);
    expect(stdout).toContain(`FAIL  the landing page answers with a redirect (302/303)\n        could not connect to http://127.0.0.1:${port}: connection refused`);
    expect(stdout).toContain('0 passed, 4 failed');
  }, 60_000);
});
