import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Reply } from '../engine/api-module.js';
import type { ApiRuntime } from '../engine/api-runtime.js';
import { bodyParserErrorKind } from '../engine/body-parsers.js';
import { sendReply, type ExchangeInfo } from '../engine/exchange.js';
import { problem } from '../engine/problem.js';
import { DEFAULT_SESSION, SESSION_ID_PATTERN, type SessionStore } from '../engine/session-store.js';
import type { ResponseCoverage } from '../engine/response-coverage.js';
import type { ScenarioRegistry } from '../engine/scenarios/scenario-registry.js';
import type { ProviderStates } from './provider-states.js';

export interface AdminDeps {
  sessions: SessionStore;
  runtimes: ApiRuntime[];
  scenarios: ScenarioRegistry;
  coverage: ResponseCoverage;
  providerStates: ProviderStates;
  startedAt: number;
}

type AdminHandler = (req: Request) => Reply;

/** The `/__sandbox` control API: JSON in, JSON out, problem+json on every error. */
export function createAdminRouter(prefix: string, deps: AdminDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '256kb' }));
  const route = (method: 'get' | 'post' | 'put', path: string, handler: AdminHandler) =>
    router[method](path, (req, res) => answer(req, res, handler));

  route('get', '/health', () => ({ status: 200, body: health(deps) }));
  route('post', '/reset', (req) => reset(deps, req));
  route('get', '/state', (req) => withSession(req, (id) => ({ status: 200, body: stateOf(deps, id) })));
  route('get', '/journal', (req) => withSession(req, (id) => ({ status: 200, body: journalOf(deps, id, req) })));
  route('get', '/scenarios', () => ({ status: 200, body: deps.scenarios.list() }));
  route('get', '/coverage', () => ({ status: 200, body: deps.coverage.list() }));
  route('put', '/sessions/:id/scenario', (req) => setStickyScenario(deps, req));
  route('post', '/provider-states', (req) => deps.providerStates.apply(req.body, sessionParam(req)));
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
  sendReply(req, res, handler(req), undefined, info);
}

function sessionParam(req: Request): string | undefined {
  const value = req.query.session;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withSession(req: Request, handler: (id: string) => Reply): Reply {
  const id = sessionParam(req) ?? DEFAULT_SESSION;
  if (!SESSION_ID_PATTERN.test(id)) return problem(400, 'Invalid session id', `session must match ${SESSION_ID_PATTERN.source}`);
  return handler(id);
}

function health(deps: AdminDeps): unknown {
  return {
    status: 'ok',
    uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
    sessions: deps.sessions.size,
    apis: deps.runtimes.map((r) => ({ name: r.module.name, prefix: r.module.prefix, operations: r.operations.length })),
  };
}

function reset(deps: AdminDeps, req: Request): Reply {
  const id = sessionParam(req);
  if (id === undefined) {
    deps.sessions.reset();
    return { status: 200, body: { reset: 'all' } };
  }
  return withSession(req, (valid) => {
    deps.sessions.reset(valid);
    return { status: 200, body: { reset: valid } };
  });
}

function stateOf(deps: AdminDeps, id: string): unknown {
  const session = deps.sessions.get(id);
  const apis = Object.fromEntries(deps.runtimes.map((r) => [r.module.name, r.module.viewState(session.state[r.module.name])]));
  return { session: id, scenario: session.stickyScenario, apis };
}

function journalOf(deps: AdminDeps, id: string, req: Request): unknown {
  const limit = Number(req.query.limit);
  const session = deps.sessions.peek(id);
  const entries = session ? session.journal.list(Number.isInteger(limit) && limit > 0 ? limit : undefined) : [];
  return { session: id, entries };
}

function setStickyScenario(deps: AdminDeps, req: Request): Reply {
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
  deps.scenarios.makeSticky(deps.sessions.get(id), scenario ?? null);
  return { status: 200, body: { session: id, scenario: name } };
}
