import { writeFileSync } from 'node:fs';
import { resolvePact, shippedPacts, type PactSummary } from './pact-catalog.js';
import { describeProviderState } from './provider-state-notes.js';
import { formatReport, toJUnit } from './verification-report.js';
import { verifyProvider } from './verify-provider.js';

export interface VerifyCommandOptions {
  list?: boolean;
  pact?: string;
  providerBaseUrl?: string;
  providerStatesSetupUrl?: string;
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
  const pact = resolvePact(opts.pact);
  process.stdout.write(`${statesToSupport(pact, Boolean(opts.providerStatesSetupUrl))}\n\nPact verifier output:\n`);
  const report = await verifyProvider({ pact, providerBaseUrl: opts.providerBaseUrl, stateSetupUrl: opts.providerStatesSetupUrl, headers: opts.header });
  process.stdout.write(`\n${formatReport(report)}\n`);
  if (opts.junit) writeFileSync(opts.junit, toJUnit(report));
  return report.ok ? 0 : 1;
}

function describePact(pact: PactSummary): string {
  return [
    `${pact.name}  (${pact.consumer} → ${pact.provider}, ${pact.interactions.length} interactions)`,
    ...pact.providerStates.map((s) => `    state "${s}": ${describeProviderState(s)}`),
  ].join('\n');
}

function statesToSupport(pact: PactSummary, hasSetupUrl: boolean): string {
  const lines = [`Provider states your service must support for ${pact.name}:`, ...pact.providerStates.map((s) => `  - "${s}": ${describeProviderState(s)}`)];
  if (!hasSetupUrl) lines.push('  (no --provider-states-setup-url given: your service must already be in these states)');
  return lines.join('\n');
}
