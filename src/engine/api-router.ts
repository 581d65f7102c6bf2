import type { ServerResponse } from 'node:http';
import { isDeferred, type DeferredReply, type Reply, type RequestContext, type ValidationProblem } from './api-module.js';
import { hasBody, mediaTypeOf, type ApiRequest } from './http/api-request.js';
import type { ApiRuntime } from './api-runtime.js';
import { bodyParserErrorKind, bodyReader, withoutProtoKeys } from './http/body-parsers.js';
import { loadDynamicBodiesFor } from './scenarios/dynamic-body.js';
import { sendReply, type ExchangeInfo, type JournalSink } from './http/reply.js';
import { idSourceFor } from './sessions/id-source.js';
import type { ResponseCoverage } from './journal/response-coverage.js';
import { deliver, isPreHandlerFault } from './scenarios/faults.js';
import type { SpecOperation } from './spec/operation-index.js';
import { problemOf } from './http/problem.js';
import { shapeRequest, type Shaping } from './scenarios/response-shaper.js';
import type { ScenarioRegistry } from './scenarios/scenario-registry.js';
import type { Session } from './sessions/session.js';
import { sessionIdOf } from './sessions/session-resolver.js';
import { StoreUnavailableError, type SessionStore } from './stores/session-store.js';

export interface ApiRouterDeps {
  store: SessionStore;
  scenarios: ScenarioRegistry;
  coverage: ResponseCoverage;
  bodyLimit?: string;
  maxJsonDepth?: number;
}

/** Answers one request under the API's mount point; rejects only on a bug (the caller answers 500). */
export type ApiHandler = (req: ApiRequest, res: ServerResponse) => Promise<void>;

/**
 * One API's URL space: request → body → session → scenario (`Prefer`, `X-Mock-Scenario`, sticky) → operation →
 * authentication → validation → handler → journal → response. Everything under `prefix` is answered in the
 * API's own envelope, including bad bodies and unknown paths.
 */
export function createApiHandler(prefix: string, runtime: ApiRuntime, deps: ApiRouterDeps): ApiHandler {
  const readBody = bodyReader(deps.bodyLimit, deps.maxJsonDepth);
  return async (req, res) => {
    // Requests without a body (most reads) skip the parsers altogether.
    const bodyError = hasBody(req) ? await readBody(req, res) : undefined;
    if (bodyError === undefined) return serveApiRequest(prefix, runtime, deps, req, res);
    return answerBodyError(prefix, runtime, deps, bodyError, req, res);
  };
}

async function answerBodyError(prefix: string, runtime: ApiRuntime, deps: ApiRouterDeps, err: unknown, req: ApiRequest, res: ServerResponse): Promise<void> {
  const kind = bodyParserErrorKind(err);
  if (!kind) throw err;
  // The body is read before routing; match now so the journal and coverage name the operation.
  const match = runtime.index.match(req.method ?? 'GET', req.path);
  if (match.kind === 'matched' && !match.op.operation.requestBody) {
    // An operation that takes no body ignores whatever body came with it, as servers do.
    req.body = undefined;
    req.rawBody = undefined;
    return serveApiRequest(prefix, runtime, deps, req, res);
  }
  const message = kind === 'payload-too-large' ? 'the request body is too large' : OWN_MESSAGES.has((err as { type?: string }).type ?? '') ? (err as Error).message : 'the request body could not be parsed';
  const reply = runtime.module.engineError(kind, message);
  const operationId = match.kind === 'matched' ? match.op.operationId : undefined;
  if (operationId) deps.coverage.record(runtime.module.name, operationId, reply, undefined);
  const info: ExchangeInfo = { startedAt: performance.now(), api: runtime.module.name, operationId };
  const session = sessionIdOf(req);
  sendReply(req, res, reply, session.ok ? journalOf(deps.store, session.id) : undefined, info);
}

/** Body errors of the sandbox's own, whose message says what to fix (body-parsers.ts). */
const OWN_MESSAGES = new Set(['entity.too.deep', 'entity.number.range']);

const journalOf = (store: SessionStore, id: string): JournalSink => (record) => store.appendJournal(id, record);

/** What was decided inside the session's transaction; delivered after it was kept. */
interface Decision {
  reply: Reply | DeferredReply | undefined;
  shaping: Shaping;
}

async function serveApiRequest(prefix: string, runtime: ApiRuntime, deps: ApiRouterDeps, req: ApiRequest, res: ServerResponse): Promise<void> {
  const info: ExchangeInfo = { startedAt: performance.now(), api: runtime.module.name };
  const session = sessionIdOf(req);
  if (!session.ok) return sendReply(req, res, session.reply, undefined, info);
  const journal = journalOf(deps.store, session.id);

  const match = runtime.index.match(req.method ?? 'GET', req.path);
  if (match.kind !== 'matched') return sendReply(req, res, unmatched(runtime, req, match), journal, info);
  const op = match.op;
  info.operationId = op.operationId;

  await loadDynamicBodiesFor(req, req.query);
  let decision: Decision;
  try {
    decision = await deps.store.update(session.id, (s) => decide(prefix, runtime, deps, s, req, op, match.params, { ...req.query }));
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    return sendReply(req, res, problemOf('storeUnavailable', err.message), undefined, info);
  }
  info.shapedBy = decision.shaping.shapedBy;
  const pending = decision.reply;
  const reply = pending === undefined ? { status: 0 } : isDeferred(pending) ? await pending.afterCommit() : pending;
  deps.coverage.record(runtime.module.name, op.operationId, reply, decision.shaping.forced ? decision.shaping.shapedBy : undefined);
  await deliver(req, res, reply, decision.shaping, journal, info);
}

/**
 * Everything that reads or changes the session, synchronously, so a shared store can run it again after a
 * conflicting write: the scenario or `Prefer` first, then the API unless they answered.
 */
function decide(prefix: string, runtime: ApiRuntime, deps: ApiRouterDeps, session: Session, req: ApiRequest, op: SpecOperation, params: Record<string, string>, query: Record<string, unknown>): Decision {
  // Built once, on first need: after `Prefer` took its `__` keys out of the query, before the handler sees it.
  let ctx: RequestContext<unknown> | undefined;
  const context = () => (ctx ??= buildContext(prefix, runtime, session, req, op.operationId, params, query));
  // A scenario's answer waits for the API's authentication (response-shaper.ts says why).
  const authenticates = () => runtime.compiled.get(op.operationId)!.authenticate?.(context()) === undefined;
  const shaping = shapeRequest(deps.scenarios, session, req, runtime.module.name, op, query, authenticates);
  if (shaping.forced || isPreHandlerFault(shaping)) return { reply: shaping.forced, shaping };
  return { reply: runOperation(runtime, context(), mediaTypeOf(req)), shaping };
}

function unmatched(runtime: ApiRuntime, req: ApiRequest, match: { kind: 'not-found' } | { kind: 'method-not-allowed'; allowed: string[] }): Reply {
  if (match.kind === 'not-found') {
    return runtime.module.engineError('not-found', `no operation at ${req.method} ${req.originalUrl.split('?')[0]}`);
  }
  const reply = runtime.module.engineError('method-not-allowed', `${req.method} is not allowed here; allowed: ${match.allowed.join(', ')}`);
  reply.headers = { ...reply.headers, allow: match.allowed.join(', ') };
  return reply;
}

/** authenticate → validate → handle: the first step that answers wins. */
function runOperation(runtime: ApiRuntime, ctx: RequestContext<unknown>, mediaType: string | undefined): Reply | DeferredReply {
  const operation = runtime.compiled.get(ctx.operationId)!;
  const denied = operation.authenticate?.(ctx);
  if (denied) return denied;
  const { validator } = operation;
  const parts = { params: ctx.params, query: ctx.query, mediaType, body: ctx.body };
  const problems: ValidationProblem[] = validator.checkParams(parts);
  const bodyCheck = validator.checkBody(parts);
  if (!bodyCheck.ok && 'unsupported' in bodyCheck) {
    return runtime.module.engineError('unsupported-media-type', `send the body as ${bodyCheck.accepted.join(' or ')}`);
  }
  if (!bodyCheck.ok) problems.push(...bodyCheck.problems);
  if (problems.length > 0) return operation.rejectInvalid(problems, ctx);
  return operation.handler(ctx);
}

function ownOrigin(req: ApiRequest): string {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return `http://${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
}

function buildContext(
  prefix: string,
  runtime: ApiRuntime,
  session: Session,
  req: ApiRequest,
  operationId: string,
  params: Record<string, string>,
  query: Record<string, unknown>,
): RequestContext<unknown> {
  const sandboxBaseUrl = `${'encrypted' in req.socket ? 'https' : 'http'}://${req.headers.host ?? '127.0.0.1'}`;
  return {
    operationId,
    state: session.state[runtime.module.name],
    params,
    query: query as RequestContext<unknown>['query'],
    headers: req.headers,
    body: withoutProtoKeys(req.body, req.rawBody),
    ids: idSourceFor(session.ids),
    now: () => new Date(),
    apiBaseUrl: sandboxBaseUrl + prefix,
    sandboxBaseUrl,
    ownApiUrl: `${ownOrigin(req)}${prefix}`,
    sessionId: session.id,
  };
}

