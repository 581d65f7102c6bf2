import type { RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ApiHandler } from './api-pipeline.js';
import { asApiRequest, isUnder, type ApiRequest } from './http/api-request.js';
import { handleCors, type CorsOrigins } from './http/cors.js';
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
  const { apis, fallback, maxUrlLength, logger, logRequests, cors } = options;
  return (req, res) => {
    if (logRequests) logExchange(logger, req, res);
    if (refuseLongUrl(req, res, maxUrlLength)) return;
    const url = req.url ?? '/';
    for (const api of apis) {
      if (!isUnder(url, api.prefix)) continue;
      if (cors && handleCors(cors, req, res)) return;
      const apiReq = asApiRequest(req, api.prefix);
      api.handle(apiReq, res).catch((err: unknown) => answerInternalError(apiReq, res, err, logger));
      return;
    }
    fallback(req, res);
  };
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
