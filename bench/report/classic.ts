import type { Results } from '../types.js';
import { perCaseSection } from './per-case.js';
import { cpuCells, int, loadavgOf, missesLine, ms, RATIO_HEAD, ratioMisses, ratioRows, rssCells, startupLine, table } from './table.js';

/** The classic run: the sandbox against Prism (issue 7's targets) and any other peers (`--peers`). */
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
    ...cpuCells(x),
  ]);
  const peers = r.options.peers ?? ['prism'];
  const loadgen = r.options.loadgen ?? 'autocannon';
  const pin = r.options.pin ? `servers pinned to core ${r.options.pin.server}, ${loadgen} to core ${r.options.pin.loadgen}` : 'not pinned';
  const serverRows = r.servers.map((s) => [s.label, s.specs.join(', '), int(s.startupMs), s.listeningMs === undefined ? '' : int(s.listeningMs), ...rssCells(s)]);
  const misses = [...ratioMisses(r), ...r.startup.misses, ...r.memory.misses];
  return [
    `partner-sandbox vs ${peers.join(', ') || 'no peer'}: ${r.options.durationS} s per case (after ${r.options.warmupS} s warm-up), ${loadgen}, ${pin}, ${r.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, load ${loadavgOf(r)}`,
    ...r.notes.map((n) => `note: ${n}`),
    '',
    table(['case', 'conns', 'server', 'req/s', 'p50 ms', 'p99 ms', 'bad status', 'socket err', 'server CPU %', 'load gen CPU %'], runRows, 'lrlrrrrrrr'),
    '',
    'sandbox ÷ each peer (same run): throughput higher is better, p99 lower is better; targets against Prism only (≥ 3×; ≤ 0.25× at 50 connections)',
    table(RATIO_HEAD, ratioRows(r), 'lrlrrl'),
    '',
    table(['server', 'specs', 'start-up to first 200 ms', 'Prism "listening" ms', 'peak RSS MB (VmHWM)', 'RSS first → last MB'], serverRows, 'llrrrr'),
    startupLine(r),
    '',
    ...perCaseSection(r, 'sandbox'),
    '',
    missesLine(misses),
  ].join('\n');
}
