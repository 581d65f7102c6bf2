/** Talking HTTP to a server under test: one-off exchanges, and polling one until it first answers. */
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export const HOST = '127.0.0.1';
export const START_TIMEOUT_MS = 60_000;
export const POLL_EVERY_MS = 10;

export interface ProbeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
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
export async function firstAnswer(baseUrl: string, probe: ProbeRequest, expectedStatus: number, since: number, signal: AbortSignal): Promise<number> {
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
