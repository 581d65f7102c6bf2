import { writeFileSync } from 'node:fs';
import { toJUnitXml } from './junit.js';
import { originOf } from './network-failure.js';
import { BadPactError, resolvePact, shippedPacts, type PactSummary } from './pact-catalog.js';
import { withProviderName, type RewrittenPact } from './pact-rewrite.js';
import { describeProviderState } from './provider-state-notes.js';
import { unreachableReason } from './reachability.js';
import { stateDataLines } from './state-data.js';
import { formatReport, toJUnit } from './verification-report.js';
import { failedReport, verifyProvider, type VerificationReport } from './verify-provider.js';

export interface VerifyCommandOptions {
  list?: boolean;
  pact?: string;
  providerBaseUrl?: string;
  providerStatesSetupUrl?: string;
  /** Renames `/acme-provision-account/` in the pact's requests to `/<name>-provision-account/`. */
  providerName?: string;
  header: string[];
  junit?: string;
}

/** `partner-sandbox verify`: the exit code is 0 only when every interaction passed. */
export async function runVerifyCommand(opts: VerifyCommandOptions): Promise<number> {
  if (opts.list) {
    process.stdout.write(`${shippedPacts().map(describePact).join('\n\n')}\n`);
    return 0;
  }
  if (!opts.pact || !opts.providerBaseUrl) {
    process.stderr.write('partner-sandbox verify: --pact and --provider-base-url are required (or --list)\n');
    return 2;
  }
  const badHeader = opts.header.find((h) => !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+:\s*.*$/.test(h));
  if (badHeader) {
    process.stderr.write(`partner-sandbox verify: --header must look like 'Name: value', not "${badHeader}"\n`);
    return 2;
  }
  let rewritten: RewrittenPact | undefined;
  let pact: PactSummary;
  try {
    pact = resolvePact(opts.pact);
    if (opts.providerName) pact = (rewritten = withProviderName(pact, opts.providerName)).pact;
  } catch (err) {
    if (!(err instanceof BadPactError)) throw err;
    // One line, and a JUnit report that fails: a CI job reading it must not see an empty, green suite.
    process.stderr.write(`partner-sandbox verify: ${err.message}\n`);
    if (opts.junit) writeFileSync(opts.junit, toJUnitXml(opts.pact, [{ name: 'pact file', error: err.message }]));
    return 1;
  }
  try {
    process.stdout.write(`${statesToSupport(pact, Boolean(opts.providerStatesSetupUrl))}\n`);
    const report = await verifyOrExplain(pact, opts.providerBaseUrl, opts);
    process.stdout.write(`\n${formatReport(report)}\n`);
    if (opts.junit) writeFileSync(opts.junit, toJUnit(report));
    return report.ok ? 0 : 1;
  } finally {
    rewritten?.dispose();
  }
}

/**
 * The verifier's report, or, when it cannot give one, a report that fails every interaction for the reason: a
 * provider (or state endpoint) nothing listens on is found in milliseconds by a TCP probe, rather than by the
 * verifier after 30 s per call; and a verifier that throws still leaves the partner one line per interaction.
 */
async function verifyOrExplain(pact: PactSummary, providerBaseUrl: string, opts: VerifyCommandOptions): Promise<VerificationReport> {
  const [provider, states] = await Promise.all([
    unreachableReason(providerBaseUrl, { viaSystemProxy: true }),
    // Our state handlers call it with fetch, which ignores the proxy variables.
    opts.providerStatesSetupUrl ? unreachableReason(opts.providerStatesSetupUrl) : undefined,
  ]);
  if (provider) return failedReport(pact, providerBaseUrl, `could not connect to ${originOf(providerBaseUrl)}: ${provider}`);
  if (states) return failedReport(pact, providerBaseUrl, `could not connect to ${originOf(opts.providerStatesSetupUrl!)} (--provider-states-setup-url): ${states}`);
  process.stdout.write('\nPact verifier output:\n');
  try {
    return await verifyProvider({ pact, providerBaseUrl, stateSetupUrl: opts.providerStatesSetupUrl, headers: opts.header });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return failedReport(pact, providerBaseUrl, 'not verified (see ERROR below)', [`the Pact verifier failed: ${message}`]);
  }
}

function describePact(pact: PactSummary): string {
  return [`${pact.name}  (${pact.consumer} → ${pact.provider}, ${pact.interactions.length} interactions)`, ...stateLines(pact, '    ')].join('\n');
}

/** Each state, what it means, and the data its interactions use (the records a provider needs for it). */
function stateLines(pact: PactSummary, indent: string): string[] {
  return pact.providerStates.flatMap((s) => [`${indent}state "${s}": ${describeProviderState(s)}`, ...stateDataLines(pact, s).map((l) => `${indent}    ${l}`)]);
}

function statesToSupport(pact: PactSummary, hasSetupUrl: boolean): string {
  const lines = [`Provider states your service must support for ${pact.name}:`, ...stateLines(pact, '  ')];
  if (!hasSetupUrl) lines.push('  (no --provider-states-setup-url given: your service must already be in these states)');
  return lines.join('\n');
}
