/**
 * One timed autocannon run against one server, or against several replicas at once, with its latencies kept at
 * microsecond precision; one request over and over, or a mix of several (the soak).
 */
import autocannon from 'autocannon';
import type { ProbeRequest } from './probe.js';

export interface LoadOptions {
  /**
   * One server, or several replicas of one: one autocannon instance then opens connection i to url[i % n], so the
   * connections are divided between them (evenly when `connections` is a multiple of n) and every figure is one
   * histogram over all of them, measured exactly as for a single server.
   */
  url: string | string[];
  /**
   * What every connection sends: one request over and over, or several in turn (autocannon's `requests`: each
   * connection cycles through them), each with its own expected status.
   */
  steps: LoadStep[];
  connections: number;
  durationS: number;
  /** Spread the requests round-robin over this many `X-Mock-Session` values (sandbox only). */
  sessions?: number;
  /** Called on every answer (the soak counts answers per second). */
  onAnswer?: () => void;
}

export interface LoadStep {
  /** The case's name, for the per-step counts of a mix. */
  name: string;
  request: ProbeRequest;
  expectedStatus: number;
}

export interface StepCounts {
  answers: number;
  badStatus: number;
  statusCounts: Record<string, number>;
}

export interface LoadResult {
  /** What measured it. */
  loadgen: 'wrk' | 'autocannon';
  connections: number;
  durationS: number;
  completed: number;
  reqPerSec: number;
  /** Milliseconds: with autocannon from every response's own timing (its histogram rounds to whole ms); with wrk its distribution (10 µs steps). */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers whose status is not their case's expected one (for a 2xx case: the non-2xx). */
  badStatus: number;
  /** Connection errors and timeouts, which never produced an answer. */
  socketErrors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** With several URLs: the answers each one gave, to show the load was spread. */
  perUrl?: Record<string, number>;
  /** With several steps (a mix): each one's answers, by the step's name. */
  perStep?: Record<string, StepCounts>;
  /** autocannon's own figures, for cross-checking. */
  autocannon?: { requestsAverage: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number; resets: number };
  /** wrk's own figures beyond the common ones. */
  wrk?: { p75Ms: number; latencyAvgMs: number; requestsPerSec: number; non2xx3xx: number; socketErrors: { connect: number; read: number; write: number; timeout: number } };
  /** wrk's CPU seconds over the run (its own process); autocannon's is this process's, metered by the caller. */
  loadgenCpuS?: number;
}

const WATCHDOG_GRACE_MS = 30_000;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { sessions } = options;
  const latencies: number[] = [];
  const urls = Array.isArray(options.url) ? options.url : [options.url];
  // autocannon hands each 'response' the client that got it; its host:port says which replica answered.
  const perHost = new Map(urls.map((u) => [new URL(u).host, 0]));
  // Each answer is matched to the step that asked it (autocannon calls the request's own onResponse), so a mix
  // checks every answer against its own case's status.
  const perStep = options.steps.map((): StepCounts => ({ answers: 0, badStatus: 0, statusCounts: {} }));
  // One counter for every connection and step: consecutive requests go to different sessions, and one session's
  // requests land on whichever replica their connection talks to, so with replicas no session sticks to one process.
  let next = 0;
  const requests: autocannon.Request[] = options.steps.map(({ request, expectedStatus }, i) => ({
    method: request.method as autocannon.Request['method'],
    path: request.path,
    headers: request.headers,
    body: request.body,
    onResponse: (status: number) => {
      const counts = perStep[i];
      counts.answers += 1;
      counts.statusCounts[status] = (counts.statusCounts[status] ?? 0) + 1;
      if (status !== expectedStatus) counts.badStatus += 1;
    },
    ...(sessions && sessions > 0
      ? {
          setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...request.headers, 'x-mock-session': `bench-${next++ % sessions}` } }),
        }
      : {}),
  }));
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: (urls.length === 1 ? urls[0] : urls) as string /* autocannon takes an array; its types say string */, connections: options.connections, duration: options.durationS, requests, timeout: 10 },
      (err: unknown, result: autocannon.Result) => {
        clearTimeout(watchdog);
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const perUrl = urls.length > 1 ? Object.fromEntries(urls.map((u) => [u, perHost.get(new URL(u).host) ?? 0])) : undefined;
        const steps = options.steps.length > 1 ? Object.fromEntries(options.steps.map((step, i) => [step.name, perStep[i]])) : undefined;
        resolve({ ...summarise(options, result, latencies, perStep), ...(perUrl ? { perUrl } : {}), ...(steps ? { perStep: steps } : {}) });
      },
    );
    instance.on('response', (client: autocannon.Client, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      options.onAnswer?.();
      const host = (client as unknown as { opts?: { host?: string } }).opts?.host;
      if (urls.length > 1 && host !== undefined && perHost.has(host)) perHost.set(host, perHost.get(host)! + 1);
    });
    const watchdog = setTimeout(() => {
      instance.stop();
      reject(new Error(`autocannon did not finish ${options.durationS} s of load within ${WATCHDOG_GRACE_MS / 1000} s more`));
    }, options.durationS * 1000 + WATCHDOG_GRACE_MS);
  });
}

function summarise(options: LoadOptions, r: autocannon.Result, latencies: number[], perStep: StepCounts[]): LoadResult {
  const statusCounts: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCounts[code] = stat.count ?? 0;
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]) : 0);
  const durationS = r.duration || options.durationS;
  return {
    loadgen: 'autocannon',
    connections: options.connections,
    durationS,
    completed: r.requests.total,
    reqPerSec: Math.round(r.requests.total / durationS),
    p50Ms: pct(50),
    p90Ms: pct(90),
    p99Ms: pct(99),
    maxMs: sorted.length ? round(sorted[sorted.length - 1]) : 0,
    badStatus: perStep.reduce((sum, step) => sum + step.badStatus, 0),
    socketErrors: r.errors - r.timeouts,
    timeouts: r.timeouts,
    statusCounts,
    autocannon: { requestsAverage: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors, resets: r.resets },
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
