import type { Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeService, runCli } from '../helpers/cli.js';
import { startSandbox, type TestSandbox } from '../helpers/sandbox.js';

/** `partner-sandbox verify` as a partner runs it: the real binary, the real verifier, a real provider. */
const runVerify = (args: string[]) => runCli(['verify', ...args]);

/** A SaaS provider that gets the contract wrong: 200 instead of 201, and no `coid`. */
let wrong: Server;
let wrongUrl: string;
let sb: TestSandbox;
beforeAll(async () => {
  ({ server: wrong, url: wrongUrl } = await fakeService((req, res) => {
    req.resume();
    res.writeHead(req.url?.includes('provision-account') ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ customerId: 'c-1' }));
  }));
  sb = await startSandbox();
});
afterAll(async () => {
  wrong?.close();
  await sb?.close();
});

describe('partner-sandbox verify', () => {
  it('lists the shipped pacts with the provider states each needs', async () => {
    const { code, stdout } = await runVerify(['--list']);
    expect(code).toBe(0);
    expect(stdout).toContain('centurylink-marketplace-saas-provider  (centurylink-marketplace → saas-provider, 3 interactions)');
    expect(stdout).toContain('state "default fixture"');
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
