import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ApiHandler } from './api-pipeline.js';
import { asApiRequest, isUnder, type ApiRequest } from './http/api-request.js';
import { handleCors, type CorsOrigins } from './http/cors.js';
import { hostName, type HostRouter } from './http/host-routes.js';
import { answerRefused, mockedBy } from './http/proxy-tunnel.js';
import type { JournalRecord } from './journal/journal.js';
import { openExchange } from './http/exchange.js';
import { sendReply } from './http/reply.js';
import { problemOf } from './http/problem.js';
import { refuseLongUrl } from './http/request-limits.js';
import { logExchange } from './http/request-log.js';

export interface MountedApi {
  prefix: string;
  handle: ApiHandler;
}

export interface DispatcherOptions {
  apis: MountedApi[];
  /** The APIs' real host names (their specs' `servers`, then `--host-map`): served at the real paths, no prefix. */
  hosts: HostRouter<MountedApi>;
  /** Journals a request refused before any API saw it (a proxy target the sandbox does not mock). */
  journal: (sessionId: string, record: JournalRecord) => void;
  /** Everything outside the APIs' mount points: the admin API, the dashboard, the 404. */
  fallback: RequestListener;
  maxUrlLength: number;
  logger: Logger;
  logRequests: boolean;
  /** `--cors`: on the APIs' mount points only, never on the admin API. */
  cors?: CorsOrigins;
}

/**
 * The server's request listener. API requests go straight to their API's pipeline, so the hot path pays for
 * no framework; the rest goes to the Express app.
 */
export function createDispatcher(options: DispatcherOptions): RequestListener {
  const { apis, hosts, fallback, maxUrlLength, logger, logRequests, cors, journal } = options;
  const mocked = mockedBy(hosts);
  return (req, res) => {
    if (logRequests) logExchange(logger, req, res);
    if (refuseLongUrl(req, res, maxUrlLength)) return;
    let url = req.url ?? '/';
    // An absolute-form target (`GET https://api.integrator.io/v1/… HTTP/1.1`) is what HTTP_PROXY clients send.
    if (url.charCodeAt(0) !== 0x2f /* / */ && url !== '*') {
      const target = absoluteTarget(url);
      if (target) {
        // RFC 9112 §3.2.2: the target's authority replaces the Host header.
        req.url = url = target.pathAndQuery;
        req.headers.host = target.authority;
        (req as ApiRequest).targetScheme = target.scheme;
        if (!mocked(hostName(target.authority))) {
          return answerRefused(req, res, journal, 'proxyTargetRefused', `this sandbox answers only for the hosts it mocks; it does not forward to ${hostName(target.authority)}`);
        }
      }
    }
    const byHost = hosts.size > 0 ? hosts.match(req.headers.host) : undefined;
    if (byHost) return handleApi(byHost, req, res, '', hostName(req.headers.host!));
    for (const api of apis) {
      if (isUnder(url, api.prefix)) return handleApi(api, req, res, api.prefix);
    }
    fallback(req, res);
  };

  function handleApi(api: MountedApi, req: IncomingMessage, res: ServerResponse, mount: string, realHost?: string): void {
    if (cors && handleCors(cors, req, res)) return;
    const apiReq = asApiRequest(req, mount);
    if (realHost) apiReq.realHost = realHost;
    api.handle(apiReq, res).catch((err: unknown) => answerInternalError(apiReq, res, err, logger));
  }
}

/** The parts of an absolute-form request target, or undefined when it is not one. */
export function absoluteTarget(url: string): { scheme: 'http' | 'https'; authority: string; pathAndQuery: string } | undefined {
  const m = /^(https?):\/\/([^/?#]+)([^#]*)/i.exec(url);
  if (!m) return undefined;
  const rest = m[3] || '/';
  return { scheme: m[1].toLowerCase() as 'http' | 'https', authority: m[2].replace(/^[^@]*@/, ''), pathAndQuery: rest.startsWith('/') ? rest : `/${rest}` };
}

/** A bug's 500: problem+json to the client (when it can still be sent), the error to the log. */
export function answerInternalError(req: ApiRequest, res: ServerResponse, err: unknown, logger: Logger): void {
  const reply = problemOf('internalError', 'the sandbox failed to answer this request; see its log');
  if (!res.headersSent) sendReply(openExchange(req, res), reply);
  logger.error({ err: errorSummary(err), path: req.path }, 'request failed');
}

/** Message and stack only: an error object may carry the request that caused it, secrets included. */
export function errorSummary(err: unknown): { message: string; stack?: string } {
  return err instanceof Error ? { message: err.message, stack: err.stack } : { message: String(err) };
}
