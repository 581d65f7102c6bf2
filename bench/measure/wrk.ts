/**
 * One wrk run (`--loadgen wrk`): a separate C process, so the load costs the machine far less CPU than autocannon in
 * this process does. The request is a Lua script written to a temp file per run; the figures are parsed from wrk's
 * own report (`--latency`), statuses from a Lua `response` hook when the expected status is not a 2xx/3xx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadOptions, LoadResult } from './load.js';
import { pinned } from './pin.js';
import type { ProbeRequest } from './probe.js';

const WATCHDOG_GRACE_MS = 30_000;
/** The prefix of the lines the script's `done` hook prints: `WRKSTATUS <status> <count>`. */
const STATUS_LINE = 'WRKSTATUS';
const CPU_LINE = 'WRKCPU';

/** A Lua string literal holding exactly these UTF-8 bytes (anything but plain printable ASCII as `\ddd`). */
export function luaString(s: string): string {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    out += byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`;
  }
  return `${out}"`;
}

export interface WrkScriptOptions {
  /** Rotate `X-Mock-Session: bench-0 … bench-<n-1>` per request (a `request` hook: costs wrk a little per request). */
  sessions?: number;
  /**
   * Count every status in a `response` hook. wrk alone only counts "Non-2xx or 3xx responses", which is enough when a
   * 2xx is expected; for a 403 case every answer is one of those. [INF] Only then: the hook makes wrk hand each
   * answer's headers and body to Lua.
   */
  countStatuses: boolean;
}

/** The Lua script for one request (wrk's `-s`). */
export function wrkScript(req: ProbeRequest, o: WrkScriptOptions): string {
  const lines = [`wrk.method = ${luaString(req.method)}`, `wrk.path = ${luaString(req.path)}`];
  for (const [name, value] of Object.entries(req.headers)) lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`);
  if (req.body !== undefined) lines.push(`wrk.body = ${luaString(req.body)}`);
  if (o.sessions && o.sessions > 0) {
    lines.push(
      'local n = 0',
      'request = function()',
      `  wrk.headers["x-mock-session"] = "bench-" .. (n % ${Math.floor(o.sessions)})`,
      '  n = n + 1',
      '  return wrk.format()',
      'end',
    );
  }
  if (o.countStatuses) {
    lines.push(
      'local threads = {}',
      'setup = function(thread) table.insert(threads, thread) end',
      // A global, so that `done` can read each thread's copy with thread:get.
      'statuses = {}',
      'response = function(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end',
      'done = function(summary, latency, requests)',
      '  for _, t in ipairs(threads) do',
      `    for status, count in pairs(t:get("statuses")) do io.write("${STATUS_LINE} " .. status .. " " .. count .. "\\n") end`,
      '  end',
      'end',
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface WrkReport {
  requests: number;
  durationS: number;
  requestsPerSec: number;
  latencyAvgMs: number;
  maxMs: number;
  p50Ms: number;
  p75Ms: number;
  p90Ms: number;
  p99Ms: number;
  non2xx3xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** From the `response` hook, when the script has one. */
  statusCounts?: Record<string, number>;
  /** wrk's user + system CPU seconds, when run through `runWrk`'s wrapper. */
  cpuS?: number;
}

/** `377.00us`, `1.14ms`, `2.50s`, `1.00m` → milliseconds. */
function toMs(value: string, unit: string): number {
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit];
  if (factor === undefined) throw new Error(`wrk: unknown time unit "${unit}"`);
  return Math.round(Number(value) * factor * 1000) / 1000;
}

/** wrk's report (run with `--latency`), and the lines the script and the wrapper add. */
export function parseWrkOutput(text: string): WrkReport {
  const need = (re: RegExp, what: string) => {
    const m = re.exec(text);
    if (!m) throw new Error(`wrk's output has no ${what}:\n${text.slice(0, 2000)}`);
    return m;
  };
  const time = '([\\d.]+)(us|ms|s|m|h)';
  const latency = need(new RegExp(`^\\s*Latency\\s+${time}\\s+${time}\\s+${time}`, 'm'), 'latency line');
  const pct = (p: number) => {
    const m = need(new RegExp(`^\\s*${p}%\\s+${time}`, 'm'), `${p}% line (was it run with --latency?)`);
    return toMs(m[1], m[2]);
  };
  const total = need(/^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)/m, 'request count');
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const statuses = [...text.matchAll(new RegExp(`^${STATUS_LINE} (\\d+) (\\d+)$`, 'gm'))];
  const statusCounts: Record<string, number> = {};
  for (const [, status, count] of statuses) statusCounts[status] = (statusCounts[status] ?? 0) + Number(count);
  const cpu = new RegExp(`^${CPU_LINE} (.*)$`, 'm').exec(text);
  return {
    requests: Number(total[1]),
    durationS: toMs(total[2], total[3]) / 1000,
    requestsPerSec: Number(need(/^Requests\/sec:\s+([\d.]+)/m, 'Requests/sec')[1]),
    latencyAvgMs: toMs(latency[1], latency[2]),
    maxMs: toMs(latency[5], latency[6]),
    p50Ms: pct(50),
    p75Ms: pct(75),
    p90Ms: pct(90),
    p99Ms: pct(99),
    non2xx3xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? 0),
    socketErrors: sockets
      ? { connect: Number(sockets[1]), read: Number(sockets[2]), write: Number(sockets[3]), timeout: Number(sockets[4]) }
      : { connect: 0, read: 0, write: 0, timeout: 0 },
    ...(statuses.length ? { statusCounts } : {}),
    ...(cpu ? { cpuS: childCpuSecondsOf(cpu[1]) } : {}),
  };
}

/** cutime + cstime of the wrapper shell's `/proc/self/stat`: the CPU of the children it waited for (wrk). */
function childCpuSecondsOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14; USER_HZ is 100.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** The figures of a run, as autocannon's are (an expected 2xx/3xx without the hook: every other answer is "bad"). */
export function loadResultOf(report: WrkReport, o: { connections: number; expectedStatus: number }): LoadResult {
  const expected = String(o.expectedStatus);
  const statusCounts = report.statusCounts ?? {
    [expected]: report.requests - report.non2xx3xx,
    ...(report.non2xx3xx ? { 'non-2xx/3xx': report.non2xx3xx } : {}),
  };
  const answered = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const { connect, read, write, timeout } = report.socketErrors;
  return {
    loadgen: 'wrk',
    connections: o.connections,
    durationS: report.durationS,
    completed: report.requests,
    reqPerSec: Math.round(report.requestsPerSec),
    p50Ms: report.p50Ms,
    p90Ms: report.p90Ms,
    p99Ms: report.p99Ms,
    maxMs: report.maxMs,
    badStatus: answered - (statusCounts[expected] ?? 0),
    socketErrors: connect + read + write,
    timeouts: timeout,
    statusCounts,
    wrk: { p75Ms: report.p75Ms, latencyAvgMs: report.latencyAvgMs, requestsPerSec: report.requestsPerSec, non2xx3xx: report.non2xx3xx, socketErrors: report.socketErrors },
    ...(report.cpuS !== undefined ? { loadgenCpuS: report.cpuS } : {}),
  };
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** One wrk run: one thread (one core), one URL, one request; `cpu` pins it. */
export function runWrk(options: LoadOptions & { scriptDir: string; cpu?: number }): Promise<LoadResult> {
  if (Array.isArray(options.url) || options.steps.length !== 1) throw new Error('wrk drives one server with one request (replicas and mixes use autocannon)');
  const [step] = options.steps;
  const countStatuses = step.expectedStatus < 200 || step.expectedStatus >= 400;
  const script = path.join(options.scriptDir, `${step.name}-${Date.now()}-${running.size}.lua`);
  writeFileSync(script, wrkScript(step.request, { sessions: options.sessions, countStatuses }));
  // wrk counts whole seconds ("-d1s"); a fraction would be cut.
  const seconds = Math.max(1, Math.round(options.durationS));
  const argv = pinned(['wrk', '-t1', `-c${Math.max(1, options.connections)}`, `-d${seconds}s`, '--timeout', '10s', '--latency', '-s', script, options.url], options.cpu);
  // The shell reads its own cutime/cstime once wrk has exited and it has waited for it: wrk's CPU, without racing its exit.
  const wrapper = `"$@"; s=$?; printf '\\n${CPU_LINE} %s\\n' "$(cat /proc/$$/stat)"; exit $s`;
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', wrapper, 'sh', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), seconds * 1000 + WATCHDOG_GRACE_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(watchdog);
      running.delete(child);
      if (code !== 0) return reject(new Error(`wrk ended with ${signal ?? `code ${code}`}:\n${out.slice(-2000)}`));
      try {
        resolve(loadResultOf(parseWrkOutput(out), { connections: options.connections, expectedStatus: step.expectedStatus }));
      } catch (err) {
        reject(err as Error);
      }
    });
  });
}
