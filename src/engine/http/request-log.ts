import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { SESSION_HEADER } from './mock-headers.js';

/**
 * One line per exchange when `--log-requests` is on: method, path without its query, status, duration and
 * session. Never headers, query values or bodies, which is where secrets travel.
 */
export function logExchange(logger: Logger, req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  // Read now: routers rewrite `req.url` as they strip their mount points.
  const path = (req.url ?? '/').split('?')[0];
  res.once('finish', () => {
    const session = req.headers[SESSION_HEADER];
    logger.info(
      {
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        session: typeof session === 'string' ? session.slice(0, 128) : 'default',
      },
      'request',
    );
  });
}
