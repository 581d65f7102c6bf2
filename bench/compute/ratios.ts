/**
 * The sandbox ÷ each peer (issue 7's targets against Prism), the cost of sharing (replicas on Redis ÷ one in-memory
 * process), and the start-up ratios.
 */
import { LOAD_GENERATOR, PEER_KINDS, type PeerKind, type Ratio, type Results, type RunFigures, type ServerFigures, type SharingRatio } from '../types.js';
import { round2 } from './units.js';

/** Per case and connection count, the sandbox ÷ every peer that ran it, in PEER_KINDS order. */
export function ratiosOf(runs: RunFigures[]): Ratio[] {
  const out: Ratio[] = [];
  for (const s of runs.filter((r) => r.server === 'sandbox')) {
    for (const peer of PEER_KINDS) {
      const p = runs.find((r) => r.server === peer && r.case === s.case && r.connections === s.connections);
      if (!p) continue;
      const throughput = p.reqPerSec > 0 ? round2(s.reqPerSec / p.reqPerSec) : Number.POSITIVE_INFINITY;
      const p99 = p.p99Ms > 0 ? round2(s.p99Ms / p.p99Ms) : Number.POSITIVE_INFINITY;
      const misses: string[] = [];
      // Issue 7's targets are against Prism as the project uses it; the fastest peers are measured, not judged.
      if (peer === 'prism' && throughput < 3) misses.push(`throughput ${throughput}× < 3×`);
      if (peer === 'prism' && s.connections >= 50 && p99 > 0.25) misses.push(`p99 ${p99}× > 0.25×`);
      out.push({ case: s.case, connections: s.connections, peer, throughput, p99, misses });
    }
  }
  return out;
}

/** The process of a peer that serves integrator.io (the start-up probe's spec), by its servers-table label. */
export function peerOfLabel(label: string): PeerKind | undefined {
  if (label === 'wiremock-nojournal') return 'wiremock-nojournal';
  if (label === 'node-http') return 'node-http';
  if (label.startsWith('prism-silent:')) return 'prism-silent';
  if (label.startsWith('prism:')) return 'prism';
  return undefined;
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
  const peers = PEER_KINDS.flatMap((peer) => {
    const mine = servers.filter((s) => peerOfLabel(s.label) === peer);
    const p = mine.find((s) => s.label.endsWith(':integrator') || s.label === peer) ?? mine[0];
    return p ? [{ peer, label: p.label, ms: Math.round(p.startupMs), ratio: round2(sandbox.startupMs / p.startupMs) }] : [];
  });
  return {
    sandboxMs: Math.round(sandbox.startupMs),
    prismMs: prism ? Math.round(prism.startupMs) : null,
    ratio,
    peers,
    misses: ratio !== null && ratio > 1 / 3 ? [`start-up ${ratio}× > 0.33×`] : [],
  };
}
