/** The command line: flags, their defaults per mode, and what a run may take. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fromRoot } from '../src/engine/paths.js';
import { selectCases, type BenchCase } from './cases.js';
import { cpuCount, onPath } from './measure/pin.js';
import { PEER_KINDS, type PeerKind, type ServerKind } from './types.js';

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
  /** The servers the sandbox is measured against (`prism` whenever `withPrism`). */
  peers: PeerKind[];
  /** What drives the per-case runs: wrk (a separate process, C) or autocannon (inside this process). */
  loadgen: 'wrk' | 'autocannon';
  /** `taskset` cores: every server process on `server`, the load generator on `loadgen`; null: the scheduler places them. */
  pin: { server: number; loadgen: number } | null;
}

const USAGE = `usage: tsx bench/run.ts [--duration <s>] [--warmup <s>] [--connections 10,50] [--cases a,b] [--sessions <n>] [--keep-state] [--out <file>] [--quick]
                       [--replicas <n> --store redis [--with-prism]]
                       [--peers prism,prism-silent,wiremock-nojournal,node-http] [--loadgen wrk|autocannon] [--pin | --no-pin]
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
  peers: { type: 'string' },
  loadgen: { type: 'string' },
  pin: { type: 'boolean', default: false },
  'no-pin': { type: 'boolean', default: false },
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
  const withPrism = soakS !== null ? !(values['no-prism'] ?? false) : store === 'memory' || (values['with-prism'] ?? false);
  const peers = peersOf(values.peers, { classic: soakS === null && store === 'memory', withPrism });
  return {
    durationS: num('duration', values.duration, quick ? 1 : 10, 1, 600),
    // [INF] No warm-up in --quick: it asks whether the bench works, and its figures are not for quoting.
    warmupS: num('warmup', values.warmup, quick ? 0 : 2, 0, 60),
    connections,
    cases: selectCases(values.cases?.split(',').map((c) => c.trim()).filter(Boolean), { soak: soakS !== null }),
    sessions: Math.floor(num('sessions', values.sessions, store === 'redis' || soakS !== null ? REPLICA_MODE_SESSIONS : 0, 0, 100_000)),
    out: path.resolve(values.out ?? fromRoot('bench/results.json')),
    quick,
    keepState: values['keep-state'] ?? false,
    store,
    replicas: store === 'redis' ? replicas : 0,
    withPrism: peers.includes('prism'),
    soakS,
    peers,
    loadgen: loadgenOf(values.loadgen, soakS === null && store === 'memory'),
    pin: pinOf(values, store === 'redis'),
  };
}

function peersOf(raw: string | undefined, mode: { classic: boolean; withPrism: boolean }): PeerKind[] {
  if (raw === undefined) return mode.withPrism ? ['prism'] : [];
  // [INF] The replica mode and the soak compare with Prism alone (their Prism figures are per spec process).
  if (!mode.classic) throw new Error('--peers is for the per-case run against peers; the replica mode takes --with-prism, the soak --no-prism');
  const names = raw.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(PEER_KINDS as readonly string[]).includes(n));
  if (unknown.length || !names.length) throw new Error(`--peers takes some of ${PEER_KINDS.join(', ')}, not "${raw}"`);
  // In the order of PEER_KINDS whatever the order given, so every run's tables read alike.
  return PEER_KINDS.filter((k) => names.includes(k));
}

/**
 * wrk when it is on PATH: on 2 cores, autocannon (JavaScript, in this process) costs the server far more of the
 * machine than wrk does. [INF] The replica mode and the soak keep autocannon: one instance spreads its connections
 * over the replicas, or cycles each connection through a mix of requests, which one wrk process does not.
 */
function loadgenOf(raw: string | undefined, perCase: boolean): Options['loadgen'] {
  if (raw !== undefined && raw !== 'wrk' && raw !== 'autocannon') throw new Error(`--loadgen is wrk or autocannon, not "${raw}"`);
  if (raw === 'wrk' && !perCase) throw new Error('--loadgen wrk is for the per-case run; the replica mode and the soak use autocannon');
  if (raw === 'wrk' && !onPath('wrk')) throw new Error('wrk is not on PATH (apt-get install -y wrk), or use --loadgen autocannon');
  return raw ?? (perCase && onPath('wrk') ? 'wrk' : 'autocannon');
}

/**
 * As shared/bench/peers.sh pins: servers on core 1, the load generator on core 0, so neither takes the other's core.
 * On by default with taskset and 2 cores or more; [INF] off by default in the replica mode, where N replicas and Redis
 * on one core would measure the core, not the store (`--pin` still forces it).
 */
function pinOf(values: { pin?: boolean; 'no-pin'?: boolean }, replicaMode: boolean): Options['pin'] {
  if (values.pin && values['no-pin']) throw new Error('--pin and --no-pin together');
  const possible = cpuCount() >= 2 && onPath('taskset');
  if (values.pin && !possible) throw new Error('--pin needs taskset (util-linux) and at least 2 cores');
  const on = values.pin || (!values['no-pin'] && !replicaMode && possible);
  return on ? { server: 1, loadgen: 0 } : null;
}

/** What each case is measured on, in the order of the first connection count (later ones rotate it). */
export function kindsOf(o: Options): ServerKind[] {
  return o.store === 'redis' ? ['sandbox', 'replicas', ...o.peers] : ['sandbox', ...o.peers];
}

/**
 * The most the whole run may take: twice the planned load time (a soak: its length per server, Prism's processes
 * all at once), plus start-ups (a minute per extra process).
 */
export function timeLimitMs(o: Options): number {
  const plannedS =
    o.soakS !== null ? o.soakS * kindsOf(o).length : o.cases.length * kindsOf(o).length * (o.connections.length * o.durationS + o.warmupS);
  const extraProcesses = (o.store === 'redis' ? o.replicas + 1 : 0) + (o.peers.length > 1 ? o.peers.length - 1 : 0);
  return (plannedS * 2 + 180 + 60 * extraProcesses) * 1000;
}
