import type { BenchCase } from '../cases.js';
import { caseMemoryOf } from '../compute/case-memory.js';
import { log } from '../log.js';
import type { Options } from '../options.js';
import type { CaseMemory, RunFigures, ServerKind } from '../types.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOAD_GENERATOR } from '../types.js';
import { cpuMeter, QUIET_STEP_MS, untilQuiet } from './cpu.js';
import { everyProcess, requestOf, serversFor, sessionsFor, type Fleet } from './fleet.js';
import { runLoad, type LoadOptions, type LoadResult } from './load.js';
import { runWrk } from './wrk.js';
import { CaseWindows } from './memory-windows.js';
import { resetSandbox } from './probe.js';

/**
 * The per-case run: per case, a warm-up per server, then each connection count on each server in turn; and each
 * process's peak RSS over the case (its high-water mark reset before the case's first run on it).
 */
export async function measureCases(options: Options, kinds: ServerKind[], fleet: Fleet): Promise<{ runs: RunFigures[]; perCase: CaseMemory[] }> {
  // wrk's Lua scripts, one per run, in a temp dir of their own (never in the tree).
  const scriptDir = options.loadgen === 'wrk' ? mkdtempSync(path.join(tmpdir(), 'bench-wrk-')) : undefined;
  try {
    return await measureEach(options, kinds, fleet, load(options, scriptDir));
  } finally {
    if (scriptDir) rmSync(scriptDir, { recursive: true, force: true });
  }
}

type Load = (o: LoadOptions) => Promise<LoadResult>;

/** The run's load generator: wrk on the load generator's core, or autocannon in this process (pinned there with it). */
function load(options: Options, scriptDir: string | undefined): Load {
  return scriptDir ? (o) => runWrk({ ...o, scriptDir, cpu: options.pin?.loadgen }) : runLoad;
}

/**
 * [INF] A JVM compiles its hot code later than V8 does: WireMock's first warm-up (its first case) is 3× as long,
 * so its first case is not measured while the JIT is still at work.
 */
const JVM_FIRST_WARMUP_FACTOR = 3;

async function measureEach(options: Options, kinds: ServerKind[], fleet: Fleet, load: Load): Promise<{ runs: RunFigures[]; perCase: CaseMemory[] }> {
  const runs: RunFigures[] = [];
  let jvmWarmed = false;
  const perCase: CaseMemory[] = [];
  let slot = 0;
  for (const c of options.cases) {
    const warmed = new Set<ServerKind>();
    const windows = new Map<ServerKind, CaseWindows>();
    const peaks: ReturnType<CaseWindows['finish']> = [];
    for (const [n, connections] of options.connections.entries()) {
      // Rotate which server goes first, so none always runs on a machine another just heated.
      const shift = slot++ % kinds.length;
      const order = [...kinds.slice(shift), ...kinds.slice(0, shift)];
      for (const [i, kind] of order.entries()) {
        const servers = serversFor(fleet, c, kind);
        // Before the case's first run on these processes, its warm-up included: the case's peak is its own.
        if (!windows.has(kind)) windows.set(kind, new CaseWindows(kind, servers));
        if (!warmed.has(kind) && options.warmupS > 0) {
          const factor = kind === 'wiremock-nojournal' && !jvmWarmed ? JVM_FIRST_WARMUP_FACTOR : 1;
          await load({ ...loadFor(c, kind, fleet, options), connections: options.connections[0], durationS: options.warmupS * factor });
          warmed.add(kind);
          if (kind === 'wiremock-nojournal') jvmWarmed = true;
        }
        runs.push(await measuredRun(c, kind, connections, i + 1, fleet, options, windows.get(kind)!, load));
        // The case's last run on these processes: their peak over the case.
        if (n === options.connections.length - 1) peaks.push(...windows.get(kind)!.finish());
      }
    }
    perCase.push(caseMemoryOf(c, peaks, runs, options.keepState));
  }
  return { runs, perCase };
}

/** What one kind of server is sent for a case, whatever the connection count. */
function loadFor(c: BenchCase, kind: ServerKind, fleet: Fleet, options: Options): Omit<LoadOptions, 'connections' | 'durationS'> {
  const urls = serversFor(fleet, c, kind).map((s) => s.url);
  return {
    url: urls.length === 1 ? urls[0] : urls,
    steps: [{ name: c.name, request: requestOf(c, kind), expectedStatus: c.expectedStatus }],
    sessions: sessionsFor(kind, options.sessions),
  };
}

/** One measured run: from the fixture, with the other servers quiet, its CPU metered. */
async function measuredRun(c: BenchCase, kind: ServerKind, connections: number, order: number, fleet: Fleet, options: Options, windows: CaseWindows, load: Load): Promise<RunFigures> {
  const servers = serversFor(fleet, c, kind);
  // One reset on one replica resets the store they share.
  if ((kind === 'sandbox' || kind === 'replicas') && !options.keepState) await resetSandbox(servers[0].url);
  // Every server process of the run (Redis aside), to let the others settle before a measured run.
  const everyServer = everyProcess(fleet).filter((s) => s !== fleet.redis);
  const settledMs = await untilQuiet(everyServer.filter((s) => !servers.includes(s)));
  windows.beforeMeasured();
  const label = servers.map((s) => s.label).join('+');
  if (settledMs > 2 * QUIET_STEP_MS) log(`waited ${settledMs} ms for the other servers to go quiet`);
  log(`${c.name} @${connections} on ${label} for ${options.durationS} s…`);
  const cpu = cpuMeter([...servers, ...(kind === 'replicas' && fleet.redis ? [fleet.redis] : [])]);
  const result = await load({ ...loadFor(c, kind, fleet, options), connections, durationS: options.durationS });
  const cpuPct = cpu.stop(result.durationS);
  // wrk is a process of its own: its CPU, not this process's (which only drained Prism's logs meanwhile).
  if (result.loadgenCpuS !== undefined) cpuPct[LOAD_GENERATOR] = Math.round((result.loadgenCpuS / result.durationS) * 1000) / 10;
  const { perUrl, loadgenCpuS: _cpu, ...figures } = result;
  const perReplica = perUrl ? Object.fromEntries(servers.map((s) => [s.label, perUrl[s.url] ?? 0])) : undefined;
  return { case: c.name, server: kind, process: label, order, ...figures, ...(perReplica ? { perReplica } : {}), cpuPct };
}
