import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPact } from '../../src/contracts/pact-catalog.js';
import { formatReport } from '../../src/contracts/verification-report.js';
import { verifyProvider } from '../../src/contracts/verify-provider.js';
import { useSandbox } from '../helpers/sandbox.js';
import { COMMITTED_PACT_DIR } from './pact-dirs.js';
import { loadPairs } from './pact-pairs.js';
import { pactFileName } from './pact-suite.js';

const sb = useSandbox();

const pairs = await loadPairs();

/**
 * The real Pact verifier against a running sandbox, for every committed pact: the sandbox's APIs where the
 * sandbox is the provider, its reference partner and provider where a partner is. States go through
 * /__sandbox/provider-states, so a state the sandbox cannot set up fails the interaction.
 */
describe('the sandbox honours every committed pact', () => {
  it.each(pairs.map((p) => [`${p.consumer} → ${p.provider}`, p] as const))('%s', async (_name, pair) => {
    const report = await verifyProvider({
      pact: readPact(path.join(COMMITTED_PACT_DIR, pactFileName(pair))),
      providerBaseUrl: sb.baseUrl + pair.verifyAt,
      stateSetupUrl: `${sb.baseUrl}/__sandbox/provider-states`,
    });
    expect(report.ok, formatReport(report)).toBe(true);
    expect(report.interactions.length).toBe(pair.interactions.length);
  }, 60_000);
});
