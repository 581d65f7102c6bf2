import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Reply } from '../engine/api-module.js';
import type { ApiRuntime } from '../engine/api-runtime.js';
import { bodyParserErrorKind } from '../engine/body-parsers.js';
import { sendReply, type ExchangeInfo } from '../engine/exchange.js';
import { problem } from '../engine/problem.js';
import { DEFAULT_SESSION, SESSION_ID_PATTERN } from '../engine/session.js';
import { StoreUnavailableError, type SessionStore } from '../engine/stores/session-store.js';
import type { ResponseCoverage } from '../engine/response-coverage.js';
import type { ScenarioRegistry } from '../engine/scenarios/scenario-registry.js';
import { createDashboardRouter } from './dashboard-router.js';
import { createDocsRouter } from './docs-router.js';
import type { ProviderStates } from './provider-states.js';

export interface AdminDeps {
  sessions: SessionStore;
  runtimes: ApiRuntime[];
  scenarios: ScenarioRegistry;
  coverage: ResponseCoverage;
  providerStates: ProviderStates;
  startedAt: number;
}

type AdminHandler = (req: Request) => Reply | Promise<Reply>;

/** The `/__sandbox` control API: JSON in, JSON out, problem+json on every error. */
export function createAdminRouter(prefix: string, deps: AdminDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '256kb' }));
  const route = (method: 'get' | 'post' | 'put', path: string, handler: AdminHandler) =>
    router[method](path, (req, res) => answer(req, res, handler));

  route('get', '/health', async () => ({ status: 200, body: await health(deps) }));
  route('post', '/reset', (req) => reset(deps, req));
  route('get', '/state', (req) => withSession(req, async (id) => ({ status: 200, body: await stateOf(deps, id) })));
  route('get', '/journal', (req) => withSession(req, async (id) => ({ status: 200, body: await journalOf(deps, id, req) })));
  route('get', '/scenarios', () => ({ status: 200, body: deps.scenarios.list() }));
  route('get', '/coverage', () => ({ status: 200, body: deps.coverage.list() }));
  route('get', '/sessions', async (req) => ({ status: 200, body: await sessionsOf(deps, req) }));
  route('put', '/sessions/:id/scenario', (req) => setStickyScenario(deps, req));
  route('post', '/provider-states', (req) => deps.providerStates.apply(req.body, sessionParam(req)));
  // The web pages: HTML for people, over the same API; behind the same guard, since they live under the prefix.
  router.use(createDashboardRouter(prefix));
  router.use('/docs', createDocsRouter(`${prefix}/docs`, `${prefix}/`, deps.runtimes, deps.scenarios));
  router.use((req, res) => answer(req, res, () => problem(404, 'Not found', `no admin endpoint at ${req.method} ${prefix}${req.path}`)));
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const kind = bodyParserErrorKind(err);
    const reply = kind ? problem(kind === 'payload-too-large' ? 413 : 400, 'Bad request body', 'the admin API takes a JSON body') : problem(500, 'Internal error');
    answer(req, res, () => reply);
  });
  return router;
}

function answer(req: Request, res: Response, handler: AdminHandler): void {
  const info: ExchangeInfo = { startedAt: performance.now() };
  Promise.resolve()
    .then(() => handler(req))
    .catch((err: unknown) => {
      if (err instanceof StoreUnavailableError) return problem(503, 'Session store unavailable', err.message);
      throw err;
    })
    .then(
      (reply) => sendReply(req, res, reply, undefined, info),
      () => sendReply(req, res, problem(500, 'Internal error'), undefined, info),
    );
}

function sessionParam(req: Request): string | undefined {
  const value = req.query.session;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withSession(req: Request, handler: (id: string) => Reply | Promise<Reply>): Reply | Promise<Reply> {
  const id = sessionParam(req) ?? DEFAULT_SESSION;
  if (!SESSION_ID_PATTERN.test(id)) return problem(400, 'Invalid session id', `session must match ${SESSION_ID_PATTERN.source}`);
  return handler(id);
}

async function health(deps: AdminDeps): Promise<unknown> {
  return {
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
    store: deps.sessions.kind,
    sessions: (await deps.sessions.list(0)).total,
    apis: deps.runtimes.map((r) => ({ name: r.module.name, prefix: r.module.prefix, operations: r.operations.length })),
  };
}

function reset(deps: AdminDeps, req: Request): Reply | Promise<Reply> {
  const id = sessionParam(req);
  if (id === undefined) return deps.sessions.reset().then(() => ({ status: 200, body: { reset: 'all' } }));
  return withSession(req, async (valid) => {
    await deps.sessions.reset(valid);
    return { status: 200, body: { reset: valid } };
  });
}

async function stateOf(deps: AdminDeps, id: string): Promise<unknown> {
  return deps.sessions.update(id, (session) => ({
    session: id,
    scenario: session.stickyScenario,
    apis: Object.fromEntries(deps.runtimes.map((r) => [r.module.name, r.module.viewState(session.state[r.module.name])])),
  }));
}

async function journalOf(deps: AdminDeps, id: string, req: Request): Promise<unknown> {
  const limit = Number(req.query.limit);
  return { session: id, entries: await deps.sessions.journal(id, Number.isInteger(limit) && limit > 0 ? limit : undefined) };
}

const DEFAULT_SESSIONS_LISTED = 100;

/** The sessions the sandbox holds, most recently used first, without creating or touching any. */
function sessionsOf(deps: AdminDeps, req: Request): Promise<unknown> {
  const limit = Number(req.query.limit);
  return deps.sessions.list(Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_SESSIONS_LISTED);
}

function setStickyScenario(deps: AdminDeps, req: Request): Reply | Promise<Reply> {
  const id = String(req.params.id);
  if (!SESSION_ID_PATTERN.test(id)) return problem(400, 'Invalid session id', `the session id must match ${SESSION_ID_PATTERN.source}`);
  const body = req.body as { scenario?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !('scenario' in body)) {
    return problem(400, 'Bad request body', 'send {"scenario": "<api>/<name>"} or {"scenario": null}');
  }
  const name = body.scenario;
  const scenario = typeof name === 'string' ? deps.scenarios.get(name) : undefined;
  if (name !== null && !scenario) {
    return problem(404, 'Unknown scenario', `no scenario named ${JSON.stringify(name)}`, { available: deps.scenarios.names() });
  }
  return deps.sessions.update(id, (session) => deps.scenarios.makeSticky(session, scenario ?? null)).then(() => ({ status: 200, body: { session: id, scenario: name } }));
}
