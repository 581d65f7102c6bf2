import type { VerificationReport } from './verify-provider.js';

/** The report a partner reads in a terminal: one line per interaction, the mismatches under a failure. */
export function formatReport(report: VerificationReport): string {
  const lines = [`Verifying ${report.provider} at ${report.providerBaseUrl} against pact ${report.pact}`];
  for (const i of report.interactions) {
    lines.push(`  ${i.ok ? 'PASS' : 'FAIL'}  ${i.description}`);
    for (const m of i.mismatches) lines.push(`        ${m}`);
  }
  for (const e of report.errors) lines.push(`  ERROR ${e}`);
  const passed = report.interactions.filter((i) => i.ok).length;
  lines.push(`${passed} passed, ${report.interactions.length - passed} failed`);
  return lines.join('\n');
}

/** JUnit XML, one testcase per interaction, for CI systems that read it. */
export function toJUnit(report: VerificationReport): string {
  const failures = report.interactions.filter((i) => !i.ok).length;
  const cases = report.interactions.map((i) => {
    const failure = i.ok ? '' : `<failure message="${xml(i.mismatches[0] ?? 'verification failed')}">${xml(i.mismatches.join('\n'))}</failure>`;
    return `    <testcase classname="${xml(report.pact)}" name="${xml(i.description)}">${failure}</testcase>`;
  });
  const errors = report.errors.map((e) => `    <testcase classname="${xml(report.pact)}" name="provider set-up"><error message="${xml(e)}"/></testcase>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites>`,
    `  <testsuite name="${xml(report.pact)}" tests="${report.interactions.length + errors.length}" failures="${failures}" errors="${errors.length}">`,
    ...cases,
    ...errors,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
