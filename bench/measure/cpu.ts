/** CPU use of the servers under test: metered over a measured run, and watched until the others go quiet. */
import { LOAD_GENERATOR } from '../types.js';
import { cpuSeconds } from './proc.js';
import type { RunningServer } from './servers.js';

/** CPU time of some processes and of this one from now; `stop` gives each in % of one core over `wallS`. */
export function cpuMeter(servers: RunningServer[]): { stop(wallS: number): Record<string, number | null> } {
  const before = servers.map((s) => cpuSeconds(s.pid));
  const self = process.cpuUsage();
  return {
    stop(wallS: number) {
      const pct = (used: number) => Math.round((used / wallS) * 1000) / 10;
      const out: Record<string, number | null> = {};
      servers.forEach((s, i) => {
        const now = cpuSeconds(s.pid);
        const then = before[i];
        out[s.label] = now === null || then === null ? null : pct(now - then);
      });
      const mine = process.cpuUsage(self);
      out[LOAD_GENERATOR] = pct((mine.user + mine.system) / 1e6);
      return out;
    },
  };
}

export const QUIET_STEP_MS = 250;
const QUIET_LIMIT_MS = 15_000;
/** Below this share of one core (over a step), a process counts as idle. */
const QUIET_CPU_SHARE = 0.05;

/**
 * Waits (at most 15 s) until none of `others` uses more than 5 % of a core: each server is measured alone. Prism's
 * CLI process goes on printing its worker's request logs for seconds after a run ends, on the same two cores (and
 * possibly the same physical core) as the next server measured. Returns how long it waited.
 */
export async function untilQuiet(others: RunningServer[]): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < QUIET_LIMIT_MS) {
    const before = others.map((s) => cpuSeconds(s.pid) ?? 0);
    await new Promise((resolve) => setTimeout(resolve, QUIET_STEP_MS));
    const busiest = Math.max(0, ...others.map((s, i) => (cpuSeconds(s.pid) ?? 0) - before[i]));
    if (busiest / (QUIET_STEP_MS / 1000) < QUIET_CPU_SHARE) break;
  }
  return Date.now() - started;
}
