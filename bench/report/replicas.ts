import type { Results, RunFigures, ServerKind } from '../types.js';
import { perCaseSection } from './per-case.js';
import { cpuCells, int, loadavgOf, missesLine, ms, RATIO_HEAD, ratioMisses, ratioRows, rssCells, startupLine, table, times } from './table.js';

/** `--replicas N --store redis`: the replicas on Redis beside the single in-memory process (and Prism if asked). */
export function formatReplicaReport(r: Results): string {
  const n = r.options.replicas;
  const ratioTable = r.ratios.length
    ? ['', 'single in-memory sandbox ÷ Prism (same run): throughput target ≥ 3×, p99 target ≤ 0.25× at 50 connections', table(RATIO_HEAD, ratioRows(r), 'lrlrrl')]
    : [];
  const serverRows = r.servers.map((s) => [s.label, s.store ?? (s.label === 'redis' ? `(sessions of replica-1…${n})` : s.specs.join(', ')), int(s.startupMs), ...rssCells(s)]);
  const misses = [...ratioMisses(r), ...r.memory.misses];
  return [
    `partner-sandbox: ${n} replica${n === 1 ? '' : 's'} sharing one Redis vs one in-memory process${r.options.withPrism ? ', and Stoplight Prism' : ''}: ${r.options.durationS} s per case (after ${r.options.warmupS} s warm-up), ${r.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, load ${loadavgOf(r)}`,
    ...r.notes.map((note) => `note: ${note}`),
    '',
    table(['case', 'conns', 'server', 'req/s', 'p50 ms', 'p99 ms', 'bad status', 'socket err', 'answers per replica', 'server CPU %', 'load gen CPU %'], runRows(r), 'lrlrrrrrrrr'),
    '',
    `cost of sharing: ${n} × redis ÷ 1 × memory (same run, same requests, same ${r.options.sessions || 'default'} session${r.options.sessions === 1 ? '' : 's'}): throughput above 1× = the replicas serve more; p99 above 1× = slower tail`,
    table(['case', 'conns', 'throughput', 'p99', 'server CPU µs/request (redis / memory)', 'CPU per request'], sharingRows(r), 'lrrrrr'),
    ...ratioTable,
    '',
    table(['server', 'store / specs', 'start-up ms', 'peak RSS MB (VmHWM)', 'RSS first → last MB'], serverRows, 'llrrr'),
    ...(r.startup.prismMs !== null ? [startupLine(r)] : []),
    '',
    ...perCaseSection(r, '1 × memory'),
    '',
    ...(r.options.withPrism
      ? [missesLine([...misses, ...r.startup.misses], 'Prism targets missed', 'every Prism target met')]
      : ['the cost of sharing has no target: it is a measurement (bench/README.md says how to read it)']),
  ].join('\n');
}

function runRows(r: Results): string[][] {
  const name = (k: ServerKind) => (k === 'sandbox' ? '1 × memory' : k === 'replicas' ? `${r.options.replicas} × redis` : 'prism');
  return r.runs.map((x: RunFigures) => [
    x.case,
    String(x.connections),
    name(x.server),
    int(x.reqPerSec),
    ms(x.p50Ms),
    ms(x.p99Ms),
    int(x.badStatus),
    int(x.socketErrors + x.timeouts),
    x.perReplica ? Object.values(x.perReplica).map(int).join(' / ') : '',
    ...cpuCells(x),
  ]);
}

function sharingRows(r: Results): string[][] {
  const us = (v: number | null) => (v === null ? 'n/a' : int(v));
  return r.sharing.map((x) => [
    x.case,
    String(x.connections),
    times(x.throughput),
    times(x.p99),
    `${us(x.cpuPerRequestUs.replicas)} / ${us(x.cpuPerRequestUs.single)}`,
    x.cpuPerRequest === null ? 'n/a' : times(x.cpuPerRequest),
  ]);
}
