import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { SESSION_HEADER } from './session-resolver.js';

/**
 * One line per exchange when `--log-requests` is on: method, path without its query, status, duration and
 * session. Never headers, query values or bodies, which is where secrets travel.
 */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.once('finish', () => {
      const session = req.headers[SESSION_HEADER];
      logger.info(
        {
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
          session: typeof session === 'string' ? session.slice(0, 128) : 'default',
        },
        'request',
      );
    });
    next();
  };
}
