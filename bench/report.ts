/**
 * The benchmark's figures: their shape in results.json, the sandbox/Prism ratios, the cost of sharing (replicas on
 * Redis ÷ one in-memory process), peak RSS per case, the soak, and the printed tables.
 */
import type { LoadResult, StepCounts } from './load.js';
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

/** One process's peak over one case: its warm-up and every measured run of it. */
export interface CasePeak {
  /** `sandbox`, `replica-<n>`, `prism:<api>` (the process answering HTTP) or `prism:<api> cli` (Prism's parent). */
  label: string;
  server: ServerKind;
  role: 'server' | 'cli';
  pid: number;
  /** VmHWM after the case's last run, the mark reset before its first; if the reset failed, the highest VmRSS sampled. */
  peakKb: number | null;
  /** Whether peakKb is the kernel's exact high-water mark (false: the 250 ms VmRSS samples' maximum). */
  exact: boolean;
  maxSampledKb: number | null;
  /**
   * VmRSS when the case began on this process (before its warm-up): what earlier cases left. V8 keeps the heap it
   * grew, so a case's peak includes it; the cases run in order.
   */
  startKb: number | null;
  /** VmRSS just before the case's first measured run (after its warm-up and the sandbox's reset). */
  beforeMeasuredKb: number | null;
}

export interface CaseMemory {
  case: string;
  processes: CasePeak[];
  /** The sandbox's peak ÷ the peak of the Prism process that served this case (target ≤ 1); null without Prism. */
  ratio: number | null;
  misses: string[];
  /**
   * For a case that creates state: the sandbox's RSS growth per created document (approximate), from just before
   * the first measured run, and (a higher bracket) from the case's start, before its warm-up.
   */
  perDocument?: {
    documents: number;
    growthKb: number | null;
    bytesPerDocument: number | null;
    fromCaseStart: { growthKb: number | null; bytesPerDocument: number | null };
    definition: string;
  };
}

/** One process's memory over a soak, from VmRSS read once a second. */
export interface SoakProcess {
  label: string;
  role: 'server' | 'cli';
  pid: number;
  /** VmHWM at the end, the mark reset at the soak's start; if the reset failed, the highest VmRSS sampled (250 ms). */
  peakKb: number | null;
  exact: boolean;
  /** VmRSS at `baselineAtS`: the warm baseline. */
  baselineKb: number | null;
  /** Over the samples after the baseline. */
  minKb: number | null;
  maxKb: number | null;
  lastKb: number | null;
  /** (max − baseline) ÷ baseline, in %. */
  growthPct: number | null;
  /** growthPct ≤ 10 (issue 7's "flat"); null without samples after the baseline. */
  flat: boolean | null;
  /**
   * The lowest reading in the first and in the last third after the baseline (no target): a leak raises the
   * troughs, a GC sawtooth raises only the max.
   */
  troughKb: { first: number; last: number } | null;
}

/** One autocannon instance of a soak: one process and the cases it serves, mixed. */
export interface SoakLoad extends Omit<LoadResult, 'perUrl' | 'perStep'> {
  process: string;
  cases: string[];
  perCase: Record<string, StepCounts>;
}

/** One server driven alone for the soak: the sandbox, or every Prism process at once. */
export interface SoakPhase {
  server: 'sandbox' | 'prism';
  /** All its autocannon instances together. */
  connections: number;
  durationS: number;
  reqPerSec: number;
  completed: number;
  badStatus: number;
  socketErrors: number;
  timeouts: number;
  loads: SoakLoad[];
  processes: SoakProcess[];
  /**
   * Once a second from the load's start: the answers since the previous reading and each process's VmRSS. `atMs` is
   * when the reading was taken (the bench's own busy event loop may delay a tick a little).
   */
  timeline: { s: number; atMs: number; answers: number; rssKb: Record<string, number | null> }[];
}

export interface SoakResults {
  durationS: number;
  /** When the warm baseline is read: 10 % into the run, at least 5 s. */
  baselineAtS: number;
  connections: number;
  sessions: number;
  cases: string[];
  /** Selected cases whose answers create state: memory then grows with the documents by design. */
  stateCreatingCases: string[];
  sandbox: SoakPhase;
  prism: SoakPhase | null;
  peak: {
    sandboxMb: number | null;
    /** The largest single Prism process that served (a worker; its CLI parent not counted). */
    prismLargest: { label: string; mb: number | null } | null;
    /** Every Prism process that served, together. */
    prismSumMb: number | null;
    /** The same with Prism's CLI parents. */
    prismWithCliMb: number | null;
    /** sandbox ÷ largest Prism process: the target (≤ 1). */
    ratioLargest: number | null;
    ratioSum: number | null;
  };
  misses: string[];
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
    /** Seconds of the soak; null: the per-case run. */
    soakS: number | null;
  };
  notes: string[];
  servers: ServerFigures[];
  runs: RunFigures[];
  /** sandbox ÷ Prism; empty when Prism did not run. */
  ratios: Ratio[];
  /** replicas on Redis ÷ the single in-memory sandbox; empty in the classic run. */
  sharing: SharingRatio[];
  startup: { sandboxMs: number; prismMs: number | null; ratio: number | null; misses: string[] };
  /**
   * The whole-run peaks (VmHWM over each process's life; for Prism its CLI process), and the peaks per case, which the
   * target is checked on.
   */
  memory: { sandboxPeakMb: number | null; prismPeakMb: Record<string, number | null>; perCase: CaseMemory[]; misses: string[] };
  /** `--soak`: each server alone under a mix of the cases; absent otherwise. */
  soak?: SoakResults;
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

export function memoryOf(servers: ServerFigures[], perCase: CaseMemory[]): Results['memory'] {
  const sandboxPeakMb = mb(servers.find((s) => s.label === 'sandbox')!.rss.peakKb);
  const prismPeakMb = Object.fromEntries(servers.filter((s) => s.label.startsWith('prism:')).map((s) => [s.label, mb(s.rss.peakKb)]));
  // Per case only: the whole-run peak is the create case's, and each Prism process serves some cases only.
  const misses = perCase.flatMap((c) => c.misses.map((m) => `${c.case}: ${m}`));
  return { sandboxPeakMb, prismPeakMb, perCase, misses };
}

export function mb(kb: number | null): number | null {
  return kb === null ? null : Math.round(kb / 102.4) / 10;
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
  return r.soak ? formatSoakReport(r, r.soak) : r.options.store === 'redis' ? formatReplicaReport(r) : formatPrismReport(r);
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
  const misses = [...r.ratios.flatMap((x) => x.misses.map((m) => `${x.case} @${x.connections}: ${m}`)), ...r.memory.misses];
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
    ...perCaseSection(r, '1 × memory'),
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
    ...perCaseSection(r, 'sandbox'),
    '',
    misses.length ? `targets missed:\n${misses.map((m) => `  - ${m}`).join('\n')}` : 'every target met',
  ].join('\n');
}

const mbCell = (kb: number | null, exact = true) => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(1)}${exact ? '' : '*'}`);

/**
 * `peak RSS per case`: each process's peak over the case (warm-up and measured runs), the sandbox ÷ the Prism
 * process that served the case (target ≤ 1×), and the growth per created document of a case that creates state.
 */
function perCaseSection(r: Results, sandboxName: string): string[] {
  const perCase = r.memory.perCase;
  if (!perCase.length) return [];
  const all = perCase.flatMap((c) => c.processes);
  const replicaLabels = [...new Set(all.filter((p) => p.server === 'replicas').map((p) => p.label))];
  const withPrism = all.some((p) => p.server === 'prism');
  const peakOf = (c: CaseMemory, match: (p: CasePeak) => boolean) => {
    const p = c.processes.find(match);
    return p ? mbCell(p.peakKb, p.exact) : '';
  };
  const startOf = (c: CaseMemory) => {
    const p = c.processes.find((x) => x.server === 'sandbox');
    return p ? mbCell(p.startKb) : '';
  };
  const rows = perCase.map((c) => [
    c.case,
    peakOf(c, (p) => p.server === 'sandbox'),
    ...replicaLabels.map((label) => peakOf(c, (p) => p.label === label)),
    ...(withPrism
      ? [
          peakOf(c, (p) => p.server === 'prism' && p.role === 'server'),
          c.ratio === null ? 'n/a' : times(c.ratio),
          c.ratio === null ? 'n/a' : c.misses.length ? 'MISS' : 'ok',
          peakOf(c, (p) => p.server === 'prism' && p.role === 'cli'),
        ]
      : []),
    startOf(c),
  ]);
  const head = [
    'case',
    `${sandboxName} MB`,
    ...replicaLabels.map((l) => `${l} MB`),
    ...(withPrism ? ['Prism MB', 'ratio', 'target ≤ 1×', 'Prism CLI MB'] : []),
    `${sandboxName} at case start MB`,
  ];
  const inexact = all.some((p) => !p.exact);
  const perDocument = perCase.flatMap((c) => {
    const d = c.perDocument;
    if (!d) return [];
    const growth = (kb: number | null) => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);
    const per = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024).toFixed(2)} kB`);
    return [
      `${c.case}: ${sandboxName} RSS per created document ≈ ${per(d.bytesPerDocument)} (grew ${growth(d.growthKb)} from just before the first measured run) to ${per(d.fromCaseStart.bytesPerDocument)} (${growth(d.fromCaseStart.growthKb)} from the case's start, before its warm-up), for ${int(d.documents)} documents held at once; approximate (notes and bench/README.md say why)`,
    ];
  });
  return [
    `peak RSS per case (VmHWM reset before the case's first run on each process, read after its last${withPrism ? "; Prism = the worker process that served the case, its CLI parent beside it" : ''})`,
    table(head, rows, `l${'r'.repeat(head.length - 1)}`),
    ...(inexact ? ['* the high-water mark could not be reset: the highest VmRSS sampled every 250 ms during the case'] : []),
    ...perDocument,
  ];
}

/** `--soak`: each server alone for the soak's length under a mix of the cases; is its memory flat, and how big? */
function formatSoakReport(r: Results, k: SoakResults): string {
  const phases = [k.sandbox, ...(k.prism ? [k.prism] : [])];
  const loadRows = phases.flatMap((ph) => [
    ...ph.loads.map((l) => [ph.server, l.process, l.cases.join(', '), String(l.connections), int(l.reqPerSec), ms(l.p99Ms), int(l.badStatus), int(l.socketErrors + l.timeouts)]),
    ...(ph.loads.length > 1 ? [[ph.server, 'together', '', String(ph.connections), int(ph.reqPerSec), '', int(ph.badStatus), int(ph.socketErrors + ph.timeouts)]] : []),
  ]);
  const memoryRows = phases.flatMap((ph) =>
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
  const pk = k.peak;
  const mbOf = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} MB`);
  const ratioOf = (v: number | null) => (v === null ? 'n/a' : times(v));
  const misses = [...k.misses, ...r.startup.misses];
  const inexact = phases.some((ph) => ph.processes.some((p) => !p.exact));
  return [
    `partner-sandbox soak${k.prism ? ' vs Stoplight Prism' : ''}: ${k.durationS} s per server, each alone, ${k.connections} connections, a mix of ${k.cases.length} case${k.cases.length === 1 ? '' : 's'}, ${r.node}, ${r.machine.cpus} × ${r.machine.cpuModel}, load ${r.machine.loadavgStart.map((l) => l.toFixed(2)).join(' ')}`,
    ...r.notes.map((n) => `note: ${n}`),
    '',
    table(['server', 'process', 'cases (each connection cycles through them)', 'conns', 'req/s', 'p99 ms', 'bad status', 'socket err'], loadRows, 'lllrrrrr'),
    '',
    `RSS over the soak (VmRSS once a second; baseline = at ${k.baselineAtS} s, the end of the first 10 % and at least 5 s in; min/max/last = after it; growth = (max − baseline) ÷ baseline; flat = growth ≤ 10 %)`,
    table(['process', 'baseline MB', 'min MB', 'max MB', 'last MB', 'growth', 'flat ≤ 10 %', 'troughs 1st → last third MB', 'peak MB (VmHWM)'], memoryRows, 'lrrrrrrrr'),
    ...(inexact ? ['* the high-water mark could not be reset: the highest VmRSS sampled every 250 ms'] : []),
    '',
    `peak RSS over the soak: sandbox ${mbOf(pk.sandboxMb)}` +
      (pk.prismLargest
        ? `; largest Prism process (${pk.prismLargest.label}) ${mbOf(pk.prismLargest.mb)} → ${ratioOf(pk.ratioLargest)} (target ≤ 1×: ${pk.ratioLargest === null ? 'n/a' : pk.ratioLargest <= 1 ? 'ok' : 'MISS'}); Prism's serving processes together ${mbOf(pk.prismSumMb)} → ${ratioOf(pk.ratioSum)}; with their CLI parents ${mbOf(pk.prismWithCliMb)}`
        : ' (no Prism: --no-prism)'),
    '',
    table(['server', 'specs', 'start-up to first 200 ms', 'peak RSS MB over its life (VmHWM)', 'RSS first → last MB'], r.servers.map((s) => [
      s.label,
      s.specs.join(', '),
      int(s.startupMs),
      s.rss.peakKb === null ? 'n/a' : (s.rss.peakKb / 1024).toFixed(1),
      s.rss.firstKb === null || s.rss.lastKb === null ? 'n/a' : `${(s.rss.firstKb / 1024).toFixed(0)} → ${(s.rss.lastKb / 1024).toFixed(0)}`,
    ]), 'llrrr'),
    ...(r.startup.prismMs !== null ? [`start-up sandbox ÷ Prism (integrator): ${r.startup.ratio === null ? 'n/a' : times(r.startup.ratio)} (target ≤ 0.33×)`] : []),
    '',
    misses.length ? `targets missed:\n${misses.map((m) => `  - ${m}`).join('\n')}` : 'every target met',
  ].join('\n');
}
