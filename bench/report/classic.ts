import type { Results } from '../types.js';
import { perCaseSection } from './per-case.js';
import { int, loadavgOf, missesLine, ms, ratioMisses, ratioRows, rssCells, startupLine, table } from './table.js';

/** The classic run: the sandbox against Prism, with issue 7's targets. */
export function formatPrismReport(r: Results): string {
  const runRows = r.runs.map((x) => [
    x.case,
    String(x.connections),
    x.server,
    int(x.reqPerSec),
    ms(x.p50Ms),
    ms(x.p99Ms),
    int(x.badStatus),
    int(x.socketErrors + x.timeouts),
  ]);
  const serverRows = r.servers.map((s) => [s.label, s.specs.join(', '), int(s.startupMs), s.listeningMs === undefined ? '' : int(s.listeningMs), ...rssCells(s)]);
  const misses = [...ratioMisses(r), ...r.startup.misses, ...r.memory.misses];
  return [
    `partner-sandbox vs Stoplight Prism: ${r.options.durationS} s per case (after ${r.options.warmupS} s warm-up), ${r.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, load ${loadavgOf(r)}`,
    ...r.notes.map((n) => `note: ${n}`),
    '',
    table(['case', 'conns', 'server', 'req/s', 'p50 ms', 'p99 ms', 'bad status', 'socket err'], runRows, 'lrlrrrrr'),
    '',
    'sandbox ÷ Prism (same run): throughput higher is better (target ≥ 3×), p99 lower is better (target ≤ 0.25× at 50 connections)',
    table(['case', 'conns', 'throughput', 'p99', 'targets'], ratioRows(r), 'lrrrl'),
    '',
    table(['server', 'specs', 'start-up to first 200 ms', 'Prism "listening" ms', 'peak RSS MB (VmHWM)', 'RSS first → last MB'], serverRows, 'llrrrr'),
    startupLine(r),
    '',
    ...perCaseSection(r, 'sandbox'),
    '',
    missesLine(misses),
  ].join('\n');
}
