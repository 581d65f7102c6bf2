/**
 * Starting, probing, sampling and stopping the servers under test. All run as child processes on 127.0.0.1:
 * the sandbox as a user runs it (`node bin/partner-sandbox.js serve`), Prism through `startPrism`, and for the
 * replica mode a throwaway `redis-server` (no persistence, its own temp dir) that the replicas share.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../src/engine/free-port.js';
import { fromRoot } from '../src/engine/spec-loader.js';
import { startPrism } from '../src/prism/prism-process.js';
import type { ApiName } from './cases.js';

export const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const POLL_EVERY_MS = 10;

export interface ProbeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RunningServer {
  /** `sandbox`, `replica-<n>`, `redis` or `prism:<api>`. */
  label: string;
  /** `http://127.0.0.1:<port>`, or for Redis `redis://127.0.0.1:<port>/0`. */
  url: string;
  pid: number;
  /** For a sandbox: where its sessions live (`memory`, or the Redis URL). */
  store?: string;
  /** Spawn → first answer with the expected status, polling every 10 ms. */
  startupMs: number;
  /** For Prism: spawn → its "Prism is listening" line (what `startPrism` waits for). */
  listeningMs?: number;
  rss: RssSampler;
  /** The last few KB the process printed, for error messages. */
  outputTail(): string;
  stop(): Promise<void>;
}

/** Every child this run started, so that an error, SIGINT or exit never leaves one behind. */
export class ChildTracker {
  private readonly children = new Set<ChildProcess>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly cleanups = new Set<() => void>();

  add(child: ChildProcess): void {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
  }

  /** A start whose child is not known yet (`startPrism` hands it over only once Prism listens). */
  track<T>(starting: Promise<T>): Promise<T> {
    this.pending.add(starting);
    const forget = () => this.pending.delete(starting);
    starting.then(forget, forget);
    return starting;
  }

  /** Something synchronous to do once the children are gone (a temp dir to remove); runs at most once. */
  cleanup(fn: () => void): () => void {
    const once = () => {
      if (!this.cleanups.delete(once)) return;
      try {
        fn();
      } catch {
        // best effort: a temp dir left behind is not worth failing the run for
      }
    };
    this.cleanups.add(once);
    return once;
  }

  /** Synchronous, for `process.on('exit')`: SIGKILL whatever is still running, then the clean-ups. */
  killAllNow(): void {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const fn of [...this.cleanups]) fn();
  }

  /**
   * Waits for pending starts (each bounded by its own timeout), then stops every child: the sandboxes and Prism
   * first, Redis (which they use) last.
   */
  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    const isRedis = (c: ChildProcess) => c.spawnfile === REDIS_BINARY;
    await Promise.allSettled([...this.children].filter((c) => !isRedis(c)).map((c) => stopChild(c)));
    await Promise.allSettled([...this.children].filter(isRedis).map((c) => stopChild(c)));
    for (const fn of [...this.cleanups]) fn();
  }
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** One HTTP exchange on a fresh connection (no agent, so nothing is pooled between probes). */
export function httpRequest(baseUrl: string, req: ProbeRequest, timeoutMs = 2_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, ...(req.body !== undefined ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}) };
    const r = request(new URL(req.path, baseUrl), { method: req.method, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    r.on('timeout', () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    r.on('error', reject);
    r.end(req.body);
  });
}

/**
 * Every sandbox session back to the fixture, so each run starts from the same state whatever ran before it
 * (a create case grows the session's integrations by thousands).
 */
export async function resetSandbox(url: string): Promise<void> {
  const res = await httpRequest(url, { method: 'POST', path: '/__sandbox/reset', headers: {} }, 10_000);
  if (res.status !== 200) throw new Error(`POST /__sandbox/reset answered ${res.status} ${res.body.slice(0, 300)}`);
}

/** Polls until the server answers `probe` with `expectedStatus`; resolves with the ms since `since`. */
async function firstAnswer(baseUrl: string, probe: ProbeRequest, expectedStatus: number, since: number, signal: AbortSignal): Promise<number> {
  let last = 'no answer yet';
  while (performance.now() - since < START_TIMEOUT_MS) {
    if (signal.aborted) throw new Error('start-up aborted');
    try {
      const res = await httpRequest(baseUrl, probe, 1_000);
      if (res.status === expectedStatus) return performance.now() - since;
      last = `${res.status} ${res.body.slice(0, 300)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(POLL_EVERY_MS);
  }
  throw new Error(`${baseUrl}${probe.path} did not answer ${expectedStatus} within ${START_TIMEOUT_MS} ms (last: ${last})`);
}

function keepTail(child: ChildProcess): () => string {
  let tail = '';
  const onData = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4096);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return () => tail;
}

/**
 * The sandbox with all four APIs, started the way a user starts it. `store` is passed as `--store` always, so a
 * `SANDBOX_STORE` in the environment never turns the in-memory baseline into a Redis one.
 */
export async function startSandbox(
  tracker: ChildTracker,
  probe: ProbeRequest,
  expectedStatus: number,
  options: { label?: string; store?: string } = {},
): Promise<RunningServer> {
  const label = options.label ?? 'sandbox';
  const store = options.store ?? 'memory';
  const port = await freePort(HOST);
  const started = performance.now();
  const child = spawn(process.execPath, [fromRoot('bin/partner-sandbox.js'), 'serve', '--port', String(port), '--host', HOST, '--store', store], {
    cwd: fromRoot('.'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  tracker.add(child);
  const outputTail = keepTail(child);
  const url = `http://${HOST}:${port}`;
  const exited = new AbortController();
  child.once('exit', () => exited.abort());
  try {
    const startupMs = await firstAnswer(url, probe, expectedStatus, started, exited.signal);
    const rss = new RssSampler(child.pid!);
    return { label, url, pid: child.pid!, store, startupMs, rss, outputTail, stop: () => stopServer(rss, child) };
  } catch (err) {
    await stopChild(child);
    throw new Error(`${label === 'sandbox' ? 'the sandbox' : label} did not start: ${(err as Error).message}\n${outputTail()}`);
  }
}

const REDIS_BINARY = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

/**
 * A throwaway redis-server for the replicas to share: a free loopback port, no persistence (`--save ''`,
 * `--appendonly no`), its own temp dir (removed when it stops, or when the bench exits however it exits).
 * Its start-up is spawn → first `+PONG`, polled every 10 ms.
 */
export async function startRedis(tracker: ChildTracker): Promise<RunningServer> {
  if (!REDIS_BINARY) throw new Error('redis-server is not installed (looked in /usr/bin and /usr/local/bin): apt-get install -y redis-server');
  const port = await freePort(HOST);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-redis-'));
  const removeDir = tracker.cleanup(() => rmSync(dir, { recursive: true, force: true }));
  const started = performance.now();
  const args = ['--port', String(port), '--bind', HOST, '--protected-mode', 'yes', '--save', '', '--appendonly', 'no', '--dir', dir];
  const child = spawn(REDIS_BINARY, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  tracker.add(child);
  const outputTail = keepTail(child);
  let rss: RssSampler | undefined;
  const stop = async () => {
    rss?.stop();
    await stopChild(child);
    removeDir();
  };
  try {
    let last = 'no answer yet';
    while (performance.now() - started < START_TIMEOUT_MS) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode})`);
      const answer = await redisPing(port).catch((err: Error) => err.message);
      if (answer.startsWith('+PONG')) {
        const startupMs = performance.now() - started;
        rss = new RssSampler(child.pid!);
        return { label: 'redis', url: `redis://${HOST}:${port}/0`, pid: child.pid!, startupMs, rss, outputTail, stop };
      }
      last = answer.trim();
      await sleep(POLL_EVERY_MS);
    }
    throw new Error(`no PONG on ${HOST}:${port} within ${START_TIMEOUT_MS} ms (last: ${last})`);
  } catch (err) {
    await stop();
    throw new Error(`redis-server did not start: ${(err as Error).message}\n${outputTail()}`);
  }
}

/** One `PING` on a fresh connection: the first line of the answer, or a rejection (refused, 1 s without one). */
function redisPing(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: HOST, timeout: 1_000 });
    socket.once('error', reject);
    socket.once('timeout', () => socket.destroy(new Error('no answer within 1000 ms')));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString());
    });
    socket.write('PING\r\n');
  });
}

/**
 * CPU time (user + system, in seconds) a process and its live descendants have used so far, from `/proc/<pid>/stat`
 * (Prism does its work in a child process); null off Linux or once the process is gone.
 */
export function cpuSeconds(pid: number, depth = 0): number | null {
  let own: number;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; fields are counted from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    own = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
  if (depth >= 3) return own;
  // Gone, or no children file: its own time is all there is.
  const children = childPidsOf(pid);
  return children.reduce((sum, child) => sum + (cpuSeconds(child, depth + 1) ?? 0), own);
}

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/** Stoplight Prism on one spec (static examples), through the project's `startPrism`. */
export async function startPrismServer(tracker: ChildTracker, api: ApiName, probe: ProbeRequest, expectedStatus: number): Promise<RunningServer> {
  const port = await freePort(HOST);
  const url = `http://${HOST}:${port}`;
  const stopPolling = new AbortController();
  const started = performance.now();
  const starting = tracker.track(startPrism(`specs/${api}.yaml`, { port, host: HOST, timeoutMs: START_TIMEOUT_MS }));
  // Polled from spawn, like the sandbox, not from Prism's "listening" line.
  const polling = firstAnswer(url, probe, expectedStatus, started, stopPolling.signal);
  polling.catch(() => undefined);
  let prism;
  try {
    prism = await starting;
  } catch (err) {
    stopPolling.abort();
    throw err;
  }
  tracker.add(prism.child);
  // startPrism keeps every byte Prism prints (it logs each request); from here on only a tail is kept.
  prism.child.stdout?.removeAllListeners('data');
  prism.child.stderr?.removeAllListeners('data');
  const outputTail = keepTail(prism.child);
  const child = prism.child;
  try {
    const startupMs = await polling;
    const rss = new RssSampler(child.pid!);
    return { label: `prism:${api}`, url, pid: child.pid!, startupMs, listeningMs: prism.startupMs, rss, outputTail, stop: () => stopServer(rss, child) };
  } catch (err) {
    await stopChild(child);
    throw new Error(`Prism (${api}) did not answer: ${(err as Error).message}\n${outputTail()}`);
  }
}

async function stopServer(rss: RssSampler, child: ChildProcess): Promise<void> {
  rss.stop();
  await stopChild(child);
}

export interface RssSummary {
  /**
   * The kernel's high-water mark for the process (VmHWM): its true peak. The highest VmHWM read, since the per-case
   * figures reset the mark (a sample is taken just before every reset, so the whole-run peak survives them).
   */
  peakKb: number | null;
  /** The highest VmRSS seen in the 250 ms samples. */
  maxSampledKb: number | null;
  firstKb: number | null;
  lastKb: number | null;
  samples: number;
  /** VmRSS once per second, in kB: to see whether memory is flat. */
  timelineKb: number[];
  /** Child processes the server had at some sample (its RSS does not include theirs). */
  childPids: number[];
}

/** VmRSS and VmHWM of a process from `/proc/<pid>/status`, in kB; null off Linux or once the process is gone. */
export function readMemoryKb(pid: number): { rssKb: number | null; hwmKb: number | null } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) : null;
  };
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

/** The processes a process has forked, from `/proc/<pid>/task/<tid>/children`; empty off Linux or once it is gone. */
export function childPidsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      const list = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      return list ? list.split(/\s+/).map(Number) : [];
    });
  } catch {
    return [];
  }
}

/**
 * Resets the process's VmHWM to its current VmRSS (`echo 5 > /proc/<pid>/clear_refs`, Linux ≥ 4.0, allowed for our
 * own children), so that a later VmHWM is the exact peak since now. False when the kernel refuses it.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** One process whose memory a figure covers. */
export interface MemoryProcess {
  /** `sandbox`, `replica-<n>`, `prism:<api>` (the process answering HTTP) or `prism:<api> cli`. */
  label: string;
  pid: number;
  /** `cli`: Prism's parent process, which only prints the logs its worker sends it. */
  role: 'server' | 'cli';
}

/**
 * The processes that hold a server's memory. `startPrism` runs Prism with NODE_ENV=production, which turns on its
 * `--multiprocess` default: the CLI process forks one worker that answers HTTP and pipes its logs back. Prism's
 * figure is then the worker's (the process that serves, as the sandbox's one process does) and the CLI is listed
 * beside it; the RssSampler of a Prism server (the whole-run figure) watches the CLI process only.
 */
export function memoryProcesses(server: RunningServer): MemoryProcess[] {
  const children = server.label.startsWith('prism:') ? childPidsOf(server.pid) : [];
  return children.length === 1
    ? [
        { label: server.label, pid: children[0], role: 'server' },
        { label: `${server.label} cli`, pid: server.pid, role: 'cli' },
      ]
    : [{ label: server.label, pid: server.pid, role: 'server' }];
}

/**
 * One process's memory over a stretch of the run (a case, a soak): its high-water mark is reset at the start, so
 * VmHWM at the end is the exact peak of the stretch; VmRSS is also sampled every 250 ms, the fallback when the reset
 * is refused (then `exact` is false).
 */
export class MemoryWindow {
  readonly exact: boolean;
  /** VmRSS when the window opened. */
  readonly startKb: number | null;
  private maxKb: number | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(readonly proc: MemoryProcess) {
    this.exact = resetPeakRss(proc.pid);
    this.startKb = this.rssKb();
    this.timer = setInterval(() => this.rssKb(), 250);
    this.timer.unref();
  }

  /** VmRSS now (counted in the sampled maximum). */
  rssKb(): number | null {
    const kb = readMemoryKb(this.proc.pid)?.rssKb ?? null;
    if (kb !== null) this.maxKb = Math.max(this.maxKb ?? 0, kb);
    return kb;
  }

  /** Stops sampling; the peak is VmHWM if the reset worked, else the highest VmRSS sampled. */
  finish(): { peakKb: number | null; exact: boolean; maxSampledKb: number | null; startKb: number | null } {
    clearInterval(this.timer);
    const now = readMemoryKb(this.proc.pid);
    if (now?.rssKb != null) this.maxKb = Math.max(this.maxKb ?? 0, now.rssKb);
    return { peakKb: this.exact ? (now?.hwmKb ?? null) : this.maxKb, exact: this.exact, maxSampledKb: this.maxKb, startKb: this.startKb };
  }
}

/**
 * Opens a window on each of a server's memory processes. The server's own RssSampler takes a sample first, so the
 * high-water mark the reset is about to drop is kept in its whole-run peak.
 */
export function openMemoryWindows(server: RunningServer): MemoryWindow[] {
  server.rss.sampleNow();
  return memoryProcesses(server).map((p) => new MemoryWindow(p));
}

/** Samples `/proc/<pid>/status` every 250 ms (Linux; elsewhere every figure stays null). */
export class RssSampler {
  private readonly timer: NodeJS.Timeout;
  private ticks = 0;
  private summary: RssSummary = { peakKb: null, maxSampledKb: null, firstKb: null, lastKb: null, samples: 0, timelineKb: [], childPids: [] };

  constructor(private readonly pid: number) {
    this.sample(true);
    this.timer = setInterval(() => this.sample(true), 250);
    this.timer.unref();
  }

  /** An extra sample between the timer's (before a high-water-mark reset); not part of the per-second timeline. */
  sampleNow(): void {
    this.sample(false);
  }

  private sample(tick: boolean): void {
    const mem = readMemoryKb(this.pid);
    if (!mem) return;
    const s = this.summary;
    if (mem.hwmKb !== null) s.peakKb = Math.max(s.peakKb ?? 0, mem.hwmKb);
    if (mem.rssKb !== null) {
      s.maxSampledKb = Math.max(s.maxSampledKb ?? 0, mem.rssKb);
      s.firstKb ??= mem.rssKb;
      s.lastKb = mem.rssKb;
      if (tick && this.ticks % 4 === 0) s.timelineKb.push(mem.rssKb);
    }
    if (tick) this.ticks += 1;
    s.samples += 1;
    for (const c of childPidsOf(this.pid)) if (!s.childPids.includes(c)) s.childPids.push(c);
  }

  stop(): RssSummary {
    clearInterval(this.timer);
    this.sample(false);
    return this.result();
  }

  result(): RssSummary {
    return { ...this.summary, timelineKb: [...this.summary.timelineKb], childPids: [...this.summary.childPids] };
  }
}
