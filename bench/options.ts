/** The command line: flags, their defaults per mode, and what a run may take. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fromRoot } from '../src/engine/paths.js';
import { selectCases, type BenchCase } from './cases.js';
import type { ServerKind } from './types.js';

export interface Options {
  durationS: number;
  warmupS: number;
  connections: number[];
  cases: BenchCase[];
  sessions: number;
  out: string;
  quick: boolean;
  keepState: boolean;
  /** `redis`: the replica mode. */
  store: 'memory' | 'redis';
  /** Sandbox replicas sharing Redis (0 in the classic mode). */
  replicas: number;
  /** Whether Prism runs: always in the classic mode, with `--with-prism` in the replica mode, unless `--no-prism` in the soak. */
  withPrism: boolean;
  /** `--soak <s>`: each server alone for that long under a mix of the cases; null: the per-case run. */
  soakS: number | null;
}

const USAGE = `usage: tsx bench/run.ts [--duration <s>] [--warmup <s>] [--connections 10,50] [--cases a,b] [--sessions <n>] [--keep-state] [--out <file>] [--quick]
                       [--replicas <n> --store redis [--with-prism]]
                       [--soak <s> [--no-prism]]   (with --connections <n>, --cases, --sessions, --quick, --out)`;

/** Sessions the replica mode and the soak spread their load over unless told otherwise (issues 9 and 7: "over 1,000 sessions"). */
const REPLICA_MODE_SESSIONS = 1000;
/** Below this, a soak has no reading after its warm baseline (at 5 s at the earliest). */
const MIN_SOAK_S = 6;

const FLAGS = {
  duration: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  cases: { type: 'string' },
  sessions: { type: 'string' },
  out: { type: 'string' },
  quick: { type: 'boolean', default: false },
  'keep-state': { type: 'boolean', default: false },
  replicas: { type: 'string' },
  store: { type: 'string' },
  'with-prism': { type: 'boolean', default: false },
  soak: { type: 'string' },
  'no-prism': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

function num(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}, not "${raw}"`);
  return n;
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv, options: FLAGS });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const soakS = values.soak === undefined ? null : Math.floor(num('soak', values.soak, 60, MIN_SOAK_S, 3600));
  // A soak runs at one connection count: the first given, 10 by default.
  const connections = (values.connections ?? (quick || soakS !== null ? '10' : '10,50'))
    .split(',')
    .map((c) => num('connections', c.trim(), 10, 1, 1000))
    .slice(0, soakS !== null ? 1 : undefined);
  const store = values.store ?? 'memory';
  if (soakS !== null && store !== 'memory') throw new Error('--soak runs one in-memory sandbox: leave out --store/--replicas');
  if (soakS === null && values['no-prism']) throw new Error('--no-prism is for --soak (the per-case run compares with Prism)');
  if (store !== 'memory' && store !== 'redis') throw new Error(`--store is memory or redis, not "${store}" (the bench starts its own redis-server)`);
  const replicas = Math.floor(num('replicas', values.replicas, store === 'redis' ? 2 : 1, 1, 16));
  if (store === 'memory' && replicas > 1) throw new Error('in-memory replicas would each keep their own sessions: add --store redis to share them');
  return {
    durationS: num('duration', values.duration, quick ? 1 : 10, 1, 600),
    warmupS: num('warmup', values.warmup, quick ? 0.5 : 2, 0, 60),
    connections,
    cases: selectCases(values.cases?.split(',').map((c) => c.trim()).filter(Boolean), { soak: soakS !== null }),
    sessions: Math.floor(num('sessions', values.sessions, store === 'redis' || soakS !== null ? REPLICA_MODE_SESSIONS : 0, 0, 100_000)),
    out: path.resolve(values.out ?? fromRoot('bench/results.json')),
    quick,
    keepState: values['keep-state'] ?? false,
    store,
    replicas: store === 'redis' ? replicas : 0,
    withPrism: soakS !== null ? !(values['no-prism'] ?? false) : store === 'memory' || (values['with-prism'] ?? false),
    soakS,
  };
}

/** What each case is measured on, in the order of the first connection count (later ones rotate it). */
export function kindsOf(o: Options): ServerKind[] {
  const prism = o.withPrism ? (['prism'] as const) : [];
  return o.store === 'redis' ? ['sandbox', 'replicas', ...prism] : ['sandbox', ...prism];
}

/**
 * The most the whole run may take: twice the planned load time (a soak: its length per server, Prism's processes
 * all at once), plus start-ups (a minute per extra process).
 */
export function timeLimitMs(o: Options): number {
  const plannedS =
    o.soakS !== null ? o.soakS * kindsOf(o).length : o.cases.length * kindsOf(o).length * (o.connections.length * o.durationS + o.warmupS);
  const extraProcesses = o.store === 'redis' ? o.replicas + 1 : 0;
  return (plannedS * 2 + 180 + 60 * extraProcesses) * 1000;
}
