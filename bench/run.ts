/**
 * `npm run bench`: the sandbox and Stoplight Prism on the same specs, driven by autocannon with the same requests,
 * in one run. Prints the tables and writes the figures (bench/README.md says how to read them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fromRoot } from '../src/engine/spec-loader.js';
import { requestFor, selectCases, startupProbe, type ApiName, type BenchCase } from './cases.js';
import { runLoad } from './load.js';
import { formatReport, memoryOf, ratiosOf, startupOf, type Results, type RunFigures, type ServerFigures, type ServerKind } from './report.js';
import { ChildTracker, httpRequest, startPrismServer, startSandbox, type RunningServer } from './servers.js';

interface Options {
  durationS: number;
  warmupS: number;
  connections: number[];
  cases: BenchCase[];
  sessions: number;
  out: string;
  quick: boolean;
  keepState: boolean;
}

const USAGE = `usage: tsx bench/run.ts [--duration <s>] [--warmup <s>] [--connections 10,50] [--cases a,b] [--sessions <n>] [--keep-state] [--out <file>] [--quick]`;

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
  const connections = (values.connections ?? (quick ? '10' : '10,50')).split(',').map((c) => num('connections', c.trim(), 10, 1, 1000));
  return {
    durationS: num('duration', values.duration, quick ? 1 : 10, 1, 600),
    warmupS: num('warmup', values.warmup, quick ? 0.5 : 2, 0, 60),
    connections,
    cases: selectCases(values.cases?.split(',').map((c) => c.trim()).filter(Boolean)),
    sessions: Math.floor(num('sessions', values.sessions, 0, 0, 100_000)),
    out: path.resolve(values.out ?? fromRoot('bench/results.json')),
    quick,
    keepState: values['keep-state'] ?? false,
  };
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function bench(options: Options, tracker: ChildTracker): Promise<Results> {
  const loadavgStart = os.loadavg();
  const apis = [...new Set(options.cases.map((c) => c.api))] as ApiName[];
  const probe = startupProbe('integrator');

  // Start-ups one at a time, nothing else running, so each is measured alone.
  log('starting the sandbox (4 specs)…');
  const sandbox = await startSandbox(tracker, { ...probe, path: `/integrator${probe.path}` }, 200);
  log(`sandbox: first 200 after ${Math.round(sandbox.startupMs)} ms`);
  const prisms = new Map<ApiName, RunningServer>();
  for (const api of apis) {
    log(`starting Prism on specs/${api}.yaml…`);
    const prism = await startPrismServer(tracker, api, startupProbe(api), 200);
    prisms.set(api, prism);
    log(`prism:${api}: first 200 after ${Math.round(prism.startupMs)} ms ("listening" after ${Math.round(prism.listeningMs ?? 0)} ms)`);
  }
  const serverFor = (c: BenchCase, kind: ServerKind) => (kind === 'sandbox' ? sandbox : prisms.get(c.api)!);
  const sessionsFor = (kind: ServerKind) => (kind === 'sandbox' && options.sessions > 0 ? options.sessions : undefined);

  // One request of each case on each server first: a wrong answer here would make every figure meaningless.
  for (const c of options.cases) {
    for (const kind of ['sandbox', 'prism'] as const) {
      const res = await httpRequest(serverFor(c, kind).url, requestFor(c, kind));
      if (res.status !== c.expectedStatus) throw new Error(`${c.name} on ${kind}: expected ${c.expectedStatus}, got ${res.status} ${res.body.slice(0, 500)}`);
    }
  }

  const runs: RunFigures[] = [];
  let slot = 0;
  for (const c of options.cases) {
    const warmed = new Set<ServerKind>();
    for (const connections of options.connections) {
      // Alternate which server goes first, so neither always runs on a machine the other just heated.
      const order: ServerKind[] = slot++ % 2 === 0 ? ['sandbox', 'prism'] : ['prism', 'sandbox'];
      for (const [i, kind] of order.entries()) {
        const server = serverFor(c, kind);
        const load = { url: server.url, request: requestFor(c, kind), expectedStatus: c.expectedStatus, sessions: sessionsFor(kind) };
        if (!warmed.has(kind) && options.warmupS > 0) {
          await runLoad({ ...load, connections: options.connections[0], durationS: options.warmupS });
          warmed.add(kind);
        }
        if (kind === 'sandbox' && !options.keepState) await resetSandbox(server.url);
        log(`${c.name} @${connections} on ${server.label} for ${options.durationS} s…`);
        const result = await runLoad({ ...load, connections, durationS: options.durationS });
        runs.push({ case: c.name, server: kind, process: server.label, order: (i + 1) as 1 | 2, ...result });
      }
    }
  }

  const all = [sandbox, ...prisms.values()];
  await Promise.all(all.map((s) => s.stop()));
  const servers: ServerFigures[] = all.map((s) => ({
    label: s.label,
    specs: s.label === 'sandbox' ? ['cloud66', 'centurylink', 'integrator', 'oem'] : [s.label.slice('prism:'.length)],
    startupMs: Math.round(s.startupMs),
    listeningMs: s.listeningMs === undefined ? undefined : Math.round(s.listeningMs),
    rss: s.rss.result(),
  }));

  const notes = [
    'start-up is spawn → first 200 on a real request, polled every 10 ms: the sandbox (all four specs) and Prism on integrator.yaml answer GET /v1/integrations/{_id}',
    ...options.cases.flatMap((c) => (c.prismOnly ? [`${c.name}: ${c.prismOnly.note}`] : [])),
    options.sessions > 0 ? `the sandbox's load is spread round-robin over ${options.sessions} X-Mock-Session values (bench-0…); Prism has no sessions` : "the sandbox's load all goes to its default session (no X-Mock-Session)",
    options.keepState
      ? 'the sandbox keeps its state from run to run (--keep-state): a create run leaves its integrations for the next'
      : 'the sandbox is reset to its fixture (POST /__sandbox/reset) before each measured run; state still grows within a run',
    'each Prism process serves one spec; the sandbox serves all four in one process',
  ];
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
    options: { durationS: options.durationS, warmupS: options.warmupS, connections: options.connections, cases: options.cases.map((c) => c.name), sessions: options.sessions, quick: options.quick, keepState: options.keepState },
    notes,
    servers,
    runs,
    ratios: ratiosOf(runs),
    startup: startupOf(servers),
    memory: memoryOf(servers),
  };
}

/**
 * Every sandbox session back to the fixture, so each run starts from the same state whatever ran before it
 * (a create case grows the session's integrations by thousands).
 */
async function resetSandbox(url: string): Promise<void> {
  const res = await httpRequest(url, { method: 'POST', path: '/__sandbox/reset', headers: {} }, 10_000);
  if (res.status !== 200) throw new Error(`POST /__sandbox/reset answered ${res.status} ${res.body.slice(0, 300)}`);
}

/** The most the whole run may take: twice the planned load time, plus start-ups. */
function timeLimitMs(o: Options): number {
  const plannedS = o.cases.length * 2 * (o.connections.length * o.durationS + o.warmupS);
  return (plannedS * 2 + 180) * 1000;
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
