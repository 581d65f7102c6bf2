/**
 * One timed autocannon run against one server, or against several replicas at once, with its latencies kept at
 * microsecond precision.
 */
import autocannon from 'autocannon';
import type { ProbeRequest } from './servers.js';

export interface LoadOptions {
  /**
   * One server, or several replicas of one: one autocannon instance then opens connection i to url[i % n], so the
   * connections are divided between them (evenly when `connections` is a multiple of n) and every figure is one
   * histogram over all of them, measured exactly as for a single server.
   */
  url: string | string[];
  request: ProbeRequest;
  expectedStatus: number;
  connections: number;
  durationS: number;
  /** Spread the requests round-robin over this many `X-Mock-Session` values (sandbox only). */
  sessions?: number;
}

export interface LoadResult {
  connections: number;
  durationS: number;
  completed: number;
  reqPerSec: number;
  /** Milliseconds, from every response's own timing (autocannon's histogram rounds to whole ms). */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers whose status is not the case's expected one (for a 2xx case: the non-2xx). */
  badStatus: number;
  /** Connection errors and timeouts, which never produced an answer. */
  socketErrors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** With several URLs: the answers each one gave, to show the load was spread. */
  perUrl?: Record<string, number>;
  /** autocannon's own figures, for cross-checking. */
  autocannon: { requestsAverage: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number; resets: number };
}

const WATCHDOG_GRACE_MS = 30_000;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { request, sessions } = options;
  const latencies: number[] = [];
  const urls = Array.isArray(options.url) ? options.url : [options.url];
  // autocannon hands each 'response' the client that got it; its host:port says which replica answered.
  const perHost = new Map(urls.map((u) => [new URL(u).host, 0]));
  // One counter for every connection: consecutive requests go to different sessions, and one session's requests
  // land on whichever replica their connection talks to, so with replicas no session sticks to one process.
  let next = 0;
  const requests: autocannon.Request[] = [
    {
      method: request.method as autocannon.Request['method'],
      path: request.path,
      headers: request.headers,
      body: request.body,
      ...(sessions && sessions > 0
        ? {
            setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...request.headers, 'x-mock-session': `bench-${next++ % sessions}` } }),
          }
        : {}),
    },
  ];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: (urls.length === 1 ? urls[0] : urls) as string /* autocannon takes an array; its types say string */, connections: options.connections, duration: options.durationS, requests, timeout: 10 },
      (err: unknown, result: autocannon.Result) => {
        clearTimeout(watchdog);
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const perUrl = urls.length > 1 ? Object.fromEntries(urls.map((u) => [u, perHost.get(new URL(u).host) ?? 0])) : undefined;
        resolve({ ...summarise(options, result, latencies), ...(perUrl ? { perUrl } : {}) });
      },
    );
    instance.on('response', (client: autocannon.Client, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      const host = (client as unknown as { opts?: { host?: string } }).opts?.host;
      if (urls.length > 1 && host !== undefined && perHost.has(host)) perHost.set(host, perHost.get(host)! + 1);
    });
    const watchdog = setTimeout(() => {
      instance.stop();
      reject(new Error(`autocannon did not finish ${options.durationS} s of load within ${WATCHDOG_GRACE_MS / 1000} s more`));
    }, options.durationS * 1000 + WATCHDOG_GRACE_MS);
  });
}

function summarise(options: LoadOptions, r: autocannon.Result, latencies: number[]): LoadResult {
  const statusCounts: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCounts[code] = stat.count ?? 0;
  const answered = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]) : 0);
  const durationS = r.duration || options.durationS;
  return {
    connections: options.connections,
    durationS,
    completed: r.requests.total,
    reqPerSec: Math.round(r.requests.total / durationS),
    p50Ms: pct(50),
    p90Ms: pct(90),
    p99Ms: pct(99),
    maxMs: sorted.length ? round(sorted[sorted.length - 1]) : 0,
    badStatus: answered - (statusCounts[String(options.expectedStatus)] ?? 0),
    socketErrors: r.errors - r.timeouts,
    timeouts: r.timeouts,
    statusCounts,
    autocannon: { requestsAverage: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors, resets: r.resets },
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
