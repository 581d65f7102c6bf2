import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN_ENV } from './admin/admin-guard.js';
import { ADMIN_PREFIX, createSandbox, DEFAULT_HOST, type Sandbox, type SandboxOptions } from './sandbox.js';
import type { operations as CenturyLinkOperations } from './spec-types/centurylink.js';
import type { operations as Cloud66Operations } from './spec-types/cloud66.js';
import type { operations as IntegratorOperations } from './spec-types/integrator.js';
import type { operations as OemOperations } from './spec-types/oem.js';

/** The four APIs the sandbox serves, by the name that is also their mount point (`/cloud66`, …). */
export type SandboxApi = 'cloud66' | 'centurylink' | 'integrator' | 'oem';

export interface StartSandboxOptions extends SandboxOptions {
  /** The session every helper uses; a fresh `test-<uuid>` by default, so parallel test files never share state. */
  sessionId?: string;
}

/** Every operationId of the four specs, so a pattern with a misspelt one fails to compile rather than count 0. */
export type OperationId = keyof Cloud66Operations | keyof CenturyLinkOperations | keyof IntegratorOperations | keyof OemOperations;

/** A text matcher (WireMock's names): a plain string is `equalTo`. */
export type ValueMatcher = string | { equalTo: string } | { contains: string } | { matches: string } | { absent: true };
/** A body matcher: the same JSON, text in it, or a JSON pointer / JSONPath that exists (and whose value matches). */
export type BodyMatcher =
  | { equalToJson: unknown }
  | { equalTo: string }
  | { contains: string }
  | { matches: string }
  | ({ matchesJsonPointer: string } & Partial<{ equalTo: string; contains: string; matches: string }>)
  | ({ matchesJsonPath: string } & Partial<{ equalTo: string; contains: string; matches: string }>);

/**
 * What requests to look for in this sandbox's session (`POST /__sandbox/requests/count`, the README's "Request
 * verification"): all given parts must hold. `api`, `operationId` and `status` (`403`, `'4xx'`, `'400-499'`) are
 * counted over every request; the rest is looked for in what the journal keeps.
 */
export interface RequestPattern {
  api?: SandboxApi;
  operationId?: OperationId;
  /** The journal's name for `operationId`. */
  operation?: OperationId;
  status?: number | string;
  method?: string;
  /** The whole request path; `*` stands for any run of characters. */
  path?: string;
  /** A regular expression the whole path matches. */
  pathPattern?: string;
  since?: string;
  shapedBy?: ValueMatcher;
  headers?: Record<string, ValueMatcher>;
  /** Shorthand: header names and the text their value contains. */
  header?: Record<string, string>;
  body?: BodyMatcher | BodyMatcher[];
  bodyContains?: string;
}

/** A journaled exchange as the admin API shows it, secrets redacted. */
export interface JournaledRequest {
  id: string;
  at: string;
  api?: SandboxApi;
  operationId?: string;
  example?: string;
  shapedBy?: string;
  request: { method: string; path: string; query: Record<string, unknown>; headers: Record<string, unknown>; body?: unknown };
  response: { status: number; headers: Record<string, unknown>; body?: unknown };
}

/** A request no operation matched, with the operation it came closest to. */
export interface UnmatchedRequest extends JournaledRequest {
  closest?: { api: SandboxApi; operationId: string; method: string; path: string; distance: number; why: string[] };
}

/** `sandbox.verify(pattern)`: assertions that throw with what the session did receive when they fail. */
export interface RequestVerification {
  toHaveBeenCalledTimes(times: number): Promise<void>;
  toHaveBeenCalled(): Promise<void>;
  not: { toHaveBeenCalled(): Promise<void> };
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
  /** The journaled exchanges of this session that match (the newest 50 by default, `journalSize`), newest first. */
  findRequests(pattern: RequestPattern): Promise<JournaledRequest[]>;
  /** This session's requests that no operation matched (WireMock's near misses), with the closest operation. */
  unmatchedRequests(): Promise<UnmatchedRequest[]>;
  /**
   * `await sandbox.verify({ operationId: 'linkPartnerIntegration', status: 200 }).toHaveBeenCalledTimes(1)`: throws,
   * naming the requests of that operation the session did receive and its unmatched ones, when the count differs.
   */
  verify(pattern: RequestPattern): RequestVerification;
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

  /** One admin API call in this sandbox's session; a problem answer is thrown with its detail. */
  const admin = async <T>(method: 'GET' | 'POST', path: string, pattern?: RequestPattern): Promise<T> => {
    const response = await fetch(`${running.url}${ADMIN_PREFIX}${path}?session=${encodeURIComponent(sessionId)}`, {
      method,
      headers: { ...(pattern ? { 'content-type': 'application/json' } : {}), ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}) },
      body: pattern ? JSON.stringify(pattern) : undefined,
    });
    const body = (await response.json()) as T & { detail?: string };
    if (!response.ok) throw new Error(`${path.slice(1)} failed: ${response.status} ${body.detail ?? ''}`);
    return body;
  };

  /** What a failed verification says: what was asked, what came, and what the session received near it. */
  const verificationFailure = async (pattern: RequestPattern, wanted: string, count: number): Promise<string> => {
    const lines = [`expected ${wanted} matching ${JSON.stringify(pattern)} in session ${sessionId}, got ${count}`];
    const operationId = pattern.operationId ?? pattern.operation;
    const related = operationId ? await admin<{ requests: JournaledRequest[] }>('POST', '/requests/find', { operationId }) : undefined;
    for (const r of related?.requests.slice(0, 5) ?? []) lines.push(`  received ${r.request.method} ${r.request.path} → ${r.response.status}${r.example ? ` (${r.example})` : ''}`);
    for (const r of (await admin<{ requests: UnmatchedRequest[] }>('GET', '/requests/unmatched')).requests.slice(0, 5)) {
      const near = r.closest ? `; closest: ${r.closest.method} ${r.closest.path} (${r.closest.operationId}): ${r.closest.why.join('; ')}` : '';
      lines.push(`  unmatched ${r.request.method} ${r.request.path} → ${r.response.status}${near}`);
    }
    return lines.join('\n');
  };

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
    countRequests: async (pattern) => (await admin<{ count: number }>('POST', '/requests/count', pattern)).count,
    findRequests: async (pattern) => (await admin<{ requests: JournaledRequest[] }>('POST', '/requests/find', pattern)).requests,
    unmatchedRequests: async () => (await admin<{ requests: UnmatchedRequest[] }>('GET', '/requests/unmatched')).requests,
    verify(pattern) {
      const expect = async (matches: (n: number) => boolean, wanted: string) => {
        const count = (await admin<{ count: number }>('POST', '/requests/count', pattern)).count;
        if (!matches(count)) throw new Error(await verificationFailure(pattern, wanted, count));
      };
      return {
        toHaveBeenCalledTimes: (times) => expect((n) => n === times, `${times} request${times === 1 ? '' : 's'}`),
        toHaveBeenCalled: () => expect((n) => n > 0, 'at least one request'),
        not: { toHaveBeenCalled: () => expect((n) => n === 0, 'no request') },
      };
    },
    close: () => (closing ??= running.close()),
  };
}
