/** One check of a simulation: what was expected of the partner, and whether their service did it. */
export interface SimulationCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

export function check(name: string, ok: boolean, detail?: string): SimulationCheck {
  return { name, ok, detail };
}

export function formatChecks(title: string, checks: SimulationCheck[]): string {
  const lines = [title];
  for (const c of checks) lines.push(`  ${c.ok ? 'PASS' : 'FAIL'}  ${c.name}${c.detail ? `\n        ${c.detail}` : ''}`);
  const passed = checks.filter((c) => c.ok).length;
  lines.push(`${passed} passed, ${checks.length - passed} failed`);
  return lines.join('\n');
}
