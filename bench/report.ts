/**
 * The benchmark's figures: their shape in results.json, the sandbox/Prism ratios, the cost of sharing (replicas on
 * Redis ÷ one in-memory process), and the printed tables.
 */
import type { LoadResult } from './load.js';
import type { RssSummary } from './servers.js';

/** `sandbox`: one process, sessions in memory. `replicas`: N processes sharing Redis, driven as one. */
export type ServerKind = 'sandbox' | 'replicas' | 'prism';

export interface RunFigures extends LoadResult {
  case: string;
  server: ServerKind;
  /** The process(es) that answered: `sandbox`, `replica-1+replica-2`, or `prism:<api>`. */
  process: string;
  /** 1 if this server ran first for this case and connection count, 2 if second, … */
  order: number;
  /** For replicas: the answers each replica gave. */
  perReplica?: Record<string, number>;
  /**
   * CPU used during the measured run, in % of one core (user + system ÷ wall time), per process that served it
   * (Redis included for replicas) and for the bench process itself (`load generator`, autocannon). Null off Linux.
   */
  cpuPct?: Record<string, number | null>;
}

export interface ServerFigures {
  label: string;
  /** The specs it serves; none for Redis. */
  specs: string[];
  /** For a sandbox process: `memory`, or `redis` for a replica. */
  store?: 'memory' | 'redis';
  /** Spawn → first 200 on the start-up probe. */
  startupMs: number;
  listeningMs?: number;
  rss: RssSummary;
}

export interface Ratio {
  case: string;
  connections: number;
  /** sandbox req/s ÷ Prism req/s: higher is better (target ≥ 3). */
  throughput: number;
  /** sandbox p99 ÷ Prism p99: lower is better (target ≤ 0.25 at 50 connections). */
  p99: number;
  misses: string[];
}

/**
 * The cost of sharing, per case and connection count: the replicas on one Redis ÷ the single in-memory process,
 * measured in the same run on the same requests over the same sessions. No target: it is a measurement.
 */
export interface SharingRatio {
  case: string;
  connections: number;
  replicas: number;
  /** replicas' req/s ÷ single's req/s: above 1, the replicas together serve more than one process. */
  throughput: number;
  /** replicas' p99 ÷ single's p99: above 1, sharing makes the slowest answers slower. */
  p99: number;
  /**
   * Server CPU per answered request, in µs (every serving process, Redis included; the load generator not), and
   * replicas ÷ single: what a request costs in CPU wherever it runs, which the core count does not change. Null off Linux.
   */
  cpuPerRequestUs: { single: number | null; replicas: number | null };
  cpuPerRequest: number | null;
}

export interface Results {
  machine: { platform: string; release: string; arch: string; cpus: number; cpuModel: string; totalMemMb: number; loadavgStart: number[]; loadavgEnd: number[] };
  node: string;
  date: string;
  options: {
    durationS: number;
    warmupS: number;
    connections: number[];
    cases: string[];
    sessions: number;
    quick: boolean;
    keepState: boolean;
    /** Sandbox processes sharing Redis (0: the classic sandbox-vs-Prism run). */
    replicas: number;
    store: 'memory' | 'redis';
    withPrism: boolean;
  };
  notes: string[];
  servers: ServerFigures[];
  runs: RunFigures[];
  /** sandbox ÷ Prism; empty when Prism did not run. */
  ratios: Ratio[];
  /** replicas on Redis ÷ the single in-memory sandbox; empty in the classic run. */
  sharing: SharingRatio[];
  startup: { sandboxMs: number; prismMs: number | null; ratio: number | null; misses: string[] };
  memory: { sandboxPeakMb: number | null; prismPeakMb: Record<string, number | null>; misses: string[] };
}

export function ratiosOf(runs: RunFigures[]): Ratio[] {
  const out: Ratio[] = [];
  for (const s of runs.filter((r) => r.server === 'sandbox')) {
    const p = runs.find((r) => r.server === 'prism' && r.case === s.case && r.connections === s.connections);
    if (!p) continue;
    const throughput = p.reqPerSec > 0 ? round2(s.reqPerSec / p.reqPerSec) : Number.POSITIVE_INFINITY;
    const p99 = p.p99Ms > 0 ? round2(s.p99Ms / p.p99Ms) : Number.POSITIVE_INFINITY;
    const misses: string[] = [];
    if (throughput < 3) misses.push(`throughput ${throughput}× < 3×`);
    if (s.connections >= 50 && p99 > 0.25) misses.push(`p99 ${p99}× > 0.25×`);
    out.push({ case: s.case, connections: s.connections, throughput, p99, misses });
  }
  return out;
}

export function sharingOf(runs: RunFigures[], replicas: number): SharingRatio[] {
  const out: SharingRatio[] = [];
  for (const r of runs.filter((x) => x.server === 'replicas')) {
    const s = runs.find((x) => x.server === 'sandbox' && x.case === r.case && x.connections === r.connections);
    if (!s) continue;
    const single = cpuPerRequestUs(s);
    const shared = cpuPerRequestUs(r);
    out.push({
      case: r.case,
      connections: r.connections,
      replicas,
      throughput: s.reqPerSec > 0 ? round2(r.reqPerSec / s.reqPerSec) : Number.POSITIVE_INFINITY,
      p99: s.p99Ms > 0 ? round2(r.p99Ms / s.p99Ms) : Number.POSITIVE_INFINITY,
      cpuPerRequestUs: { single, replicas: shared },
      cpuPerRequest: single && shared !== null ? round2(shared / single) : null,
    });
  }
  return out;
}

/** The serving processes' CPU (load generator excluded) ÷ answers per second, in µs per answer. */
function cpuPerRequestUs(run: RunFigures): number | null {
  const serving = Object.entries(run.cpuPct ?? {}).filter(([k]) => k !== LOAD_GENERATOR);
  if (!serving.length || serving.some(([, v]) => v === null) || run.reqPerSec <= 0) return null;
  const cores = serving.reduce((sum, [, v]) => sum + v! / 100, 0);
  return Math.round((cores / run.reqPerSec) * 1e6);
}

export function startupOf(servers: ServerFigures[]): Results['startup'] {
  const sandbox = servers.find((s) => s.label === 'sandbox')!;
  const prism = servers.find((s) => s.label === 'prism:integrator') ?? servers.find((s) => s.label.startsWith('prism:'));
  const ratio = prism ? round2(sandbox.startupMs / prism.startupMs) : null;
  return {
    sandboxMs: Math.round(sandbox.startupMs),
    prismMs: prism ? Math.round(prism.startupMs) : null,
    ratio,
    misses: ratio !== null && ratio > 1 / 3 ? [`start-up ${ratio}× > 0.33×`] : [],
  };
}

export function memoryOf(servers: ServerFigures[]): Results['memory'] {
  const mb = (kb: number | null) => (kb === null ? null : Math.round(kb / 102.4) / 10);
  const sandboxPeakMb = mb(servers.find((s) => s.label === 'sandbox')!.rss.peakKb);
  const prismPeakMb = Object.fromEntries(servers.filter((s) => s.label.startsWith('prism:')).map((s) => [s.label, mb(s.rss.peakKb)]));
  const misses = Object.entries(prismPeakMb)
    .filter(([, p]) => sandboxPeakMb !== null && p !== null && sandboxPeakMb > p)
    .map(([label, p]) => `peak RSS ${sandboxPeakMb} MB > ${label} ${p} MB`);
  return { sandboxPeakMb, prismPeakMb, misses };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A plain-text table; `align` has one letter per column, `l` (text) or `r` (figures). */
function table(head: string[], rows: string[][], align: string): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (align[i] === 'l' ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => n.toFixed(2);
const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '∞');

/** `62+60+35` for the serving processes (Redis last), and the load generator's on its own. */
function cpuCells(x: RunFigures): [string, string] {
  const entries = Object.entries(x.cpuPct ?? {});
  const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(0));
  const serving = entries.filter(([k]) => k !== LOAD_GENERATOR).sort(([a], [b]) => (a === 'redis' ? 1 : b === 'redis' ? -1 : a.localeCompare(b)));
  const load = entries.find(([k]) => k === LOAD_GENERATOR)?.[1];
  return [serving.map(([, v]) => fmt(v)).join('+') || 'n/a', load === undefined ? 'n/a' : fmt(load)];
}

export const LOAD_GENERATOR = 'load generator';

export function formatReport(r: Results): string {
  return r.options.store === 'redis' ? formatReplicaReport(r) : formatPrismReport(r);
}

/** `--replicas N --store redis`: the replicas on Redis beside the single in-memory process (and Prism if asked). */
function formatReplicaReport(r: Results): string {
  const n = r.options.replicas;
  const name = (k: ServerKind) => (k === 'sandbox' ? '1 × memory' : k === 'replicas' ? `${n} × redis` : 'prism');
  const runRows = r.runs.map((x) => [
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
  const us = (v: number | null) => (v === null ? 'n/a' : int(v));
  const sharingRows = r.sharing.map((x) => [
    x.case,
    String(x.connections),
    times(x.throughput),
    times(x.p99),
    `${us(x.cpuPerRequestUs.replicas)} / ${us(x.cpuPerRequestUs.single)}`,
    x.cpuPerRequest === null ? 'n/a' : times(x.cpuPerRequest),
  ]);
  const ratioRows = r.ratios.map((x) => [x.case, String(x.connections), times(x.throughput), times(x.p99), x.misses.length ? `MISS: ${x.misses.join('; ')}` : 'ok']);
  const serverRows = r.servers.map((s) => [
    s.label,
    s.store ?? (s.label === 'redis' ? `(sessions of replica-1…${n})` : s.specs.join(', ')),
    int(s.startupMs),
    s.rss.peakKb === null ? 'n/a' : (s.rss.peakKb / 1024).toFixed(1),
    s.rss.firstKb === null || s.rss.lastKb === null ? 'n/a' : `${(s.rss.firstKb / 1024).toFixed(0)} → ${(s.rss.lastKb / 1024).toFixed(0)}`,
  ]);
  const misses = r.ratios.flatMap((x) => x.misses.map((m) => `${x.case} @${x.connections}: ${m}`));
  return [
    `partner-sandbox: ${n} replica${n === 1 ? '' : 's'} sharing one Redis vs one in-memory process${r.options.withPrism ? ', and Stoplight Prism' : ''}: ${r.options.durationS} s per case (after ${r.options.warmupS} s warm-up), ${r.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, load ${r.machine.loadavgStart.map((l) => l.toFixed(2)).join(' ')}`,
    ...r.notes.map((note) => `note: ${note}`),
    '',
    table(['case', 'conns', 'server', 'req/s', 'p50 ms', 'p99 ms', 'bad status', 'socket err', 'answers per replica', 'server CPU %', 'load gen CPU %'], runRows, 'lrlrrrrrrrr'),
    '',
    `cost of sharing: ${n} × redis ÷ 1 × memory (same run, same requests, same ${r.options.sessions || 'default'} session${r.options.sessions === 1 ? '' : 's'}): throughput above 1× = the replicas serve more; p99 above 1× = slower tail`,
    table(['case', 'conns', 'throughput', 'p99', 'server CPU µs/request (redis / memory)', 'CPU per request'], sharingRows, 'lrrrrr'),
    ...(ratioRows.length
      ? ['', 'single in-memory sandbox ÷ Prism (same run): throughput target ≥ 3×, p99 target ≤ 0.25× at 50 connections', table(['case', 'conns', 'throughput', 'p99', 'targets'], ratioRows, 'lrrrl')]
      : []),
    '',
    table(['server', 'store / specs', 'start-up ms', 'peak RSS MB (VmHWM)', 'RSS first → last MB'], serverRows, 'llrrr'),
    ...(r.startup.prismMs !== null ? [`start-up sandbox ÷ Prism (integrator): ${r.startup.ratio === null ? 'n/a' : times(r.startup.ratio)} (target ≤ 0.33×)`] : []),
    '',
    ...(r.options.withPrism
      ? [misses.length || r.startup.misses.length ? `Prism targets missed:\n${[...misses, ...r.startup.misses].map((m) => `  - ${m}`).join('\n')}` : 'every Prism target met']
      : ['the cost of sharing has no target: it is a measurement (bench/README.md says how to read it)']),
  ].join('\n');
}

/** The classic run: the sandbox against Prism, with issue 7's targets. */
function formatPrismReport(r: Results): string {
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
  const ratioRows = r.ratios.map((x) => [x.case, String(x.connections), times(x.throughput), times(x.p99), x.misses.length ? `MISS: ${x.misses.join('; ')}` : 'ok']);
  const serverRows = r.servers.map((s) => [
    s.label,
    s.specs.join(', '),
    int(s.startupMs),
    s.listeningMs === undefined ? '' : int(s.listeningMs),
    s.rss.peakKb === null ? 'n/a' : (s.rss.peakKb / 1024).toFixed(1),
    s.rss.firstKb === null || s.rss.lastKb === null ? 'n/a' : `${(s.rss.firstKb / 1024).toFixed(0)} → ${(s.rss.lastKb / 1024).toFixed(0)}`,
  ]);
  const misses = [...r.ratios.flatMap((x) => x.misses.map((m) => `${x.case} @${x.connections}: ${m}`)), ...r.startup.misses, ...r.memory.misses];
  return [
    `partner-sandbox vs Stoplight Prism: ${r.options.durationS} s per case (after ${r.options.warmupS} s warm-up), ${r.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, load ${r.machine.loadavgStart.map((l) => l.toFixed(2)).join(' ')}`,
    ...r.notes.map((n) => `note: ${n}`),
    '',
    table(['case', 'conns', 'server', 'req/s', 'p50 ms', 'p99 ms', 'bad status', 'socket err'], runRows, 'lrlrrrrr'),
    '',
    'sandbox ÷ Prism (same run): throughput higher is better (target ≥ 3×), p99 lower is better (target ≤ 0.25× at 50 connections)',
    table(['case', 'conns', 'throughput', 'p99', 'targets'], ratioRows, 'lrrrl'),
    '',
    table(['server', 'specs', 'start-up to first 200 ms', 'Prism "listening" ms', 'peak RSS MB (VmHWM)', 'RSS first → last MB'], serverRows, 'llrrrr'),
    `start-up sandbox ÷ Prism (integrator): ${r.startup.ratio === null ? 'n/a' : times(r.startup.ratio)} (target ≤ 0.33×)`,
    '',
    misses.length ? `targets missed:\n${misses.map((m) => `  - ${m}`).join('\n')}` : 'every target met',
  ].join('\n');
}
