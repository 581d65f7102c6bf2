import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN_ENV } from './admin/admin-guard.js';
import { ADMIN_PREFIX, createSandbox, DEFAULT_HOST, type Sandbox, type SandboxOptions } from './sandbox.js';

/** The four APIs the sandbox serves, by the name that is also their mount point (`/cloud66`, …). */
export type SandboxApi = 'cloud66' | 'centurylink' | 'integrator' | 'oem';

export interface StartSandboxOptions extends SandboxOptions {
  /** The session every helper uses; a fresh `test-<uuid>` by default, so parallel test files never share state. */
  sessionId?: string;
}

/**
 * What requests to look for in this sandbox's session (`POST /__sandbox/requests/count`): `api`, `operation` (an
 * operationId), `status` (`403`, `'4xx'`, `'400-499'`), `path` (a prefix, or a pattern with `*`), `since`, `method`,
 * `header` (names and the text their value contains), `bodyContains`.
 */
export interface RequestPattern {
  api?: SandboxApi;
  operation?: string;
  status?: number | string;
  path?: string;
  since?: string;
  method?: string;
  header?: Record<string, string>;
  bodyContains?: string;
}

/** A running sandbox for one test file or suite: its URLs, its own session, and how to reset and stop it. */
export interface TestSandbox {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  readonly port: number;
  /** This sandbox's session id: send it as `X-Mock-Session` (see `headers`). */
  readonly sessionId: string;
  /** `{ 'X-Mock-Session': sessionId }`, to spread into each request's headers. */
  readonly headers: Readonly<Record<'X-Mock-Session', string>>;
  /** Where one API is mounted, e.g. `baseUrl('integrator')` → `http://127.0.0.1:41234/integrator`. */
  baseUrl(api: SandboxApi): string;
  /** Puts this session back to the fixture (`POST /__sandbox/reset?session=`); other sessions are untouched. */
  reset(): Promise<void>;
  /**
   * How many requests of this session matched (`await sandbox.countRequests({ operation: 'linkPartnerIntegration',
   * status: 200 })` → 1): every request for api / operation / status, else those the journal keeps.
   */
  countRequests(pattern: RequestPattern): Promise<number>;
  /** Stops listening after in-flight requests finish; calling it again does nothing. */
  close(): Promise<void>;
  /** The underlying sandbox (sessions, coverage, scenarios), for what the helpers above do not cover. */
  readonly sandbox: Sandbox;
}

/**
 * Starts the whole sandbox on a free loopback port, for a test runner's beforeAll/afterAll.
 * [INF] Always 127.0.0.1 and port 0: a test never needs the sandbox beyond loopback, and a fixed port would make
 * parallel test files collide. [INF] Resetting goes through the admin API, the same documented path a test in
 * another process would use, rather than through the store.
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<TestSandbox> {
  const { sessionId = `test-${randomUUID()}`, ...sandboxOptions } = options;
  const sandbox = await createSandbox(sandboxOptions);
  const running = await sandbox.listen(0, DEFAULT_HOST);
  const adminToken = options.adminToken ?? process.env[ADMIN_TOKEN_ENV];
  let closing: Promise<void> | undefined;

  return {
    url: running.url,
    port: running.port,
    sessionId,
    headers: Object.freeze({ 'X-Mock-Session': sessionId }),
    sandbox,
    baseUrl(api) {
      const runtime = sandbox.runtimes.find((r) => r.module.name === api);
      if (!runtime) throw new Error(`this sandbox serves no API "${api}"; it serves ${sandbox.runtimes.map((r) => r.module.name).join(', ')}`);
      return `${running.url}${runtime.module.prefix}`;
    },
    async reset() {
      const response = await fetch(`${running.url}${ADMIN_PREFIX}/reset?session=${encodeURIComponent(sessionId)}`, {
        method: 'POST',
        headers: adminToken ? { authorization: `Bearer ${adminToken}` } : {},
      });
      if (!response.ok) throw new Error(`resetting session ${sessionId} failed: ${response.status} ${await response.text()}`);
    },
    async countRequests(pattern) {
      const response = await fetch(`${running.url}${ADMIN_PREFIX}/requests/count`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}) },
        body: JSON.stringify({ ...pattern, session: sessionId }),
      });
      const body = (await response.json()) as { count?: number; detail?: string };
      if (!response.ok || typeof body.count !== 'number') throw new Error(`counting requests failed: ${response.status} ${body.detail ?? ''}`);
      return body.count;
    },
    close: () => (closing ??= running.close()),
  };
}
