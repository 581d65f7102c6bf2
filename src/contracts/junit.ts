/** One test case of a JUnit report: a pact interaction, or a simulation check. */
export interface JUnitCase {
  name: string;
  /** Why it failed: the first line is the `message` attribute, CI systems show it in their list. */
  failure?: string[];
  /** A failure outside the case's own assertion (a provider that cannot be set up): JUnit's `<error>`. */
  error?: string;
}

/** JUnit XML, one testsuite, for CI systems that read it; `verify --junit` and `simulate --junit` both write it. */
export function toJUnitXml(suite: string, cases: JUnitCase[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => c.error !== undefined).length;
  const lines = cases.map((c) => {
    const failure = c.failure ? `<failure message="${xml(c.failure[0] ?? 'failed')}">${xml(c.failure.join('\n'))}</failure>` : '';
    const error = c.error !== undefined ? `<error message="${xml(c.error)}"/>` : '';
    return `    <testcase classname="${xml(suite)}" name="${xml(c.name)}">${failure}${error}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites>`,
    `  <testsuite name="${xml(suite)}" tests="${cases.length}" failures="${failures}" errors="${errors}">`,
    ...lines,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
