/** The soak's verdicts: is each process's memory flat after its warm baseline, and is the sandbox's peak ≤ Prism's? */
import type { MemoryProcess, MemoryWindow } from '../measure/memory-windows.js';
import type { SoakPhase, SoakProcess, SoakResults } from '../types.js';
import { mb } from './units.js';

/** Issue 7's "flat": RSS after the warm baseline stays within this much of it. */
export const FLAT_PCT = 10;

/** The warm baseline: the end of the first 10 % of the run, and never before 5 s (sessions and JIT settle first). */
export function baselineAt(durationS: number): number {
  return Math.max(5, Math.ceil(durationS / 10));
}

/** Baseline at `baselineAtS`; min, max and last after it; growth = (max − baseline) ÷ baseline. */
export function flatnessOf(proc: MemoryProcess, peak: ReturnType<MemoryWindow['finish']>, timeline: SoakPhase['timeline'], baselineAtS: number): SoakProcess {
  const at = (s: number) => timeline.find((t) => t.s === s)?.rssKb[proc.label] ?? null;
  const baselineKb = at(baselineAtS);
  const rest = timeline.filter((t) => t.s > baselineAtS).map((t) => t.rssKb[proc.label]).filter((kb): kb is number => kb !== null);
  const maxKb = rest.length ? Math.max(...rest) : null;
  // The lowest reading of the first and of the last third after the baseline: what survives a GC. A leak raises
  // them; a GC sawtooth only raises the max (which the growth, as issue 7 defines it, is taken from).
  const third = Math.max(1, Math.floor(rest.length / 3));
  const troughKb = rest.length ? { first: Math.min(...rest.slice(0, third)), last: Math.min(...rest.slice(-third)) } : null;
  const growthPct = baselineKb && maxKb !== null ? Math.round(((maxKb - baselineKb) / baselineKb) * 1000) / 10 : null;
  return {
    label: proc.label,
    role: proc.role,
    pid: proc.pid,
    peakKb: peak.peakKb,
    exact: peak.exact,
    baselineKb,
    minKb: rest.length ? Math.min(...rest) : null,
    maxKb,
    lastKb: rest.at(-1) ?? null,
    growthPct,
    flat: growthPct === null ? null : growthPct <= FLAT_PCT,
    troughKb,
  };
}

/**
 * The sandbox's peak against the largest single Prism process that served (the target) and against all of them
 * together; its flatness. Prism's CLI parents (they print the workers' logs) are shown, never compared.
 */
export function verdictOf(sandbox: SoakPhase, prism: SoakPhase | null): Pick<SoakResults, 'peak' | 'misses'> {
  const own = sandbox.processes.find((p) => p.label === 'sandbox')!;
  const serving = prism?.processes.filter((p) => p.role === 'server') ?? [];
  const known = (kb: number | null): kb is number => kb !== null;
  const largest = serving.reduce<SoakProcess | null>((big, p) => (p.peakKb !== null && (big === null || p.peakKb > big.peakKb!) ? p : big), null);
  const sumKb = serving.length && serving.every((p) => known(p.peakKb)) ? serving.reduce((a, p) => a + p.peakKb!, 0) : null;
  const all = prism?.processes ?? [];
  const withCliKb = all.length && all.every((p) => known(p.peakKb)) ? all.reduce((a, p) => a + p.peakKb!, 0) : null;
  const ratio = (kb: number | null) => (own.peakKb !== null && kb ? Math.round((own.peakKb / kb) * 100) / 100 : null);
  const ratioLargest = ratio(largest?.peakKb ?? null);
  const misses = [
    ...(own.flat === false ? [`soak: sandbox RSS grew ${own.growthPct} % after its warm baseline (target ≤ ${FLAT_PCT} %)`] : []),
    ...(ratioLargest !== null && ratioLargest > 1 ? [`soak: peak RSS sandbox ${mb(own.peakKb)} MB > largest Prism process ${largest!.label} ${mb(largest!.peakKb)} MB (${ratioLargest}×)`] : []),
  ];
  return {
    peak: {
      sandboxMb: mb(own.peakKb),
      prismLargest: largest ? { label: largest.label, mb: mb(largest.peakKb) } : null,
      prismSumMb: mb(sumKb),
      prismWithCliMb: mb(withCliKb),
      ratioLargest,
      ratioSum: ratio(sumKb),
    },
    misses,
  };
}
