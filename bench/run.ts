/**
 * `npm run bench`: the sandbox and Stoplight Prism on the same specs, driven by autocannon with the same requests,
 * in one run. With `--replicas N --store redis`: N sandbox replicas sharing one Redis (started for the run) beside
 * one in-memory sandbox, Prism only with `--with-prism`. With `--soak <s>`: each server alone for that long under a
 * mix of the cases, its memory read once a second. Prints the tables and writes the figures (bench/README.md says
 * how to read them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fromRoot } from '../src/engine/spec-loader.js';
import { requestFor, selectCases, startupProbe, type ApiName, type BenchCase } from './cases.js';
import { runLoad } from './load.js';
import { CaseWindows, caseMemoryOf } from './memory.js';
import {
  formatReport,
  LOAD_GENERATOR,
  memoryOf,
  ratiosOf,
  sharingOf,
  startupOf,
  type CaseMemory,
  type Results,
  type RunFigures,
  type ServerFigures,
  type ServerKind,
  type SoakResults,
} from './report.js';
import { ChildTracker, cpuSeconds, httpRequest, resetSandbox, startPrismServer, startRedis, startSandbox, type RunningServer } from './servers.js';
import { runSoak, soakNotes } from './soak.js';

interface Options {
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

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
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
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const num = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}, not "${raw}"`);
    return n;
  };
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
function kindsOf(o: Options): ServerKind[] {
  const prism = o.withPrism ? (['prism'] as const) : [];
  return o.store === 'redis' ? ['sandbox', 'replicas', ...prism] : ['sandbox', ...prism];
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function bench(options: Options, tracker: ChildTracker): Promise<Results> {
  const loadavgStart = os.loadavg();
  const apis = [...new Set(options.cases.map((c) => c.api))] as ApiName[];
  const probe = startupProbe('integrator');
  const sandboxProbe = { ...probe, path: `/integrator${probe.path}` };
  const kinds = kindsOf(options);

  // Start-ups one at a time, nothing else running, so each is measured alone.
  log(`starting the sandbox (4 specs${options.store === 'redis' ? ', sessions in memory' : ''})…`);
  const sandbox = await startSandbox(tracker, sandboxProbe, 200, { store: 'memory' });
  log(`sandbox: first 200 after ${Math.round(sandbox.startupMs)} ms`);
  let redis: RunningServer | undefined;
  const replicas: RunningServer[] = [];
  if (options.store === 'redis') {
    log('starting redis-server (no persistence, own temp dir)…');
    redis = await startRedis(tracker);
    log(`redis: PONG after ${Math.round(redis.startupMs)} ms on ${redis.url}`);
    for (let i = 1; i <= options.replicas; i++) {
      log(`starting replica-${i} (--store ${redis.url})…`);
      const replica = await startSandbox(tracker, sandboxProbe, 200, { label: `replica-${i}`, store: redis.url });
      replicas.push(replica);
      log(`replica-${i}: first 200 after ${Math.round(replica.startupMs)} ms`);
    }
  }
  const prisms = new Map<ApiName, RunningServer>();
  for (const api of options.withPrism ? apis : []) {
    log(`starting Prism on specs/${api}.yaml…`);
    const prism = await startPrismServer(tracker, api, startupProbe(api), 200);
    prisms.set(api, prism);
    log(`prism:${api}: first 200 after ${Math.round(prism.startupMs)} ms ("listening" after ${Math.round(prism.listeningMs ?? 0)} ms)`);
  }
  /** The processes one kind of server is for a case: one, or every replica. */
  const serversFor = (c: BenchCase, kind: ServerKind): RunningServer[] => (kind === 'sandbox' ? [sandbox] : kind === 'replicas' ? replicas : [prisms.get(c.api)!]);
  const sessionsFor = (kind: ServerKind) => (kind !== 'prism' && options.sessions > 0 ? options.sessions : undefined);
  const requestOf = (c: BenchCase, kind: ServerKind) => requestFor(c, kind === 'prism' ? 'prism' : 'sandbox');

  // One request of each case on each server first: a wrong answer here would make every figure meaningless.
  for (const c of options.cases) {
    for (const kind of kinds) {
      for (const server of serversFor(c, kind)) {
        const res = await httpRequest(server.url, requestOf(c, kind));
        if (res.status !== c.expectedStatus) throw new Error(`${c.name} on ${server.label}: expected ${c.expectedStatus}, got ${res.status} ${res.body.slice(0, 500)}`);
      }
    }
  }
  // And the replicas must really share: what one creates, every other one reads.
  if (replicas.length > 1) await checkSharing(replicas);

  let runs: RunFigures[] = [];
  let perCase: CaseMemory[] = [];
  let soak: SoakResults | undefined;
  if (options.soakS !== null) {
    const soakOptions = { durationS: options.soakS, connections: options.connections[0], sessions: options.sessions, cases: options.cases, keepState: options.keepState };
    soak = await runSoak(soakOptions, sandbox, prisms, log);
  } else {
    const everyServer = [sandbox, ...replicas, ...prisms.values()];
    ({ runs, perCase } = await measureCases(options, kinds, { serversFor, sessionsFor, requestOf, redis, everyServer }));
  }

  // Redis last: the replicas use it until they stop.
  const all = [sandbox, ...(redis ? [redis] : []), ...replicas, ...prisms.values()];
  await Promise.all(all.filter((s) => s !== redis).map((s) => s.stop()));
  await redis?.stop();
  const fourApis = ['cloud66', 'centurylink', 'integrator', 'oem'];
  const servers: ServerFigures[] = all.map((s) => ({
    label: s.label,
    specs: s.label === 'redis' ? [] : s.label.startsWith('prism:') ? [s.label.slice('prism:'.length)] : fourApis,
    ...(s.store ? { store: s.store === 'memory' ? ('memory' as const) : ('redis' as const) } : {}),
    startupMs: Math.round(s.startupMs),
    listeningMs: s.listeningMs === undefined ? undefined : Math.round(s.listeningMs),
    rss: s.rss.result(),
  }));

  const notes = soak ? soakNotes(soak, options.cases, options.withPrism) : caseNotes(options, perCase);
  const cpus = os.cpus();
  return {
    machine: {
      platform: os.platform(),
      release: os.release(),
      arch: os.arch(),
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      totalMemMb: Math.round(os.totalmem() / 2 ** 20),
      loadavgStart,
      loadavgEnd: os.loadavg(),
    },
    node: process.version,
    date: new Date().toISOString(),
    options: {
      durationS: options.durationS,
      warmupS: options.warmupS,
      connections: options.connections,
      cases: options.cases.map((c) => c.name),
      sessions: options.sessions,
      quick: options.quick,
      keepState: options.keepState,
      replicas: options.replicas,
      store: options.store,
      withPrism: options.withPrism,
      soakS: options.soakS,
    },
    notes,
    servers,
    runs,
    ratios: ratiosOf(runs),
    sharing: sharingOf(runs, options.replicas),
    startup: startupOf(servers),
    memory: memoryOf(servers, perCase),
    ...(soak ? { soak } : {}),
  };
}

interface CaseContext {
  /** The processes one kind of server is for a case: one, or every replica. */
  serversFor(c: BenchCase, kind: ServerKind): RunningServer[];
  sessionsFor(kind: ServerKind): number | undefined;
  requestOf(c: BenchCase, kind: ServerKind): ReturnType<typeof requestFor>;
  redis: RunningServer | undefined;
  /** Every server process of the run (Redis aside), to let the others settle before a measured run. */
  everyServer: RunningServer[];
}

/**
 * The per-case run: per case, a warm-up per server, then each connection count on each server in turn; and each
 * process's peak RSS over the case (its high-water mark reset before the case's first run on it).
 */
async function measureCases(options: Options, kinds: ServerKind[], ctx: CaseContext): Promise<{ runs: RunFigures[]; perCase: CaseMemory[] }> {
  const runs: RunFigures[] = [];
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
        const servers = ctx.serversFor(c, kind);
        const urls = servers.map((s) => s.url);
        const load = { url: urls.length === 1 ? urls[0] : urls, steps: [{ name: c.name, request: ctx.requestOf(c, kind), expectedStatus: c.expectedStatus }], sessions: ctx.sessionsFor(kind) };
        // Before the case's first run on these processes, its warm-up included: the case's peak is its own.
        if (!windows.has(kind)) windows.set(kind, new CaseWindows(kind, servers));
        if (!warmed.has(kind) && options.warmupS > 0) {
          await runLoad({ ...load, connections: options.connections[0], durationS: options.warmupS });
          warmed.add(kind);
        }
        // One reset on one replica resets the store they share.
        if (kind !== 'prism' && !options.keepState) await resetSandbox(servers[0].url);
        const settledMs = await untilQuiet(ctx.everyServer.filter((s) => !servers.includes(s)));
        windows.get(kind)!.beforeMeasured();
        const label = servers.map((s) => s.label).join('+');
        if (settledMs > 2 * QUIET_STEP_MS) log(`waited ${settledMs} ms for the other servers to go quiet`);
        log(`${c.name} @${connections} on ${label} for ${options.durationS} s…`);
        const cpu = cpuMeter([...servers, ...(kind === 'replicas' && ctx.redis ? [ctx.redis] : [])]);
        const result = await runLoad({ ...load, connections, durationS: options.durationS });
        const cpuPct = cpu.stop(result.durationS);
        const { perUrl, ...figures } = result;
        const perReplica = perUrl ? Object.fromEntries(servers.map((s) => [s.label, perUrl[s.url] ?? 0])) : undefined;
        runs.push({ case: c.name, server: kind, process: label, order: i + 1, ...figures, ...(perReplica ? { perReplica } : {}), cpuPct });
        // The case's last run on these processes: their peak over the case.
        if (n === options.connections.length - 1) peaks.push(...windows.get(kind)!.finish());
      }
    }
    perCase.push(caseMemoryOf(c, peaks, runs, options.keepState));
  }
  return { runs, perCase };
}

const QUIET_STEP_MS = 250;
const QUIET_LIMIT_MS = 15_000;
/** Below this share of one core (over a step), a process counts as idle. */
const QUIET_CPU_SHARE = 0.05;

/**
 * Waits (at most 15 s) until none of `others` uses more than 5 % of a core: each server is measured alone. Prism's
 * CLI process goes on printing its worker's request logs for seconds after a run ends, on the same two cores (and
 * possibly the same physical core) as the next server measured. Returns how long it waited.
 */
async function untilQuiet(others: RunningServer[]): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < QUIET_LIMIT_MS) {
    const before = others.map((s) => cpuSeconds(s.pid) ?? 0);
    await new Promise((resolve) => setTimeout(resolve, QUIET_STEP_MS));
    const busiest = Math.max(0, ...others.map((s, i) => (cpuSeconds(s.pid) ?? 0) - before[i]));
    if (busiest / (QUIET_STEP_MS / 1000) < QUIET_CPU_SHARE) break;
  }
  return Date.now() - started;
}

/** What the per-case run's figures mean (the classic run and the replica mode). */
function caseNotes(options: Options, perCase: CaseMemory[]): string[] {
  const who = options.store === 'redis' ? 'the single sandbox\'s and the replicas\'' : "the sandbox's";
  const peaks = perCase.flatMap((c) => c.processes);
  return [
    ...(options.store === 'redis'
      ? [
          `${options.replicas} replica${options.replicas === 1 ? '' : 's'} (serve --store redis://127.0.0.1:<port>/0) share one redis-server started for this run (no persistence); the single sandbox keeps its sessions in memory; both run the same cases over the same sessions`,
          `one autocannon instance drives the replicas: connection i talks to replica i mod ${options.replicas} (${options.connections.map((n) => `${n} → ${splitOf(n, options.replicas)}`).join('; ')}); the session rotates per request, not per connection, so every session is served by every replica (no affinity)`,
          'server CPU % is each serving process (replicas, then Redis) over the run, 100 = one core; load gen CPU % is the bench process (autocannon)',
        ]
      : ['start-up is spawn → first 200 on a real request, polled every 10 ms: the sandbox (all four specs) and Prism on integrator.yaml answer GET /v1/integrations/{_id}']),
    ...(options.withPrism ? options.cases.flatMap((c) => (c.prismOnly ? [`${c.name}: ${c.prismOnly.note}`] : [])) : []),
    options.sessions > 0
      ? `${who} load is spread round-robin over ${options.sessions} X-Mock-Session values (bench-0…)${options.withPrism ? '; Prism has no sessions' : ''}`
      : `${who} load all goes to the default session (no X-Mock-Session)`,
    options.keepState
      ? 'the sandbox keeps its state from run to run (--keep-state): a create run leaves its integrations for the next'
      : `the sandbox is reset to its fixture (POST /__sandbox/reset${options.store === 'redis' ? ', on replica-1 for the shared store' : ''}) before each measured run; state still grows within a run`,
    ...(options.withPrism ? ['each Prism process serves one spec; the sandbox serves all four in one process'] : []),
    'before each measured run, the bench waits (at most 15 s) until every other server process uses under 5 % of a core: Prism\'s CLI goes on printing its worker\'s request logs for seconds after its run',
    `peak RSS per case: each process's high-water mark (VmHWM) is reset (/proc/<pid>/clear_refs) before the case's first run on it, warm-up included, and read after its last run of the case${
      options.withPrism ? '; the sandbox (one process, four APIs) is compared with the Prism process that served the case' : ''
    }${options.store === 'redis' ? '; Redis is not measured per case (it holds the replicas\' sessions throughout)' : ''}`,
    ...(options.withPrism
      ? [
          "Prism runs with NODE_ENV=production (startPrism), so its CLI process forks one worker that answers HTTP: per case, Prism's figure is that worker's, its CLI parent (it prints the worker's logs) is listed beside it; in the servers table, prism:<api> is the CLI process alone, as before",
        ]
      : []),
    ...(peaks.some((p) => !p.exact)
      ? [`the kernel refused to reset the high-water mark for ${[...new Set(peaks.filter((p) => !p.exact).map((p) => p.label))].join(', ')}: per case, their peak is the highest VmRSS sampled every 250 ms (marked *)`]
      : []),
    'per case, a process\'s peak includes what earlier cases left: V8 keeps the heap it grew, so RSS seldom falls back between cases (the `at case start` column shows it; cases run in the order given)',
    ...perCase.flatMap((c) =>
      c.perDocument
        ? [
            `${c.case}: growth per document = ${c.perDocument.definition}; it reads low (the warm-up's documents, freed by the reset, left their heap in the baseline); the same from the case's start, before the warm-up, reads high (JIT and the request path's own growth count too): the two bracket the cost${
              options.sessions > 0 ? `; with ${options.sessions} sessions, their own state (re-created after each reset) counts as well` : ''
            }`,
          ]
        : [],
    ),
  ];
}

/** `5 each`, or `4 or 3` when the connections do not divide evenly. */
function splitOf(connections: number, replicas: number): string {
  const low = Math.floor(connections / replicas);
  return connections % replicas === 0 ? `${low} each` : `${low + 1} or ${low}`;
}

/**
 * An integration created on the first replica (in a session of its own) must be readable on every other one, or
 * the replicas are not sharing a store and the comparison would mean nothing. The session is reset afterwards.
 */
async function checkSharing(replicas: RunningServer[]): Promise<void> {
  const session = { 'x-mock-session': 'bench-sharing-check' };
  const auth = { authorization: 'Bearer integrator-sandbox-token' };
  const body = JSON.stringify({ name: 'bench sharing check' });
  const created = await httpRequest(replicas[0].url, { method: 'POST', path: '/integrator/v1/integrations', headers: { ...auth, ...session, 'content-type': 'application/json' }, body });
  if (created.status !== 201) throw new Error(`sharing check: create on ${replicas[0].label} answered ${created.status} ${created.body.slice(0, 300)}`);
  const id = (JSON.parse(created.body) as { _id: string })._id;
  for (const other of replicas.slice(1)) {
    const read = await httpRequest(other.url, { method: 'GET', path: `/integrator/v1/integrations/${id}`, headers: { ...auth, ...session } });
    if (read.status !== 200) throw new Error(`sharing check: ${other.label} cannot see the integration ${replicas[0].label} created (${read.status}): are they on one store?`);
  }
  const reset = await httpRequest(replicas[0].url, { method: 'POST', path: '/__sandbox/reset?session=bench-sharing-check', headers: {} });
  if (reset.status !== 200) throw new Error(`sharing check: reset answered ${reset.status} ${reset.body.slice(0, 300)}`);
}

/** CPU time of some processes and of this one from now; `stop` gives each in % of one core over `wallS`. */
function cpuMeter(servers: RunningServer[]): { stop(wallS: number): Record<string, number | null> } {
  const before = servers.map((s) => cpuSeconds(s.pid));
  const self = process.cpuUsage();
  return {
    stop(wallS: number) {
      const pct = (used: number) => Math.round((used / wallS) * 1000) / 10;
      const out: Record<string, number | null> = {};
      servers.forEach((s, i) => {
        const now = cpuSeconds(s.pid);
        const then = before[i];
        out[s.label] = now === null || then === null ? null : pct(now - then);
      });
      const mine = process.cpuUsage(self);
      out[LOAD_GENERATOR] = pct((mine.user + mine.system) / 1e6);
      return out;
    },
  };
}

/**
 * The most the whole run may take: twice the planned load time (a soak: its length per server, Prism's processes
 * all at once), plus start-ups (a minute per extra process).
 */
function timeLimitMs(o: Options): number {
  const plannedS =
    o.soakS !== null ? o.soakS * kindsOf(o).length : o.cases.length * kindsOf(o).length * (o.connections.length * o.durationS + o.warmupS);
  const extraProcesses = o.store === 'redis' ? o.replicas + 1 : 0;
  return (plannedS * 2 + 180 + 60 * extraProcesses) * 1000;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const tracker = new ChildTracker();
  // Children die with this process however it ends.
  process.on('exit', () => tracker.killAllNow());
  const abort = (why: string, code: number) => {
    log(`${why}: stopping the servers…`);
    const hard = setTimeout(() => process.exit(code), 70_000);
    hard.unref();
    void tracker.stopAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  const limit = setTimeout(() => abort(`the run took longer than its limit of ${Math.round(timeLimitMs(options) / 1000)} s`, 1), timeLimitMs(options));
  limit.unref();
  try {
    const results = await bench(options, tracker);
    process.stdout.write(`${formatReport(results)}\n`);
    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
    log(`figures written to ${path.relative(process.cwd(), options.out) || options.out}`);
  } finally {
    clearTimeout(limit);
    await tracker.stopAll();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
  // 'exit' kills any child still running.
  setImmediate(() => process.exit(1));
});
