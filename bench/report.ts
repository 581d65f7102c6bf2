/** The benchmark's figures: their shape in results.json, the sandbox/Prism ratios, and the printed tables. */
import type { LoadResult } from './load.js';
import type { RssSummary } from './servers.js';

export type ServerKind = 'sandbox' | 'prism';

export interface RunFigures extends LoadResult {
  case: string;
  server: ServerKind;
  /** The process that answered: `sandbox` or `prism:<api>`. */
  process: string;
  /** 1 if this server ran first for this case and connection count, 2 if second. */
  order: 1 | 2;
}

export interface ServerFigures {
  label: string;
  specs: string[];
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

export interface Results {
  machine: { platform: string; release: string; arch: string; cpus: number; cpuModel: string; totalMemMb: number; loadavgStart: number[]; loadavgEnd: number[] };
  node: string;
  date: string;
  options: { durationS: number; warmupS: number; connections: number[]; cases: string[]; sessions: number; quick: boolean; keepState: boolean };
  notes: string[];
  servers: ServerFigures[];
  runs: RunFigures[];
  ratios: Ratio[];
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

export function formatReport(r: Results): string {
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
