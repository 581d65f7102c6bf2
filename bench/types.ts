/**
 * The benchmark's figures as bench/results.json holds them: what the measuring produces, the computing derives and
 * the report prints.
 */
import type { LoadResult, StepCounts } from './measure/load.js';
import type { RssSummary } from './measure/rss-sampler.js';

/** The key of the load generator in a run's `cpuPct` (wrk's process, or this one running autocannon), beside the serving processes. */
export const LOAD_GENERATOR = 'load generator';

/**
 * What the sandbox is measured against (`--peers`): Prism as the project uses it (request logs on), Prism with
 * `-v silent`, WireMock standalone with `--no-request-journal` (the fastest configurations in shared/bench/peers.sh),
 * and `node-http`: a bare `node:http` server doing only what each case needs, the floor a Node.js mock can reach.
 */
export const PEER_KINDS = ['prism', 'prism-silent', 'wiremock-nojournal', 'node-http'] as const;
export type PeerKind = (typeof PEER_KINDS)[number];

/** `sandbox`: one process, sessions in memory. `replicas`: N processes sharing Redis, driven as one. */
export type ServerKind = 'sandbox' | 'replicas' | PeerKind;

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
   * (Redis included for replicas) and for the load generator (`load generator`: wrk's process, or the bench
   * process running autocannon). Null off Linux.
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
  /** The server the sandbox is compared with; issue 7's targets are `prism`'s only (the others have none). */
  peer: PeerKind;
  /** sandbox req/s ÷ the peer's req/s: higher is better (target against Prism ≥ 3). */
  throughput: number;
  /** sandbox p99 ÷ the peer's p99: lower is better (target against Prism ≤ 0.25 at 50 connections). */
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
  /** The sandbox's peak ÷ each other peer's serving process's peak (no target). */
  peers?: { server: PeerKind; label: string; peakKb: number | null; ratio: number | null }[];
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
    peers: PeerKind[];
    loadgen: 'wrk' | 'autocannon';
    /** The cores servers and load generator were pinned to (`taskset`); null: not pinned. */
    pin: { server: number; loadgen: number } | null;
  };
  notes: string[];
  servers: ServerFigures[];
  runs: RunFigures[];
  /** sandbox ÷ each peer, per case and connection count; empty when no peer ran. */
  ratios: Ratio[];
  /** replicas on Redis ÷ the single in-memory sandbox; empty in the classic run. */
  sharing: SharingRatio[];
  startup: {
    sandboxMs: number;
    prismMs: number | null;
    ratio: number | null;
    /** Every peer's start-up on the integrator.io spec (its process serving it) and sandbox ÷ it. */
    peers: { peer: PeerKind; label: string; ms: number; ratio: number }[];
    misses: string[];
  };
  /**
   * The whole-run peaks (VmHWM over each process's life; for Prism its CLI process), and the peaks per case, which the
   * target is checked on.
   */
  memory: { sandboxPeakMb: number | null; prismPeakMb: Record<string, number | null>; perCase: CaseMemory[]; misses: string[] };
  /** `--soak`: each server alone under a mix of the cases; absent otherwise. */
  soak?: SoakResults;
}
