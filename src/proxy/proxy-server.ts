import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ApiModule } from '../engine/api-module.js';
import { buildApiRuntime } from '../engine/api-runtime.js';
import { isUnder } from '../engine/http/api-request.js';
import { problemOf } from '../engine/http/problem.js';
import { answerClientError, DEFAULT_LIMITS, refuseLongUrl } from '../engine/http/request-limits.js';
import { parseSessionId } from '../engine/sessions/session-resolver.js';
import { logger as processLogger } from '../logger.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../sandbox.js';
import { DriftReport } from './drift-report.js';
import { proxyExchange, type ProxyDeps } from './proxy-handler.js';
import { ProxyJournals } from './proxy-journal.js';
import { Recorder } from './recorder.js';
import { ResponseChecker } from './response-check.js';

export interface ProxyOptions {
  /** The API to proxy: one of the four names, or a module of one's own (tests). */
  api: string | ApiModule;
  /** The real API's base URL; its own path prefix is kept (`https://example.com/base` + `/v1/x`). */
  upstream: string;
  port?: number;
  host?: string;
  errors?: boolean;
  /** Folder the observed exchanges are written to as `<api>/recorded-*.yaml` scenarios. */
  record?: string;
  logger?: Logger;
}

export interface RunningProxy {
  url: string;
  port: number;
  server: Server;
  drift: DriftReport;
  close(): Promise<void>;
}

const ADMIN = '/__sandbox';

/**
 * `partner-sandbox proxy`: one API under its mount point, forwarded to the real one and checked both ways, and
 * the three admin paths that read what was seen. A server of its own rather than the sandbox's: the proxy keeps
 * no API state, runs no handler and needs none of the admin app.
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const module = typeof options.api === 'string' ? await moduleNamed(options.api) : options.api;
  const upstream = parseUpstream(options.upstream);
  const runtime = await buildApiRuntime(module);
  const checker = new ResponseChecker();
  const drift = new DriftReport(module.name, upstream.origin + upstream.pathname.replace(/\/$/, ''));
  const journals = new ProxyJournals();
  const log = options.logger ?? processLogger;
  const deps: ProxyDeps = {
    runtime,
    upstream,
    errors: options.errors ?? false,
    checker,
    drift,
    journals,
    recorder: options.record ? new Recorder(options.record, module.name, upstream.origin, checker) : undefined,
    logger: log,
  };
  const startedAt = Date.now();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (refuseLongUrl(req, res, DEFAULT_LIMITS.maxUrlLength)) return;
    const url = req.url ?? '/';
    if (isUnder(url, module.prefix)) {
      proxyExchange(req, res, deps).catch((err: unknown) => {
        log.error({ err: err instanceof Error ? err.message : String(err) }, 'proxy exchange failed');
        if (!res.headersSent) sendJson(res, problemOf('internalError', 'the proxy failed on this request'));
        else res.destroy();
      });
      return;
    }
    const { pathname, searchParams } = new URL(url, 'http://proxy');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, problemOf('methodNotAllowed', `${pathname} answers GET`));
    if (pathname === `${ADMIN}/health`) return sendJson(res, { status: 200, body: { status: 'ok', mode: 'proxy', api: module.name, upstream: upstream.origin, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) } });
    if (pathname === `${ADMIN}/drift`) return sendJson(res, { status: 200, body: drift.toJSON() });
    if (pathname === `${ADMIN}/journal`) {
      const session = parseSessionId(searchParams.get('session') ?? undefined, 'session');
      if (!session.ok) return sendJson(res, session.reply);
      return sendJson(res, { status: 200, body: { session: session.id, requests: journals.list(session.id) } });
    }
    sendJson(res, problemOf('notFound', `the proxy serves ${module.prefix}/… and ${ADMIN}/{health,drift,journal}`));
  };

  const server = createServer({ maxHeaderSize: DEFAULT_LIMITS.maxHeaderBytes, requestTimeout: DEFAULT_LIMITS.requestTimeoutMs, headersTimeout: DEFAULT_LIMITS.headersTimeoutMs }, handle);
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? DEFAULT_HOST;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    server,
    drift,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function moduleNamed(name: string): Promise<ApiModule> {
  const { allApis, API_NAMES } = await import('../apis/index.js');
  const found = allApis.find((m) => m.name === name);
  if (!found) throw new Error(`unknown API "${name}"; choose one of ${API_NAMES.join(', ')}`);
  return found;
}

function parseUpstream(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--upstream ${value}: not a URL (e.g. https://api.integrator.io)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--upstream ${value}: must be an http or https URL`);
  // [INF] Credentials in the URL would be sent as-is and shown in the drift report; the client's Authorization header is the way.
  if (url.username || url.password) throw new Error('--upstream must not carry credentials; the client\'s own Authorization header is forwarded');
  if (url.search || url.hash) throw new Error(`--upstream ${value}: give the base URL only, without a query or fragment`);
  return url;
}

function sendJson(res: ServerResponse, reply: { status: number; body?: unknown; headers?: Record<string, string> }): void {
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}), 'content-length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}
