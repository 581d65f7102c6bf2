import { toJUnitXml } from './junit.js';
import type { VerificationReport } from './verify-provider.js';

/**
 * The report a partner reads in a terminal: one line per interaction (with the reason, when one cause explains it:
 * `FAIL  <description>: could not connect to …`), the verifier's mismatches under a failure, then run-level errors.
 */
export function formatReport(report: VerificationReport): string {
  const lines = [`Verifying ${report.provider} at ${report.providerBaseUrl} against pact ${report.pact}`];
  for (const i of report.interactions) {
    lines.push(`  ${i.ok ? 'PASS' : 'FAIL'}  ${i.description}${i.reason ? `: ${i.reason}` : ''}`);
    for (const m of i.mismatches) lines.push(`        ${m}`);
  }
  for (const e of report.errors) lines.push(`  ERROR ${e}`);
  const passed = report.interactions.filter((i) => i.ok).length;
  lines.push(`${passed} passed, ${report.interactions.length - passed} failed`);
  return lines.join('\n');
}

/** JUnit XML, one testcase per interaction, plus one per run-level error ("provider set-up"). */
export function toJUnit(report: VerificationReport): string {
  return toJUnitXml(report.pact, [
    ...report.interactions.map((i) => ({
      name: i.description,
      failure: i.ok ? undefined : [...(i.reason ? [i.reason] : []), ...i.mismatches, ...(i.reason || i.mismatches.length ? [] : ['verification failed'])],
    })),
    ...report.errors.map((e) => ({ name: 'provider set-up', error: e })),
  ]);
}
