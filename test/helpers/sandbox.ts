import type { ApiModule } from '../../src/engine/api-module.js';
import type { ApiRuntime } from '../../src/engine/api-runtime.js';
import { ResponseValidator } from '../../src/engine/spec/response-validator.js';
import { afterAll, beforeAll, inject } from 'vitest';
import { uniqueKeyPrefix } from './redis-keys.js';
import { saveCoverage } from '../coverage/coverage-files.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox.js';

export interface CallOptions {
  body?: unknown;
  /** Sends `body` form-encoded instead of JSON. */
  form?: boolean;
  /** A body sent exactly as given (with `contentType`), for malformed input. */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  session?: string;
  /** Skip the check that the answer is documented (for the sandbox's own problem+json errors). */
  unchecked?: boolean;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface TestSandbox {
  baseUrl: string;
  sandbox: Sandbox;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  admin(method: string, path: string, body?: unknown): Promise<CallResult>;
  close(): Promise<void>;
}

const validator = new ResponseValidator();

/**
 * One real sandbox for the whole file: started before its first test, closed after its last. The handle can be
 * taken at the top of the file; it answers once the sandbox is up.
 */
export function useSandbox(options: Parameters<typeof startSandbox>[0] = {}): TestSandbox {
  let started: TestSandbox | undefined;
  beforeAll(async () => {
    started = await startSandbox(options);
  });
  afterAll(() => started?.close());
  const sb = (): TestSandbox => {
    if (!started) throw new Error('useSandbox: the sandbox is used before beforeAll started it');
    return started;
  };
  return {
    get baseUrl() {
      return sb().baseUrl;
    },
    get sandbox() {
      return sb().sandbox;
    },
    call: (method, path, opts) => sb().call(method, path, opts),
    admin: (method, path, body) => sb().admin(method, path, body),
    close: () => sb().close(),
  };
}

/** A real sandbox on a free loopback port; every answer is checked against the spec of its operation. */
export async function startSandbox(options: SandboxOptions & { modules?: ApiModule[] } = {}): Promise<TestSandbox> {
  // In the sandbox-redis project the same tests run against a Redis store, each sandbox in its own key space.
  const redisUrl = inject('redisUrl');
  const store = options.store ?? (redisUrl ? { redis: redisUrl, keyPrefix: uniqueKeyPrefix() } : undefined);
  const sandbox = await createSandbox({ ...options, store });
  const running = await sandbox.listen(0, '127.0.0.1');
  const call = async (method: string, path: string, opts: CallOptions = {}): Promise<CallResult> => {
    const result = await send(running.url, method, path, opts);
    if (!opts.unchecked) assertDocumented(sandbox.runtimes, method, path, result);
    return result;
  };
  return {
    baseUrl: running.url,
    sandbox,
    call,
    admin: (method, path, body) => call(method, `/__sandbox${path}`, { body, unchecked: true }),
    close: async () => {
      saveCoverage(inject('runId'), sandbox.coverage.list());
      await running.close();
    },
  };
}

async function send(baseUrl: string, method: string, path: string, opts: CallOptions): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.session) headers['x-mock-session'] = opts.session;
  let body: string | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['content-type'] ??= opts.contentType ?? 'application/json';
  } else if (opts.body !== undefined) {
    body = opts.form ? new URLSearchParams(opts.body as Record<string, string>).toString() : JSON.stringify(opts.body);
    headers['content-type'] ??= opts.form ? 'application/x-www-form-urlencoded' : 'application/json';
  }
  const res = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** Fails when the sandbox answers something its spec does not document: drift between spec and code. */
function assertDocumented(runtimes: ApiRuntime[], method: string, path: string, result: CallResult): void {
  const pathOnly = path.split('?')[0];
  const runtime = runtimes.find((r) => pathOnly === r.module.prefix || pathOnly.startsWith(`${r.module.prefix}/`));
  if (!runtime) return;
  const match = runtime.index.match(method.toUpperCase(), pathOnly.slice(runtime.module.prefix.length) || '/');
  if (match.kind !== 'matched') return;
  const mediaType = result.headers.get('content-type')?.split(';')[0].trim();
  const problems = validator.check(match.op, { status: result.status, mediaType: result.text ? mediaType : undefined, body: result.text ? result.body ?? result.text : undefined });
  if (problems.length > 0) {
    throw new Error(`${method} ${path} answered outside its spec:\n  ${problems.join('\n  ')}\n  body: ${result.text.slice(0, 500)}`);
  }
}
