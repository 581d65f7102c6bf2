import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { fakeService, runCli } from '../helpers/cli.js';
import { startSandbox, type TestSandbox } from '../helpers/sandbox.js';

/** `partner-sandbox verify` as a partner runs it: the real binary, the real verifier, a real provider. */
const runVerify = (args: string[]) => runCli(['verify', ...args]);

/** A SaaS provider that gets the contract wrong: 200 instead of 201, and no `coid`. */
let wrong: Server;
let wrongUrl: string;
/** A provider called globex that honours the contract: it serves only /globex-provision-account/, with its own key. */
let globex: Server;
let globexUrl: string;
let sb: TestSandbox;
beforeAll(async () => {
  ({ server: wrong, url: wrongUrl } = await fakeService((req, res) => {
    req.resume();
    res.writeHead(req.url?.includes('provision-account') ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ customerId: 'c-1' }));
  }));
  ({ server: globex, url: globexUrl } = await fakeService(globexProvider));
  sb = await startSandbox();
});
afterAll(async () => {
  wrong?.close();
  globex?.close();
  await sb?.close();
});

function globexProvider(req: IncomingMessage, res: ServerResponse): void {
  let text = '';
  req.on('data', (c: Buffer) => (text += c));
  req.on('end', () => {
    const reply = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/globex-provision-account/') return reply(404, { message: 'not here' });
    if (req.headers['x-api-key'] !== 'globex-key') return reply(401, { message: 'Missing or invalid X-Api-Key header' });
    const body = JSON.parse(text || '{}') as { email?: string };
    if (!body.email) return reply(400, { message: 'Required field(s) not provided', missing: ['email'] });
    if (body.email === 'customer@sandbox.example') return reply(409, { message: 'An account with this email address already exists' });
    reply(201, { coid: 'COID-GLOBEX-1' });
  });
}

const PACT = 'centurylink-marketplace-saas-provider';
const INTERACTIONS = [
  'a provision-account request for an email that already has an account',
  'a provision-account request with the required fields',
  'a provision-account request without the required email',
];

describe('partner-sandbox verify', () => {
  it('lists the shipped pacts with the provider states each needs', async () => {
    const { code, stdout } = await runVerify(['--list']);
    expect(code).toBe(0);
    expect(stdout).toContain('centurylink-marketplace-saas-provider  (centurylink-marketplace → saas-provider, 3 interactions)');
    expect(stdout).toContain('state "default fixture"');
  }, 60_000);

  it('lists under each state the records its interactions use: the 409 needs customer@sandbox.example', async () => {
    const { stdout } = await runVerify(['--list']);
    const pact = stdout.slice(stdout.indexOf(`${PACT}  (`)).split('\n\n')[0];
    expect(pact).toMatch(/state "default fixture": [^\n]+\n\s+409 {2}a provision-account request for an email that already has an account\n\s+POST \/acme-provision-account\/ {2}email=customer@sandbox\.example name="Ada Lovelace" resellerkey=reseller-1 {2}X-Api-Key: sandbox-provision-key\n/);
    expect(pact).toMatch(/201 {2}a provision-account request with the required fields\n\s+POST \/acme-provision-account\/ {2}email=ada@example\.com/);
    // A scenario state lists its own data (ids, SKUs, keys), under its own name.
    expect(stdout).toMatch(/state "centurylink\/usage-history": sandbox scenario: [^\n]+\n\s+201 {2}[^\n]+\n\s+POST \/update-subscription\/ {2}coid=SANDBOX-COID-1 count=3 expired=true expired-date=2017-04-30 providerkey=sandbox-provider-key sku=SANDBOX-SKU-1/);
  }, 60_000);

  it('fails at once against a port with nothing listening: one line per interaction, JUnit listing them', async () => {
    const port = await freePort();
    const junit = path.join(mkdtempSync(path.join(tmpdir(), 'junit-')), 'report.xml');
    const started = Date.now();
    const { code, stdout, stderr } = await runVerify(['--pact', PACT, '--provider-base-url', `http://127.0.0.1:${port}`, '--junit', junit]);
    const seconds = (Date.now() - started) / 1000;
    expect(code).toBe(1);
    expect(seconds).toBeLessThan(10);
    const fails = stdout.split('\n').filter((l) => l.includes('FAIL'));
    expect(fails).toEqual(INTERACTIONS.map((d) => `  FAIL  ${d}: could not connect to http://127.0.0.1:${port}: connection refused`));
    expect(stdout).toContain('0 passed, 3 failed');
    expect(stdout + stderr).not.toMatch(/teardown|ECONNREFUSED|at .*\.js:\d+/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain(`<testsuite name="${PACT}" tests="3" failures="3" errors="0">`);
    for (const d of INTERACTIONS) expect(xml).toContain(`<testcase classname="${PACT}" name="${d}"><failure message="could not connect to http://127.0.0.1:${port}: connection refused">`);
  }, 60_000);

  it('fails at once when the state-change endpoint has nothing listening, naming it', async () => {
    const port = await freePort();
    const { code, stdout } = await runVerify(['--pact', PACT, '--provider-base-url', globexUrl, '--provider-name', 'globex', '--provider-states-setup-url', `http://127.0.0.1:${port}/_pact/state`]);
    expect(code).toBe(1);
    expect(stdout).toContain(`  FAIL  ${INTERACTIONS[0]}: could not connect to http://127.0.0.1:${port} (--provider-states-setup-url): connection refused`);
    expect(stdout).not.toContain('Pact verifier output');
  }, 60_000);

  it('reports per interaction when the provider dies mid-run, instead of crashing', async () => {
    // Answers the first request (the 409 interaction) as the pact says, then stops listening.
    const { server, url } = await fakeService((req, res) => {
      req.resume();
      res.writeHead(409);
      res.end();
      server.close();
      server.closeAllConnections();
    });
    const { code, stdout, stderr } = await runVerify(['--pact', PACT, '--provider-base-url', url]);
    const port = new URL(url).port;
    expect(code).toBe(1);
    expect(stdout).toContain(`  PASS  ${INTERACTIONS[0]}\n`);
    expect(stdout).toContain(`  FAIL  ${INTERACTIONS[1]}: could not connect to http://127.0.0.1:${port}: connection refused`);
    expect(stdout).toContain(`  FAIL  ${INTERACTIONS[2]}: could not connect to http://127.0.0.1:${port}: connection refused`);
    expect(stdout).toContain('1 passed, 2 failed');
    expect(stderr).not.toContain('http-proxy');
  }, 60_000);

  it('--provider-name lets a provider at /globex-provision-account/ verify against the shipped pact, with its own key', async () => {
    // The key's name in another case than the pact's (X-Api-Key) still replaces the pact's value.
    const { code, stdout } = await runVerify(['--pact', PACT, '--provider-base-url', globexUrl, '--provider-name', 'globex', '--header', 'x-api-key: globex-key']);
    expect(stdout).toContain('POST /globex-provision-account/  email=customer@sandbox.example');
    expect(stdout).toContain('3 passed, 0 failed');
    expect(code).toBe(0);
  }, 60_000);

  it('refuses a bad pact file in one line, with a failing JUnit report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bad-pact-'));
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{"consumer": {"name": "c"}, "provider": ');
    const junit = path.join(dir, 'report.xml');
    const { code, stdout, stderr } = await runVerify(['--pact', file, '--provider-base-url', globexUrl, '--junit', junit]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^partner-sandbox verify: .*broken\.json is not a pact this command can verify: not JSON/)]);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testcase classname="[^"]+" name="pact file"><error message="[^"]*not JSON/);
  }, 60_000);

  it('fails on a provider that answers the wrong status without the coid, saying so per interaction', async () => {
    const junit = path.join(mkdtempSync(path.join(tmpdir(), 'junit-')), 'report.xml');
    const { code, stdout } = await runVerify(['--pact', 'centurylink-marketplace-saas-provider', '--provider-base-url', wrongUrl, '--junit', junit]);
    expect(code).toBe(1);
    expect(stdout).toContain('Provider states your service must support for centurylink-marketplace-saas-provider');
    expect(stdout).toMatch(/FAIL {2}a provision-account request with the required fields\n(\s+.*\n)*?\s+StatusMismatch: expected 201 but was 200/);
    expect(stdout).toMatch(/BodyMismatch at \$: Actual map is missing the following keys: coid/);
    expect(stdout).toMatch(/0 passed, 3 failed/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="centurylink-marketplace-saas-provider" tests="3" failures="3"');
    expect(xml).toMatch(/<testcase classname="centurylink-marketplace-saas-provider" name="a provision-account request with the required fields"><failure message="[^"]+">[^<]*StatusMismatch: expected 201 but was 200/);
  }, 60_000);

  it('passes on the sandbox\'s reference provider, setting states through its state-change endpoint', async () => {
    const { code, stdout } = await runVerify([
      '--pact', 'centurylink-marketplace-saas-provider',
      '--provider-base-url', `${sb.baseUrl}/centurylink`,
      '--provider-states-setup-url', `${sb.baseUrl}/__sandbox/provider-states`,
      '--header', 'X-Verified-By: partner-sandbox',
    ]);
    expect(stdout).toContain('3 passed, 0 failed');
    expect(code).toBe(0);
  }, 60_000);

  it('fails loudly when the provider cannot set up a state', async () => {
    const { code, stdout } = await runVerify([
      '--pact', 'centurylink-marketplace-saas-provider',
      '--provider-base-url', `${sb.baseUrl}/centurylink`,
      '--provider-states-setup-url', `${sb.baseUrl}/__sandbox/no-such-endpoint`,
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/state setup "default fixture" failed: .* answered 404/);
  }, 60_000);

  it('refuses a header that is not "Name: value"', async () => {
    const { code, stderr } = await runVerify(['--pact', 'centurylink-marketplace-saas-provider', '--provider-base-url', wrongUrl, '--header', 'no colon']);
    expect(code).toBe(2);
    expect(stderr).toContain("--header must look like 'Name: value'");
  }, 60_000);
});
