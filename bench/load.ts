/** One timed autocannon run against one server, with its latencies kept at microsecond precision. */
import autocannon from 'autocannon';
import type { ProbeRequest } from './servers.js';

export interface LoadOptions {
  url: string;
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
  /** autocannon's own figures, for cross-checking. */
  autocannon: { requestsAverage: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number; resets: number };
}

const WATCHDOG_GRACE_MS = 30_000;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { request, sessions } = options;
  const latencies: number[] = [];
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
      { url: options.url, connections: options.connections, duration: options.durationS, requests, timeout: 10 },
      (err: unknown, result: autocannon.Result) => {
        clearTimeout(watchdog);
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        resolve(summarise(options, result, latencies));
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
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
