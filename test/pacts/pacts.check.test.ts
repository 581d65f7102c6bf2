import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPactAgainstSpec } from '../../src/contracts/pact-spec-check.js';
import { createSandbox, type Sandbox } from '../../src/sandbox.js';
import { COMMITTED_PACT_DIR, generatedPactDir } from './pact-dirs.js';
import { loadPairs } from './pact-pairs.js';
import { pactFileName } from './pact-suite.js';

/** Parsed, with interactions in a stable order, so only content counts. */
function normalized(file: string): unknown {
  const pact = JSON.parse(readFileSync(file, 'utf8')) as { interactions: { description: string }[] };
  pact.interactions.sort((a, b) => a.description.localeCompare(b.description));
  return pact;
}

const jsonFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : []);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});

describe('the committed pacts', () => {
  it('are exactly what the consumer tests generate (run `npm run pacts:update` after changing them)', () => {
    const generated = jsonFiles(generatedPactDir());
    expect(generated.length, 'the pact-consumer project wrote no pacts').toBeGreaterThan(0);
    expect(jsonFiles(COMMITTED_PACT_DIR)).toEqual(generated);
    for (const file of generated) {
      expect(normalized(path.join(COMMITTED_PACT_DIR, file)), file).toEqual(normalized(path.join(generatedPactDir(), file)));
    }
  });

  it('hold every interaction their consumer tests define, none lost and none extra', async () => {
    for (const pair of await loadPairs()) {
      const file = path.join(generatedPactDir(), pactFileName(pair));
      const written = (JSON.parse(readFileSync(file, 'utf8')) as { interactions: { description: string }[] }).interactions.map((i) => i.description).sort();
      expect(written, pactFileName(pair)).toEqual(pair.interactions.map((i) => i.description).sort());
    }
  });

  it('are valid against the OpenAPI spec of their provider, request and response', async () => {
    for (const pair of await loadPairs()) {
      expect(checkPactAgainstSpec(path.join(COMMITTED_PACT_DIR, pactFileName(pair)), sandbox.runtimes, pair.verifyAt), pactFileName(pair)).toEqual([]);
    }
  });

  it('would be caught breaking the spec: an undocumented status, a body missing a required field, an invalid request', async () => {
    const pair = (await loadPairs()).find((p) => p.provider === 'saas-provider')!;
    const pact = JSON.parse(readFileSync(path.join(COMMITTED_PACT_DIR, pactFileName(pair)), 'utf8'));
    const byDescription = (text: string) => pact.interactions.find((i: { description: string }) => i.description.includes(text));
    byDescription('already has an account').response.status = 418;
    const noEmail = byDescription('without the required email');
    noEmail.response.status = 201;
    noEmail.response.body = { content: { notTheCoid: 'x' }, contentType: 'application/json', encoded: false };
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'pact-')), 'broken.json');
    writeFileSync(broken, JSON.stringify(pact));
    const problems = checkPactAgainstSpec(broken, sandbox.runtimes, pair.verifyAt);
    expect(problems.join('\n')).toMatch(/status 418 is not documented/);
    // A success whose request the spec rejects (it omits the required email) is caught too.
    expect(problems.join('\n')).toMatch(/request email is required/);
    expect(problems.join('\n')).toMatch(/must have required property 'coid'/);
  });
});
