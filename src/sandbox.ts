import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { createAdminRouter } from './admin/admin-router.js';
import { providerStates, providerStatesFromScenarios } from './admin/provider-states.js';
import type { ApiModule } from './engine/api-module.js';
import { createApiRouter } from './engine/api-router.js';
import { buildApiRuntime, type ApiRuntime } from './engine/api-runtime.js';
import { sendReply } from './engine/exchange.js';
import { loadFixture, DEFAULT_FIXTURE_FILE } from './engine/fixture.js';
import { problem } from './engine/problem.js';
import { ResponseCoverage } from './engine/response-coverage.js';
import { loadScenarios, SCENARIO_DIR } from './engine/scenarios/scenario-loader.js';
import { ScenarioRegistry } from './engine/scenarios/scenario-registry.js';
import { SessionStore } from './engine/session-store.js';
import { logger } from './logger.js';
import { sessionResolver } from './engine/session-resolver.js';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const ADMIN_PREFIX = '/__sandbox';

export interface SandboxOptions {
  modules?: ApiModule[];
  fixtureFile?: string;
  /** Folder of `<api>/<name>.yaml` scenario files. */
  scenarioDir?: string;
  bodyLimit?: string;
  sessionTtlMs?: number;
  maxSessions?: number;
  journalSize?: number;
}

export interface Sandbox {
  app: Express;
  sessions: SessionStore;
  runtimes: ApiRuntime[];
  scenarios: ScenarioRegistry;
  coverage: ResponseCoverage;
  listen(port?: number, host?: string): Promise<RunningSandbox>;
}

export interface RunningSandbox {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Builds the whole sandbox (all APIs, admin API) without listening, so tests and the CLI share one path. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // Loaded lazily, so an engine test with its own modules does not load the four APIs.
  const modules = options.modules ?? (await import('./apis/index.js')).allApis;
  const runtimes = await Promise.all(modules.map(buildApiRuntime));
  const sessions = new SessionStore({
    modules,
    fixture: loadFixture(options.fixtureFile ?? DEFAULT_FIXTURE_FILE),
    ttlMs: options.sessionTtlMs,
    maxSessions: options.maxSessions,
    journalSize: options.journalSize,
  });
  const scenarios = new ScenarioRegistry(loadScenarios(runtimes, options.scenarioDir ?? SCENARIO_DIR), sessions);
  const coverage = new ResponseCoverage();
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');

  app.use(
    ADMIN_PREFIX,
    createAdminRouter(ADMIN_PREFIX, {
      sessions,
      runtimes,
      scenarios,
      coverage,
      providerStates: providerStates(sessions, providerStatesFromScenarios(sessions, scenarios)),
      startedAt: Date.now(),
    }),
  );
  const resolveSession = sessionResolver(sessions);
  for (const runtime of runtimes) {
    app.use(runtime.module.prefix, createApiRouter(runtime.module.prefix, runtime, { resolveSession, scenarios, coverage, bodyLimit: options.bodyLimit }));
  }
  app.use((req: Request, res: Response) => {
    sendReply(req, res, problem(404, 'Not found', `nothing is served at ${req.path}; the APIs live under ${modules.map((m) => m.prefix).join(', ')}`), undefined, {
      startedAt: performance.now(),
    });
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const reply = problem(500, 'Internal error', 'the sandbox failed to answer this request; see its log');
    if (!res.headersSent) sendReply(req, res, reply, undefined, { startedAt: performance.now() });
    logger.error({ err: errorSummary(err), path: req.path }, 'request failed');
  });

  return { app, sessions, runtimes, scenarios, coverage, listen: (port, host) => listen(app, port ?? DEFAULT_PORT, host ?? DEFAULT_HOST) };
}

function listen(app: Express, port: number, host: string): Promise<RunningSandbox> {
  const server = createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        port: address.port,
        server,
        close: () => closeServer(server),
      });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}

/** Message and stack only: an error object may carry the request that caused it, secrets included. */
function errorSummary(err: unknown): { message: string; stack?: string } {
  return err instanceof Error ? { message: err.message, stack: err.stack } : { message: String(err) };
}
