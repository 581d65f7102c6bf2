/** The plain-text table and the cells and lines the reports share. */
import { LOAD_GENERATOR, type Results, type RunFigures, type ServerFigures } from '../types.js';

/** A plain-text table; `align` has one letter per column, `l` (text) or `r` (figures). */
export function table(head: string[], rows: string[][], align: string): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (align[i] === 'l' ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number) => n.toFixed(2);
export const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '∞');

/** `62+60+35` for the serving processes (Redis last), and the load generator's on its own. */
export function cpuCells(x: RunFigures): [string, string] {
  const entries = Object.entries(x.cpuPct ?? {});
  const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(0));
  const serving = entries.filter(([k]) => k !== LOAD_GENERATOR).sort(([a], [b]) => (a === 'redis' ? 1 : b === 'redis' ? -1 : a.localeCompare(b)));
  const load = entries.find(([k]) => k === LOAD_GENERATOR)?.[1];
  return [serving.map(([, v]) => fmt(v)).join('+') || 'n/a', load === undefined ? 'n/a' : fmt(load)];
}

export const mbCell = (kb: number | null, exact = true) => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(1)}${exact ? '' : '*'}`);

export const loadavgOf = (r: Results) => r.machine.loadavgStart.map((l) => l.toFixed(2)).join(' ');

/** A server's whole-life peak and its growth, as the servers tables show them. */
export function rssCells(s: ServerFigures): [string, string] {
  return [
    s.rss.peakKb === null ? 'n/a' : (s.rss.peakKb / 1024).toFixed(1),
    s.rss.firstKb === null || s.rss.lastKb === null ? 'n/a' : `${(s.rss.firstKb / 1024).toFixed(0)} → ${(s.rss.lastKb / 1024).toFixed(0)}`,
  ];
}

export const startupLine = (r: Results) => {
  const others = (r.startup.peers ?? []).filter((p) => p.peer !== 'prism');
  const target = r.startup.ratio === null ? '' : `start-up sandbox ÷ Prism (integrator): ${times(r.startup.ratio)} (target ≤ 0.33×)`;
  const rest = others.map((p) => `÷ ${p.label} ${times(p.ratio)}`).join(', ');
  return [target, rest && `start-up sandbox ${rest} (no target)`].filter(Boolean).join('; ') || 'start-up: no peer';
};

export const RATIO_HEAD = ['case', 'conns', 'sandbox ÷', 'throughput', 'p99', 'targets'];

/** Targets are Prism's only (issue 7); the fastest peers are a measurement. */
export const ratioRows = (r: Results) =>
  r.ratios.map((x) => [x.case, String(x.connections), x.peer ?? 'prism', times(x.throughput), times(x.p99), (x.peer ?? 'prism') !== 'prism' ? '' : x.misses.length ? `MISS: ${x.misses.join('; ')}` : 'ok']);

export const ratioMisses = (r: Results) => r.ratios.flatMap((x) => x.misses.map((m) => `${x.case} @${x.connections}: ${m}`));

export const missesLine = (misses: string[], heading = 'targets missed', allMet = 'every target met') =>
  misses.length ? `${heading}:\n${misses.map((m) => `  - ${m}`).join('\n')}` : allMet;
