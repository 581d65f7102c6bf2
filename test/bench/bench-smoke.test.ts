import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cpuCount, onPath } from '../../bench/measure/pin.js';
import type { Results } from '../../bench/types.js';
import { fromRoot } from '../../src/engine/paths.js';

const run = promisify(execFile);

/**
 * That the benchmark runs end to end and writes its figures; never how fast anything is. [INF] The four runs go at
 * once (each starts its own servers on free ports): they only have to work, and most of each is waiting for start-ups.
 * WireMock's stubs and wrk's output are checked as pure functions in bench-peers.test.ts (a JVM start would add more
 * than the rest of this file).
 */
describe.concurrent('npm run bench --quick', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('drives the sandbox and Prism (wrk when installed, pinned when taskset is) and writes results.json with both', async () => {
    const out = path.join(dir, 'results.json');
    await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--cases', 'integrator-get', '--out', out], {
      cwd: fromRoot('.'),
      timeout: 55_000,
      killSignal: 'SIGINT',
    });
    const results = JSON.parse(readFileSync(out, 'utf8')) as Results;
    expect(results.options).toMatchObject({ quick: true, cases: ['integrator-get'], connections: [10], peers: ['prism'], loadgen: onPath('wrk') ? 'wrk' : 'autocannon' });
    expect(results.options.pin !== null).toBe(onPath('taskset') && cpuCount() >= 2);
    expect(results.node).toBe(process.version);
    for (const server of ['sandbox', 'prism'] as const) {
      const runs = results.runs.filter((r) => r.server === server && r.case === 'integrator-get');
      expect(runs, server).toHaveLength(1);
      expect(runs[0].reqPerSec, server).toBeGreaterThan(0);
      expect(runs[0].badStatus, server).toBe(0);
    }
    expect(results.servers.map((s) => s.label)).toEqual(['sandbox', 'prism:integrator']);
    for (const s of results.servers) expect(s.startupMs, s.label).toBeGreaterThan(0);
    expect(results.ratios).toHaveLength(1);
    expect(results.ratios[0]).toMatchObject({ peer: 'prism' });
    expect(results.startup.peers.map((p) => p.label)).toEqual(['prism:integrator']);
    // The load generator's CPU is metered whichever it is.
    expect(results.runs[0].cpuPct?.['load generator']).toBeGreaterThan(0);
  }, 60_000);

  it('--peers node-http: drives the bare node:http peer beside the sandbox, with its ratios, start-up and per-case peak', async () => {
    const out = path.join(dir, 'results-node-http.json');
    await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--peers', 'node-http', '--cases', 'integrator-get,integrator-create', '--out', out], {
      cwd: fromRoot('.'),
      timeout: 55_000,
      killSignal: 'SIGINT',
    });
    const results = JSON.parse(readFileSync(out, 'utf8')) as Results;
    expect(results.options).toMatchObject({ peers: ['node-http'], withPrism: false });
    for (const c of ['integrator-get', 'integrator-create']) {
      const runs = results.runs.filter((r) => r.server === 'node-http' && r.case === c);
      expect(runs, c).toHaveLength(1);
      expect(runs[0].reqPerSec, c).toBeGreaterThan(0);
      expect(runs[0].badStatus + runs[0].socketErrors, c).toBe(0);
    }
    expect(results.servers.map((s) => s.label)).toEqual(['sandbox', 'node-http']);
    expect(results.ratios.map((x) => `${x.case} ${x.peer}`)).toEqual(['integrator-get node-http', 'integrator-create node-http']);
    expect(results.startup.peers.map((p) => p.label)).toEqual(['node-http']);
    expect(results.memory.perCase.map((c) => c.peers?.map((p) => p.server))).toEqual([['node-http'], ['node-http']]);
    expect(results.notes.some((n) => n.startsWith('node-http: '))).toBe(true);
  }, 60_000);

  it('--replicas 2 --store redis: drives two replicas on its own Redis beside one in-memory process, without Prism', async () => {
    const out = path.join(dir, 'results-redis.json');
    await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--replicas', '2', '--store', 'redis', '--cases', 'integrator-get', '--out', out], {
      cwd: fromRoot('.'),
      timeout: 55_000,
      killSignal: 'SIGINT',
    });
    const results = JSON.parse(readFileSync(out, 'utf8')) as Results;
    expect(results.options).toMatchObject({ quick: true, cases: ['integrator-get'], replicas: 2, store: 'redis', withPrism: false, sessions: 1000 });
    for (const server of ['sandbox', 'replicas'] as const) {
      const runs = results.runs.filter((r) => r.server === server && r.case === 'integrator-get');
      expect(runs, server).toHaveLength(1);
      expect(runs[0].reqPerSec, server).toBeGreaterThan(0);
      expect(runs[0].badStatus, server).toBe(0);
    }
    const replicated = results.runs.find((r) => r.server === 'replicas')!;
    for (const replica of ['replica-1', 'replica-2']) expect(replicated.perReplica?.[replica], replica).toBeGreaterThan(0);
    expect(results.runs.some((r) => r.server === 'prism')).toBe(false);
    expect(results.servers.map((s) => s.label)).toEqual(['sandbox', 'redis', 'replica-1', 'replica-2']);
    expect(results.sharing).toHaveLength(1);
    expect(results.sharing[0]).toMatchObject({ case: 'integrator-get', connections: 10, replicas: 2 });
    expect(results.ratios).toEqual([]);
  }, 60_000);

  it('--soak: mixes the cases over many sessions, samples RSS every second and judges its flatness', async () => {
    const out = path.join(dir, 'results-soak.json');
    await run(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--soak', '6', '--quick', '--no-prism', '--sessions', '50', '--out', out], {
      cwd: fromRoot('.'),
      timeout: 55_000,
      killSignal: 'SIGINT',
    });
    const { soak } = JSON.parse(readFileSync(out, 'utf8')) as Results;
    expect(soak).toMatchObject({ durationS: 6, sessions: 50, cases: ['integrator-get', 'oem-list', 'cloud66-link-403'], stateCreatingCases: [] });
    expect(soak!.sandbox.reqPerSec).toBeGreaterThan(0);
    expect(soak!.sandbox.badStatus + soak!.sandbox.socketErrors).toBe(0);
    const [sandbox] = soak!.sandbox.processes;
    expect(sandbox.label).toBe('sandbox');
    expect(sandbox.peakKb).toBeGreaterThan(0);
    expect(typeof sandbox.growthPct).toBe('number');
    expect(typeof sandbox.flat).toBe('boolean');
  }, 60_000);
});
