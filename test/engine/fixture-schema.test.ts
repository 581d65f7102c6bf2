import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { fromRoot } from '../../src/engine/paths.js';
import { allApis } from '../../src/apis/index.js';
import { buildApiRuntime } from '../../src/engine/api-runtime.js';
import { loadScenarios } from '../../src/engine/scenarios/scenario-loader.js';
import { checkFixtureSection, DEFAULT_FIXTURE_FILE, FixtureError, loadFixture } from '../../src/engine/sessions/fixture.js';
import { createSandbox } from '../../src/sandbox.js';
import { userProject, writeScenario } from '../helpers/user-files.js';

type Json = Record<string, any>;

const APIS = ['cloud66', 'centurylink', 'integrator', 'oem'];
const shippedFixture = (): Json => parse(readFileSync(fromRoot('scenarios/default.yaml'), 'utf8')) as Json;

/** A fixture file of the user's: the shipped fixture as `edit` changes it, or the YAML text given. */
function fixtureFile(edit: ((fixture: Json) => void) | string): string {
  const file = path.join(userProject(), 'fixture.yaml');
  if (typeof edit === 'string') writeFileSync(file, edit);
  else {
    const fixture = shippedFixture();
    edit(fixture);
    writeFileSync(file, stringify(fixture));
  }
  return file;
}

/** The FixtureError loadFixture throws for `file`, with its message checked against its parts. */
function refusal(file: string): FixtureError {
  try {
    loadFixture(file);
  } catch (err) {
    expect(err).toBeInstanceOf(FixtureError);
    const error = err as FixtureError;
    expect(error.message).toBe(`${file}: ${error.where || '(top)'}: ${error.problem}`);
    return error;
  }
  throw new Error(`${file} was accepted`);
}

const shippedSetups = APIS.flatMap((api) =>
  readdirSync(fromRoot(`scenarios/${api}`))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [`${api}/${f}`, api, (parse(readFileSync(fromRoot(`scenarios/${api}/${f}`), 'utf8')) as Json).setup] as const)
    .filter(([, , setup]) => setup !== undefined),
);

describe('the shipped fixture and scenario setups fit scenarios/fixture.schema.json', () => {
  // Start-up trusts the shipped files (it skips compiling the schemas for them): these two cases are why it may.
  it('loads the shipped default fixture, all four sections, checked as a user\'s file is', () => {
    expect(Object.keys(loadFixture(fromRoot(DEFAULT_FIXTURE_FILE)))).toEqual(APIS);
    expect(loadFixture()).toEqual(loadFixture(fromRoot(DEFAULT_FIXTURE_FILE)));
  });

  it('loads every shipped scenario when checked as a user\'s folder is (both schemas, setups included)', async () => {
    const runtimes = await Promise.all(allApis.map(buildApiRuntime));
    const checked = loadScenarios(runtimes, fromRoot('scenarios'));
    expect(checked.map((s) => s.name)).toEqual(loadScenarios(runtimes).map((s) => s.name));
    expect(checked.length).toBeGreaterThan(20);
  });

  it('has shipped setups for every API to check', () => {
    expect(new Set(shippedSetups.map(([, api]) => api))).toEqual(new Set(APIS));
  });

  // Each also with a typo added, so the check is shown to be applied to that API's setups at all.
  it.each(shippedSetups)('%s: its setup fits the section, and the same setup with a typo does not', (_name, api, setup) => {
    expect(checkFixtureSection(api, setup)).toBeUndefined();
    expect(checkFixtureSection(api, { ...setup, setupp: true })).toEqual({ where: '', problem: expect.stringContaining('unknown key "setupp"') });
  });

  it('takes an empty section, and ids given as YAML numbers where the API keeps them as strings', () => {
    expect(loadFixture(fixtureFile('cloud66:\noem:\n')).oem).toBeNull();
    const file = fixtureFile((f) => {
      f.oem.vendors[0].id = 43211235;
      f.oem.integrations = [{ id: 'i1', organizationId: f.oem.organizations[0].id, vendorId: 43211235, integrationCredentials: { 'api key': 'k', 'api username': 'u' } }];
      f.integrator.integrations[0]._id = 1234;
    });
    expect(loadFixture(file).oem).toMatchObject({ vendors: [{ id: 43211235 }, expect.anything()] });
  });
});

describe('a fixture file that does not fit is refused, naming the file, the path and the reason', () => {
  it.each([
    ['cloud66', (f: Json) => (f.cloud66.users[0].canAcceptIntegrations = 'yes'), '/cloud66/users/0/canAcceptIntegrations', 'must be true or false'],
    ['centurylink', (f: Json) => (f.centurylink.providers.acme.skus = 'SANDBOX-SKU-1'), '/centurylink/providers/acme/skus', 'must be a list'],
    ['integrator', (f: Json) => (f.integrator.tokens[0].scope = 5), '/integrator/tokens/0/scope', 'must be a string'],
    ['oem', (f: Json) => (f.oem.organizations = { sandbox: f.oem.organizations[0] }), '/oem/organizations', 'must be a list'],
  ])('a wrong type in %s', (_api, edit, where, problem) => {
    const file = fixtureFile(edit);
    expect(refusal(file)).toMatchObject({ file, where, problem });
  });

  it('an unknown API name, naming it and the known ones', () => {
    const file = fixtureFile((f) => (f.cloud67 = f.cloud66));
    expect(refusal(file).message).toBe(`${file}: (top): unknown API "cloud67" (the sections are cloud66, centurylink, integrator, oem)`);
  });

  it('an unknown key where the API reads only known ones, naming the key', () => {
    const sectionTypo = fixtureFile((f) => (f.integrator.tokenz = f.integrator.tokens));
    expect(refusal(sectionTypo)).toMatchObject({ where: '/integrator', problem: expect.stringMatching(/^unknown key "tokenz" \(known keys: .*\btokens\b/) });
    const nestedTypo = fixtureFile((f) => (f.cloud66.partners.acme.serviceNme = 'ACME'));
    expect(refusal(nestedTypo)).toMatchObject({ where: '/cloud66/partners/acme', problem: 'unknown key "serviceNme" (known keys: serviceName, redirectUrl)' });
  });

  it('keeps unknown keys where the API keeps them (an integrator.io integration is served as it is)', () => {
    const file = fixtureFile((f) => (f.integrator.integrations[0].anyField = { kept: true }));
    expect((loadFixture(file).integrator as Json).integrations[0].anyField).toEqual({ kept: true });
  });

  it('a missing key a list entry needs, a value outside an enum, and a number too large to keep as an id', () => {
    expect(refusal(fixtureFile((f) => delete f.centurylink.accounts[0].coid))).toMatchObject({ where: '/centurylink/accounts/0', problem: 'missing required key "coid"' });
    expect(refusal(fixtureFile((f) => (f.cloud66.links[0].status = 'done')))).toMatchObject({ where: '/cloud66/links/0/status', problem: 'must be one of: pending, linked, failed' });
    expect(refusal(fixtureFile('integrator:\n  integrations:\n    - _id: 123456789012345678901234\n'))).toMatchObject({
      where: '/integrator/integrations/0/_id',
      problem: 'is too large a number to keep every digit: quote it',
    });
  });

  it('a section that is not a mapping, and a file that is not one', () => {
    expect(refusal(fixtureFile('cloud66: [not, a, mapping]\n'))).toMatchObject({ where: '/cloud66', problem: "an API's section must be a mapping" });
    expect(refusal(fixtureFile('- cloud66\n'))).toMatchObject({ where: '', problem: 'the fixture must be a YAML mapping of API names' });
  });
});

describe("a scenario's setup is checked against its API's section", () => {
  it('refuses a bad setup at start-up, naming the scenario file, the path inside it and the reason', async () => {
    const dir = userProject();
    const file = writeScenario(dir, 'integrator/stuck-update', 'description: x\nsetup:\n  integrations:\n    - _id: 57974ed227a82a3475cecb15\n      updateInProgress: "yes"\n');
    await expect(createSandbox({ scenarioDirs: [dir] })).rejects.toThrow(`${file}: /setup/integrations/0/updateInProgress: must be true or false`);
  });

  it('refuses an unknown key in a setup, naming it', async () => {
    const dir = userProject();
    const file = writeScenario(dir, 'oem/typo', 'description: x\nsetup:\n  organisations: []\n');
    await expect(createSandbox({ scenarioDirs: [dir] })).rejects.toThrow(`${file}: /setup: unknown key "organisations" (known keys: clients, organizations,`);
  });
});
