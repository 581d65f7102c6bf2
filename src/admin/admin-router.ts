import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Reply } from '../engine/api-module.js';
import type { ApiRuntime } from '../engine/api-runtime.js';
import { bodyParserErrorKind } from '../engine/http/body-parsers.js';
import { openExchange } from '../engine/http/exchange.js';
import { sendReply } from '../engine/http/reply.js';
import { problemOf } from '../engine/http/problem.js';
import { parseSessionId } from '../engine/sessions/session-resolver.js';
import type { Session } from '../engine/sessions/session.js';
import { StoreUnavailableError, type SessionStore } from '../engine/stores/session-store.js';
import { coverageRows } from '../engine/journal/coverage-report.js';
import { countFromCoverage, parseRequestPattern, type Entry } from './request-search.js';
import { closestOperation } from '../engine/spec/near-miss.js';
import type { ResponseCoverage } from '../engine/journal/response-coverage.js';
import type { ScenarioRegistry } from '../engine/scenarios/scenario-registry.js';
import { createDashboardRouter } from './dashboard-router.js';
import { createDocsRouter } from './docs-router.js';
import { parseJournalQuery } from './journal-query.js';
import type { ProviderStates } from './provider-states.js';

export interface AdminDeps {
  sessions: SessionStore;
  runtimes: ApiRuntime[];
  scenarios: ScenarioRegistry;
  coverage: ResponseCoverage;
  providerStates: ProviderStates;
  startedAt: number;
  /** What a session not yet created would hold, for reads that must not create it. */
  newSession: (id: string) => Session;
}

type AdminHandler = (req: Request) => Reply | Promise<Reply>;

/** The `/__sandbox` control API: JSON in, JSON out, problem+json on every error. */
export function createAdminRouter(prefix: string, deps: AdminDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: '256kb' }));
  const routes: { method: string; pattern: RegExp }[] = [];
  const route = (method: 'get' | 'post' | 'put', path: string, handler: AdminHandler) => {
    routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${path.replace(/:[a-z]+/g, '[^/]+')}$`) });
    router[method](path, (req, res) => answer(req, res, handler));
  };

  route('get', '/health', async () => ({ status: 200, body: await health(deps) }));
  route('post', '/reset', (req) => reset(deps, req));
  route('get', '/state', (req) => withSession(req, async (id) => ({ status: 200, body: await stateOf(deps, id) })));
  route('get', '/journal', (req) => withSession(req, (id) => journalOf(deps, id, req.query as Record<string, unknown>)));
  route('get', '/scenarios', () => ({ status: 200, body: deps.scenarios.list() }));
  route('get', '/coverage', (req) => coverageOf(deps, req));
  route('post', '/requests/count', (req) => searchRequests(deps, req, 'count'));
  route('post', '/requests/find', (req) => searchRequests(deps, req, 'find'));
  route('get', '/requests/unmatched', (req) => withSession(req, (id) => unmatchedRequests(deps, id)));
  route('get', '/sessions', (req) => sessionsOf(deps, req));
  route('put', '/sessions/:id/scenario', (req) => setStickyScenario(deps, req));
  route('post', '/provider-states', (req) => deps.providerStates.apply(req.body, sessionParam(req)));
  // The web pages: HTML for people, over the same API; behind the same guard, since they live under the prefix.
  router.use(createDashboardRouter(prefix));
  router.use('/docs', createDocsRouter(`${prefix}/docs`, `${prefix}/`, deps.runtimes, deps.scenarios));
  router.use((req, res) => answer(req, res, () => notRouted(routes, req, prefix)));
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const kind = bodyParserErrorKind(err);
    const reply = kind ? problemOf(kind === 'payload-too-large' ? 'bodyTooLarge' : 'badAdminBody', 'the admin API takes a JSON body') : problemOf('internalError');
    answer(req, res, () => reply);
  });
  return router;
}

function answer(req: Request, res: Response, handler: AdminHandler): void {
  const ex = openExchange(req, res);
  Promise.resolve()
    .then(() => handler(req))
    .catch((err: unknown) => {
      if (err instanceof StoreUnavailableError) return problemOf('storeUnavailable', err.message);
      throw err;
    })
    .then(
      (reply) => sendReply(ex, reply),
      () => sendReply(ex, problemOf('internalError')),
    );
}

/** A path the admin API serves under other methods is 405 with their `Allow` (as RFC 9110 says); any other is 404. */
function notRouted(routes: { method: string; pattern: RegExp }[], req: Request, prefix: string): Reply {
  const allowed = [...new Set(routes.filter((r) => r.pattern.test(req.path)).map((r) => r.method))];
  if (allowed.length === 0) return problemOf('notFound', `no admin endpoint at ${req.method} ${prefix}${req.path}`);
  // Express answers HEAD through a GET route, so a path with GET allows HEAD too.
  if (allowed.includes('GET')) allowed.push('HEAD');
  const reply = problemOf('methodNotAllowed', `${prefix}${req.path} takes ${allowed.join(', ')}`, { allowed });
  return { ...reply, headers: { ...reply.headers, allow: allowed.join(', ') } };
}

/** `?limit=`: absent is the default; anything but a whole number of at least 1 is the client's 400. */
function limitParam(req: Request): { ok: true; limit: number | undefined } | { ok: false; reply: Reply } {
  const value = req.query.limit;
  if (value === undefined) return { ok: true, limit: undefined };
  const limit = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(limit) && limit > 0) return { ok: true, limit };
  return { ok: false, reply: problemOf('badQuery', `limit must be a whole number of at least 1, not ${JSON.stringify(value)}`) };
}

function sessionParam(req: Request): string | undefined {
  const value = req.query.session;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withSession(req: Request, handler: (id: string) => Reply | Promise<Reply>): Reply | Promise<Reply> {
  const id = parseSessionId(sessionParam(req), 'session');
  return id.ok ? handler(id.id) : id.reply;
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
  if (id === undefined) {
    deps.coverage.forget();
    return deps.sessions.reset().then(() => ({ status: 200, body: { reset: 'all' } }));
  }
  return withSession(req, async (valid) => {
    deps.coverage.forget(valid);
    await deps.sessions.reset(valid);
    return { status: 200, body: { reset: valid } };
  });
}

/**
 * Without `session`: what the sandbox has answered since it started, over all sessions. With it: every documented
 * response of every operation (`api=` one API's), reached by that session or not, and how; `missing=true` only those
 * it never got. What a partner's CI asks after its tests ran in one session.
 */
function coverageOf(deps: AdminDeps, req: Request): Reply {
  const { session, api, missing, ...rest } = req.query as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return problemOf('badQuery', `coverage takes session, api and missing; not ${JSON.stringify(unknown[0])}`);
  if (session === undefined) {
    if (api !== undefined || missing !== undefined) return problemOf('badQuery', 'api and missing need a session');
    return { status: 200, body: deps.coverage.list() };
  }
  const id = parseSessionId(session as string, 'session');
  if (!id.ok) return id.reply;
  const runtimes = deps.runtimes.filter((r) => api === undefined || r.module.name === api);
  if (runtimes.length === 0) return problemOf('badQuery', `api is one of ${deps.runtimes.map((r) => r.module.name).join(', ')}, not ${JSON.stringify(api)}`);
  if (missing !== undefined && missing !== 'true' && missing !== 'false') return problemOf('badQuery', `missing is true or false, not ${JSON.stringify(missing)}`);
  const rows = coverageRows(runtimes.map((r) => ({ api: r.module.name, operations: r.operations })), deps.coverage.listFor(id.id));
  const responses = missing === 'true' ? rows.filter((r) => !r.reached) : rows;
  return { status: 200, body: { session: id.id, documented: rows.length, reached: rows.filter((r) => r.reached).length, responses } };
}

/**
 * Request verification in one session (`?session=`, or `session` in the pattern; `default` without either):
 * `count` answers how many requests matched, from the per-session counters when the pattern is only api /
 * operation / status (every request), else from the journal (`searched: "journal"`, with how many it keeps);
 * `find` answers the matching journal entries.
 */
async function searchRequests(deps: AdminDeps, req: Request, kind: 'count' | 'find'): Promise<Reply> {
  const pattern = (req.body ?? {}) as Record<string, unknown>;
  const inQuery = sessionParam(req);
  const inBody = typeof pattern === 'object' && pattern !== null && !Array.isArray(pattern) ? pattern.session : undefined;
  if (inQuery !== undefined && inBody !== undefined && inQuery !== inBody) return problemOf('badAdminBody', `the session is ${JSON.stringify(inQuery)} in the query and ${JSON.stringify(inBody)} in the pattern: give it once`);
  const id = parseSessionId(inQuery ?? (typeof inBody === 'string' ? inBody : undefined), 'session');
  if (!id.ok) return id.reply;
  const kept = (await deps.sessions.journal(id.id)) as Entry[];
  const search = parseRequestPattern(pattern, kept);
  if (!search.ok) return search.reply;
  const found = kept.filter(search.test);
  if (kind === 'find') return { status: 200, body: { session: id.id, searched: 'journal', kept: kept.length, requests: found } };
  if (search.countable) return { status: 200, body: { session: id.id, count: countFromCoverage(deps.coverage.listFor(id.id), pattern), searched: 'counters' } };
  return { status: 200, body: { session: id.id, count: found.length, searched: 'journal', kept: kept.length } };
}

/**
 * WireMock's near misses: the session's journaled requests that reached an API's mount point but matched none of
 * its operations (its 404s and 405s), newest first, each with the operation it came closest to and why it missed.
 */
async function unmatchedRequests(deps: AdminDeps, id: string): Promise<Reply> {
  const kept = (await deps.sessions.journal(id)) as Entry[];
  const apis = deps.runtimes.map((r) => ({ api: r.module.name, prefix: r.module.prefix, operations: r.operations }));
  const requests = kept
    .filter((e) => e.api !== undefined && e.operationId === undefined && (e.response.status === 404 || e.response.status === 405))
    .map((e) => ({ ...e, closest: closestOperation(apis, e.request.method, e.request.path) }));
  return { status: 200, body: { session: id, searched: 'journal', kept: kept.length, requests } };
}

/** A session's state as the APIs show it; a session not created yet shows the fixture it would start from, and stays uncreated. */
async function stateOf(deps: AdminDeps, id: string): Promise<unknown> {
  const session = (await deps.sessions.read(id)) ?? deps.newSession(id);
  return {
    session: id,
    scenario: session.stickyScenario,
    apis: Object.fromEntries(deps.runtimes.map((r) => [r.module.name, r.module.viewState(session.state[r.module.name])])),
  };
}

/** The session's journal, newest first, filtered by the query (journal-query.ts) over every record still kept. */
async function journalOf(deps: AdminDeps, id: string, query: Record<string, unknown>): Promise<Reply> {
  const kept = (await deps.sessions.journal(id)) as Parameters<typeof parseJournalQuery>[1];
  const parsed = parseJournalQuery(query, kept);
  if (!parsed.ok) return parsed.reply;
  const entries = kept.filter(parsed.query.test).slice(0, parsed.query.limit);
  return { status: 200, body: { session: id, entries } };
}

const DEFAULT_SESSIONS_LISTED = 100;

/** The sessions the sandbox holds, most recently used first, without creating or touching any. */
async function sessionsOf(deps: AdminDeps, req: Request): Promise<Reply> {
  const limit = limitParam(req);
  if (!limit.ok) return limit.reply;
  return { status: 200, body: await deps.sessions.list(limit.limit ?? DEFAULT_SESSIONS_LISTED) };
}

function setStickyScenario(deps: AdminDeps, req: Request): Reply | Promise<Reply> {
  const parsed = parseSessionId(String(req.params.id), 'the session id');
  if (!parsed.ok) return parsed.reply;
  const id = parsed.id;
  const body = req.body as { scenario?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !('scenario' in body)) {
    return problemOf('badAdminBody', 'send {"scenario": "<api>/<name>"} or {"scenario": null}');
  }
  const name = body.scenario;
  const scenario = typeof name === 'string' ? deps.scenarios.get(name) : undefined;
  if (name !== null && !scenario) {
    return problemOf('unknownScenario', `no scenario named ${JSON.stringify(name)}`, { available: deps.scenarios.names() });
  }
  return deps.sessions.update(id, (session) => deps.scenarios.makeSticky(session, scenario ?? null)).then(() => ({ status: 200, body: { session: id, scenario: name } }));
}
