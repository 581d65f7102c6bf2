/**
 * The servers under test, as child processes on 127.0.0.1: the sandbox as a user runs it
 * (`node bin/partner-sandbox.js serve`), and Prism through `startPrism`. The replica mode's Redis is in redis.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../test/helpers/free-port.js';
import { fromRoot } from '../../src/engine/paths.js';
import { startPrism } from '../../src/prism/prism-process.js';
import type { ApiName } from '../cases.js';
import { keepTail, stopChild, type ChildTracker } from './children.js';
import { firstAnswer, HOST, START_TIMEOUT_MS, type ProbeRequest } from './probe.js';
import { RssSampler } from './rss-sampler.js';

export interface RunningServer {
  /** `sandbox`, `replica-<n>`, `redis`, `prism:<api>`, `prism-silent:<api>`, `wiremock-nojournal` or `node-http`. */
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

/** Stoplight Prism on one spec (static examples), through the project's `startPrism`; `silent`: with `-v silent`. */
export async function startPrismServer(tracker: ChildTracker, api: ApiName, probe: ProbeRequest, expectedStatus: number, options: { silent?: boolean } = {}): Promise<RunningServer> {
  const port = await freePort(HOST);
  const url = `http://${HOST}:${port}`;
  const stopPolling = new AbortController();
  const started = performance.now();
  const starting = tracker.track(startPrism(`specs/${api}.yaml`, { port, host: HOST, timeoutMs: START_TIMEOUT_MS, silent: options.silent }));
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
    // With -v silent, "listening" is the port accepting a connection: not Prism's own line, so not reported as one.
    const listeningMs = options.silent ? undefined : prism.startupMs;
    return { label: `${options.silent ? 'prism-silent' : 'prism'}:${api}`, url, pid: child.pid!, startupMs, listeningMs, rss, outputTail, stop: () => stopServer(rss, child) };
  } catch (err) {
    await stopChild(child);
    throw new Error(`Prism${options.silent ? ' -v silent' : ''} (${api}) did not answer: ${(err as Error).message}\n${outputTail()}`);
  }
}

async function stopServer(rss: RssSampler, child: ChildProcess): Promise<void> {
  rss.stop();
  await stopChild(child);
}
