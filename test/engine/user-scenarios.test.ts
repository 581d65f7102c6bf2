import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox.js';
import { startSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { listScenario, userProject, writeFixture, writeScenario } from '../helpers/user-files.js';

const TOKEN = { authorization: 'Bearer integrator-sandbox-token' };
const SCENARIO = { 'x-mock-scenario': 'integrator/my-outage' };
const UPDATE = { coid: 'SANDBOX-COID-1', expired: 'false', sku: 'SANDBOX-SKU-1', count: 1, providerkey: 'sandbox-provider-key' };
/** Every call fails: not the shipped centurylink/flaky-update, which lets the third call through. */
const ALWAYS_FAILS = 'description: mine, every call fails\nrules:\n  - operation: [updateSubscription, updateSubscriptionPlural]\n    respond: { status: 500, example: server-error }\n';

const list = (sb: TestSandbox, session: string, headers: Record<string, string> = {}) => sb.call('GET', '/integrator/v1/integrations', { session, headers: { ...TOKEN, ...headers } });
const acmeName = async (sb: TestSandbox, session: string): Promise<unknown> =>
  (await sb.admin('GET', `/state?session=${session}`)).body.apis.cloud66.partners.acme.serviceName;

describe('createSandbox({ scenarioDirs }): the user\'s own scenarios beside the shipped ones', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    const dir = userProject();
    writeScenario(dir, 'integrator/my-outage', listScenario(429));
    sb = await startSandbox({ scenarioDirs: [dir] });
  });
  afterAll(() => sb?.close());

  it('serves a user scenario by X-Mock-Scenario, and lists it with the shipped ones', async () => {
    const answer = await list(sb, 'user-1', SCENARIO);
    expect(answer.status).toBe(429);
    expect(answer.body).toEqual({ errors: [{ code: 'rate_limited', message: expect.any(String) }] });
    expect((await list(sb, 'user-1')).status).toBe(200);
    const names = ((await sb.admin('GET', '/scenarios')).body as { name: string }[]).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['integrator/my-outage', 'centurylink/flaky-update']));
  });
});

describe('user scenario folders are checked at start-up like the shipped ones', () => {
  it('stops on a bad file, naming the file, the path inside it and the reason', async () => {
    const dir = userProject();
    writeScenario(dir, 'integrator/my-outage', 'description: x\nrules:\n  - operation: listIntegrations\n    respond: { status: 418 }\n');
    await expect(createSandbox({ scenarioDirs: [dir] })).rejects.toThrow(
      `${path.join(dir, 'integrator/my-outage.yaml')}: /rules/0/respond: listIntegrations does not document status 418`,
    );
  });

  it('stops on a folder that is not there, and on a folder of scenarios named after no API', async () => {
    const dir = userProject();
    await expect(createSandbox({ scenarioDirs: [path.join(dir, 'nope')] })).rejects.toThrow(`${path.join(dir, 'nope')}: (folder): no such folder of scenarios`);
    writeScenario(dir, 'integrater/my-outage', listScenario(429));
    await expect(createSandbox({ scenarioDirs: [dir] })).rejects.toThrow(`${path.join(dir, 'integrater')}: (folder): not an API of this sandbox; scenario folders are named cloud66, centurylink, integrator, oem`);
  });

  it('refuses a name a shipped scenario has, naming both files', async () => {
    const dir = userProject();
    writeScenario(dir, 'centurylink/flaky-update', ALWAYS_FAILS);
    await expect(createSandbox({ scenarioDirs: [dir] })).rejects.toThrow(
      `${path.join(dir, 'centurylink/flaky-update.yaml')}: (name): centurylink/flaky-update is also defined by scenarios/centurylink/flaky-update.yaml; rename one, or let yours override it`,
    );
  });

  it('refuses a name another user folder has, naming both files', async () => {
    const [first, second] = [userProject(), userProject()];
    writeScenario(first, 'integrator/my-outage', listScenario(429));
    writeScenario(second, 'integrator/my-outage', listScenario(401));
    await expect(createSandbox({ scenarioDirs: [first, second] })).rejects.toThrow(
      `${path.join(second, 'integrator/my-outage.yaml')}: (name): integrator/my-outage is also defined by ${path.join(first, 'integrator/my-outage.yaml')}`,
    );
  });
});

describe('overrideScenarios: a user scenario replaces the one of the same name', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    const [first, second] = [userProject(), userProject()];
    writeScenario(first, 'centurylink/flaky-update', ALWAYS_FAILS);
    writeScenario(first, 'integrator/my-outage', listScenario(429));
    writeScenario(second, 'integrator/my-outage', listScenario(401));
    sb = await startSandbox({ scenarioDirs: [first, second], overrideScenarios: true });
  });
  afterAll(() => sb?.close());

  it('over a shipped one: the third update still fails (the shipped flaky-update lets it through)', async () => {
    const headers = { 'x-mock-scenario': 'centurylink/flaky-update' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await sb.call('POST', '/centurylink/update-subscription/', { session: 'override-1', headers, body: UPDATE })).status);
    expect(statuses).toEqual([500, 500, 500]);
  });

  it('over another user folder\'s: the later folder wins', async () => {
    expect((await list(sb, 'override-2', SCENARIO)).status).toBe(401);
  });
});

describe('sandbox.reload(): new scenario files and fixture, sessions kept', () => {
  let sb: TestSandbox;
  let dir: string;
  let fixture: string;
  beforeAll(async () => {
    dir = userProject();
    fixture = path.join(dir, 'fixture.yaml');
    writeFixture(fixture, 'ACME Before');
    writeScenario(dir, 'integrator/my-outage', listScenario(429));
    sb = await startSandbox({ scenarioDirs: [dir], fixtureFile: fixture });
  });
  afterAll(() => sb?.close());

  it('serves the edited scenario and fixture; state made before stays, new sessions use the new fixture', async () => {
    const created = await sb.call('POST', '/integrator/v1/integrations', { session: 'kept', headers: TOKEN, body: { name: 'Made before the reload' } });
    expect(created.status).toBe(201);
    expect(await acmeName(sb, 'kept')).toBe('ACME Before');

    writeScenario(dir, 'integrator/my-outage', listScenario(401));
    writeScenario(dir, 'integrator/another', listScenario(429));
    writeFixture(fixture, 'ACME After');
    expect(sb.sandbox.reload()).toEqual({ ok: true, userScenarios: 2 });

    expect((await list(sb, 'kept', SCENARIO)).status).toBe(401);
    expect((await list(sb, 'kept', { 'x-mock-scenario': 'integrator/another' })).status).toBe(429);
    const listed = await list(sb, 'kept');
    expect((listed.body as { name: string }[]).map((i) => i.name)).toContain('Made before the reload');
    expect(await acmeName(sb, 'kept')).toBe('ACME Before');
    expect(await acmeName(sb, 'new-after-reload')).toBe('ACME After');
  });

  it('keeps the last good set when an edit is broken, says why, and applies a later good edit', async () => {
    writeScenario(dir, 'integrator/my-outage', listScenario(429));
    expect(sb.sandbox.reload().ok).toBe(true);

    writeScenario(dir, 'integrator/my-outage', 'description: broken\nrules:\n  - operation: listIntegrations\n    respond: { status: 418 }\n');
    const refused = sb.sandbox.reload();
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining(`${path.join(dir, 'integrator/my-outage.yaml')}: /rules/0/respond: listIntegrations does not document status 418`) });
    expect((await list(sb, 'broken', SCENARIO)).status).toBe(429);

    writeFileSync(fixture, 'cloud66: [not, a, mapping]\n');
    writeScenario(dir, 'integrator/my-outage', listScenario(401));
    expect(sb.sandbox.reload()).toEqual({ ok: false, reason: `${fixture}: /cloud66: an API's section must be a mapping` });
    expect((await list(sb, 'broken', SCENARIO)).status).toBe(429);
    expect(await acmeName(sb, 'fresh-after-broken-fixture')).toBe('ACME After');

    writeFixture(fixture, 'ACME Fixed');
    expect(sb.sandbox.reload().ok).toBe(true);
    expect((await list(sb, 'broken', SCENARIO)).status).toBe(401);
    expect(await acmeName(sb, 'fresh-after-fix')).toBe('ACME Fixed');
  });
});
