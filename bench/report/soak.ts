import type { Results, SoakPhase, SoakResults } from '../types.js';
import { int, loadavgOf, mbCell, missesLine, ms, rssCells, startupLine, table, times } from './table.js';

/** `--soak`: each server alone for the soak's length under a mix of the cases; is its memory flat, and how big? */
export function formatSoakReport(r: Results, k: SoakResults): string {
  const phases = [k.sandbox, ...(k.prism ? [k.prism] : [])];
  const inexact = phases.some((ph) => ph.processes.some((p) => !p.exact));
  const serverRows = r.servers.map((s) => [s.label, s.specs.join(', '), int(s.startupMs), ...rssCells(s)]);
  return [
    `partner-sandbox soak${k.prism ? ' vs Stoplight Prism' : ''}: ${k.durationS} s per server, each alone, ${k.connections} connections, a mix of ${k.cases.length} case${k.cases.length === 1 ? '' : 's'}, ${r.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, load ${loadavgOf(r)}`,
    ...r.notes.map((n) => `note: ${n}`),
    '',
    table(['server', 'process', 'cases (each connection cycles through them)', 'conns', 'req/s', 'p99 ms', 'bad status', 'socket err'], loadRows(phases), 'lllrrrrr'),
    '',
    `RSS over the soak (VmRSS once a second; baseline = at ${k.baselineAtS} s, the end of the first 10 % and at least 5 s in; min/max/last = after it; growth = (max − baseline) ÷ baseline; flat = growth ≤ 10 %)`,
    table(['process', 'baseline MB', 'min MB', 'max MB', 'last MB', 'growth', 'flat ≤ 10 %', 'troughs 1st → last third MB', 'peak MB (VmHWM)'], memoryRows(phases), 'lrrrrrrrr'),
    ...(inexact ? ['* the high-water mark could not be reset: the highest VmRSS sampled every 250 ms'] : []),
    '',
    peakLine(k.peak),
    '',
    table(['server', 'specs', 'start-up to first 200 ms', 'peak RSS MB over its life (VmHWM)', 'RSS first → last MB'], serverRows, 'llrrr'),
    ...(r.startup.prismMs !== null ? [startupLine(r)] : []),
    '',
    missesLine([...k.misses, ...r.startup.misses]),
  ].join('\n');
}

function loadRows(phases: SoakPhase[]): string[][] {
  return phases.flatMap((ph) => [
    ...ph.loads.map((l) => [ph.server, l.process, l.cases.join(', '), String(l.connections), int(l.reqPerSec), ms(l.p99Ms), int(l.badStatus), int(l.socketErrors + l.timeouts)]),
    ...(ph.loads.length > 1 ? [[ph.server, 'together', '', String(ph.connections), int(ph.reqPerSec), '', int(ph.badStatus), int(ph.socketErrors + ph.timeouts)]] : []),
  ]);
}

function memoryRows(phases: SoakPhase[]): string[][] {
  return phases.flatMap((ph) =>
    ph.processes.map((p) => [
      p.label,
      mbCell(p.baselineKb),
      mbCell(p.minKb),
      mbCell(p.maxKb),
      mbCell(p.lastKb),
      p.growthPct === null ? 'n/a' : `${p.growthPct.toFixed(1)} %`,
      p.flat === null ? 'n/a' : p.flat ? 'ok' : 'MISS',
      p.troughKb ? `${mbCell(p.troughKb.first)} → ${mbCell(p.troughKb.last)}` : 'n/a',
      mbCell(p.peakKb, p.exact),
    ]),
  );
}

function peakLine(pk: SoakResults['peak']): string {
  const mbOf = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} MB`);
  const ratioOf = (v: number | null) => (v === null ? 'n/a' : times(v));
  return (
    `peak RSS over the soak: sandbox ${mbOf(pk.sandboxMb)}` +
    (pk.prismLargest
      ? `; largest Prism process (${pk.prismLargest.label}) ${mbOf(pk.prismLargest.mb)} → ${ratioOf(pk.ratioLargest)} (target ≤ 1×: ${pk.ratioLargest === null ? 'n/a' : pk.ratioLargest <= 1 ? 'ok' : 'MISS'}); Prism's serving processes together ${mbOf(pk.prismSumMb)} → ${ratioOf(pk.ratioSum)}; with their CLI parents ${mbOf(pk.prismWithCliMb)}`
      : ' (no Prism: --no-prism)')
  );
}
