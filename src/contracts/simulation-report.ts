import { toJUnitXml } from './junit.js';

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

/** `simulate --junit`: one testcase per check, in the same JUnit shape as `verify --junit`. */
export function checksToJUnit(suite: string, checks: SimulationCheck[]): string {
  return toJUnitXml(suite, checks.map((c) => ({ name: c.name, failure: c.ok ? undefined : [c.detail ?? 'failed'] })));
}
