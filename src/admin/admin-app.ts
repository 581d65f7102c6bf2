import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { answerInternalError } from '../engine/request-dispatcher.js';
import { openExchange } from '../engine/http/exchange.js';
import { sendReply } from '../engine/http/reply.js';
import { problemOf } from '../engine/http/problem.js';
import { adminGuard } from './admin-guard.js';
import { createAdminRouter, type AdminDeps } from './admin-router.js';
import { providerStates, providerStatesFromScenarios } from './provider-states.js';

export interface AdminAppOptions extends Omit<AdminDeps, 'providerStates'> {
  /** Where the admin API is mounted (`/__sandbox`). */
  prefix: string;
  /** Where the sandbox listens: the admin API is open without a token on loopback only. */
  listenHost: () => string;
  adminToken: string | undefined;
  /** The APIs' mount points, named in the 404 for any other path. */
  apiPrefixes: string[];
  logger: Logger;
}

/** Everything outside the APIs: the admin API, dashboard and docs under `prefix`, and the 404 for the rest. */
export function createAdminApp(options: AdminAppOptions): Express {
  const { prefix, listenHost, adminToken, apiPrefixes, logger, ...deps } = options;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.use(prefix, adminGuard(listenHost, adminToken));
  app.use(prefix, createAdminRouter(prefix, { ...deps, providerStates: providerStates(deps.sessions, providerStatesFromScenarios(deps.scenarios)) }));
  app.use((req: Request, res: Response) => {
    const reply = problemOf('notFound', `nothing is served at ${req.path}; the APIs live under ${apiPrefixes.join(', ')}`);
    sendReply(openExchange(req, res), reply);
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => answerInternalError(req, res, err, logger));
  return app;
}
