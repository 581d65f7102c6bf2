import type { ServerResponse } from 'node:http';
import { isDeferred, type DeferredReply, type Reply, type RequestContext, type ValidationProblem } from './api-module.js';
import type { ApiRuntime, CompiledOperation } from './api-runtime.js';
import { hasBody, type ApiRequest } from './http/api-request.js';
import { bodyParserErrorKind, bodyReader, withoutProtoKeys, type BodyReader } from './http/body-parsers.js';
import { isNothingSent, openExchange, type Exchange, type NothingSent } from './http/exchange.js';
import { problemOf } from './http/problem.js';
import { sendReply } from './http/reply.js';
import type { ResponseCoverage } from './journal/response-coverage.js';
import { clientOrigin, type TrustProxy } from './http/client-origin.js';
import { loadDynamicBodiesFor } from './scenarios/dynamic-body.js';
import { deliver, nothingSentFor } from './scenarios/faults.js';
import { shapeRequest, type Shaping } from './scenarios/response-shaper.js';
import type { ScenarioRegistry } from './scenarios/scenario-registry.js';
import { idSourceFor } from './sessions/id-source.js';
import type { Session } from './sessions/session.js';
import { sessionIdOf } from './sessions/session-resolver.js';
import { StoreUnavailableError, type SessionStore } from './stores/session-store.js';

export interface ApiPipelineDeps {
  store: SessionStore;
  scenarios: ScenarioRegistry;
  coverage: ResponseCoverage;
  bodyLimit?: string;
  maxJsonDepth?: number;
  /** `--trust-proxy`: whose `Forwarded` / `X-Forwarded-*` the absolute URLs follow (client-origin.ts). */
  trustProxy?: TrustProxy;
}

/** Answers one request under the API's mount point; rejects only on a bug (the caller answers 500). */
export type ApiHandler = (req: ApiRequest, res: ServerResponse) => Promise<void>;

/**
 * One API's URL space, as the stages it runs, top to bottom: request → session → operation → body → scenario or
 * `Prefer` → authentication → validation → handler → journal → response. Everything under `prefix` is answered in
 * the API's own envelope, including bad bodies and unknown paths.
 */
export function createApiHandler(prefix: string, runtime: ApiRuntime, deps: ApiPipelineDeps): ApiHandler {
  const readBody = bodyReader(deps.bodyLimit, deps.maxJsonDepth);
  return async (req, res) => {
    const ex = openExchange(req, res, runtime.module.name);

    const session = sessionIdOf(req);
    if (!session.ok) return sendReply(ex, session.reply);
    ex.sessionId = session.id;
    ex.journal = (record) => deps.store.appendJournal(session.id, record);

    const match = runtime.index.match(req.method ?? 'GET', req.path);
    if (match.kind !== 'matched') return sendReply(ex, unmatched(runtime, req, match));
    const op = runtime.compiled.get(match.op.operationId)!;
    ex.operationId = op.operationId;
    ex.params = match.params;

    const bodyError = await readBodyOf(ex, op, readBody);
    if (bodyError) return answerBodyError(ex, runtime, deps.coverage, bodyError);

    await loadDynamicBodiesFor(req, req.query);
    let decision: Decision;
    try {
      decision = await deps.store.update(session.id, (s) => decide(ex, prefix, runtime, deps, s, op), runtime.module.name);
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      return sendReply(ex, problemOf('storeUnavailable', err.message));
    }
    ex.shapedBy = decision.shaping.shapedBy;

    const pending = decision.outcome;
    const outcome = isDeferred(pending) ? await pending.afterCommit() : pending;
    if (!isNothingSent(outcome)) deps.coverage.record(runtime.module.name, op.operationId, outcome, decision.shaping.forced ? decision.shaping.shapedBy : undefined, ex.sessionId);
    await deliver(ex, outcome, decision.shaping);
  };
}

/**
 * Reads the body only for an operation that takes one: any other ignores whatever body came with it, as servers
 * do, and never parses it. Resolves with the parser's error, if any.
 */
async function readBodyOf(ex: Exchange, op: CompiledOperation, readBody: BodyReader): Promise<unknown> {
  if (!op.spec.operation.requestBody || !hasBody(ex.req)) return undefined;
  const err = await readBody(ex.req, ex.res);
  if (err !== undefined) return err;
  ex.body = withoutProtoKeys(ex.req.body, ex.req.rawBody);
  return undefined;
}

function answerBodyError(ex: Exchange, runtime: ApiRuntime, coverage: ResponseCoverage, err: unknown): void {
  const kind = bodyParserErrorKind(err);
  if (!kind) throw err;
  const message = kind === 'payload-too-large' ? 'the request body is too large' : OWN_MESSAGES.has((err as { type?: string }).type ?? '') ? (err as Error).message : 'the request body could not be parsed';
  const reply = runtime.module.engineError(kind, message);
  coverage.record(runtime.module.name, ex.operationId!, reply, undefined, ex.sessionId);
  sendReply(ex, reply);
}

/** Body errors of the sandbox's own, whose message says what to fix (body-parsers.ts). */
const OWN_MESSAGES = new Set(['entity.too.deep', 'entity.number.range']);

function unmatched(runtime: ApiRuntime, req: ApiRequest, match: { kind: 'not-found' } | { kind: 'method-not-allowed'; allowed: string[] }): Reply {
  if (match.kind === 'not-found') {
    return runtime.module.engineError('not-found', `no operation at ${req.method} ${req.originalUrl.split('?')[0]}`);
  }
  const reply = runtime.module.engineError('method-not-allowed', `${req.method} is not allowed here; allowed: ${match.allowed.join(', ')}`);
  reply.headers = { ...reply.headers, allow: match.allowed.join(', ') };
  return reply;
}

/** What was decided inside the session's transaction; delivered after it was kept. */
interface Decision {
  outcome: Reply | DeferredReply | NothingSent;
  shaping: Shaping;
}

/**
 * Everything that reads or changes the session, synchronously, so a shared store can run it again after a
 * conflicting write: the scenario or `Prefer` first, then the API unless they answered.
 */
function decide(ex: Exchange, prefix: string, runtime: ApiRuntime, deps: ApiPipelineDeps, session: Session, op: CompiledOperation): Decision {
  // A copy per run: `Prefer` takes its `__` keys out of it, and a re-run starts from the request again.
  const query = { ...ex.req.query };
  // Built once, on first need: after `Prefer` took its keys out, before the handler sees it.
  let ctx: RequestContext<unknown> | undefined;
  const context = () => (ctx ??= contextOf(ex, prefix, runtime, session, query, deps.trustProxy));
  // A scenario's answer waits for the API's authentication (response-shaper.ts says why).
  const authenticates = () => op.authenticate?.(context()) === undefined;
  const shaping = shapeRequest(deps.scenarios, session, ex.req, runtime.module.name, op.spec, query, authenticates);
  if (shaping.forced) return { outcome: rebaseUrls(shaping.forced, runtime, context()), shaping };
  const nothingSent = nothingSentFor(shaping);
  if (nothingSent) return { outcome: nothingSent, shaping };
  return { outcome: runOperation(ex, runtime, op, context()), shaping };
}

/**
 * A documented answer's headers name the spec's own server (`http://127.0.0.1:4010/integrator/v1/…?skip=1`);
 * served, they name where the client reached the sandbox, as a state-driven answer's do.
 */
function rebaseUrls(reply: Reply, runtime: ApiRuntime, ctx: RequestContext<unknown>): Reply {
  const spec = specServerOf(runtime);
  if (!reply.headers || !spec) return reply;
  const { api: specApi, origin: specOrigin } = spec;
  const swaps: [string, string][] = [
    [specApi, ctx.apiBaseUrl],
    [specOrigin, ctx.sandboxBaseUrl],
    [encodeURIComponent(specApi), encodeURIComponent(ctx.apiBaseUrl)],
    [encodeURIComponent(specOrigin), encodeURIComponent(ctx.sandboxBaseUrl)],
  ];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers)) headers[name] = swaps.reduce((v, [from, to]) => v.replaceAll(from, to), value);
  return { ...reply, headers };
}

/** authenticate → validate → handle: the first step that answers wins. */
function runOperation(ex: Exchange, runtime: ApiRuntime, op: CompiledOperation, ctx: RequestContext<unknown>): Reply | DeferredReply {
  const denied = op.authenticate?.(ctx);
  if (denied) return denied;
  const parts = { params: ctx.params, query: ctx.query, mediaType: ex.mediaType, body: ctx.body };
  const problems: ValidationProblem[] = op.validator.checkParams(parts);
  const bodyCheck = op.validator.checkBody(parts);
  if (!bodyCheck.ok && 'unsupported' in bodyCheck) {
    return runtime.module.engineError('unsupported-media-type', `send the body as ${bodyCheck.accepted.join(' or ')}`);
  }
  if (!bodyCheck.ok) problems.push(...bodyCheck.problems);
  if (problems.length > 0) return op.rejectInvalid(problems, ctx);
  return op.handler(ctx);
}

const specServers = new WeakMap<ApiRuntime, { api: string; origin: string } | null>();

/** The spec's own server URL and its origin, worked out once per API. */
function specServerOf(runtime: ApiRuntime): { api: string; origin: string } | null {
  let found = specServers.get(runtime);
  if (found === undefined) {
    const api = runtime.spec.servers?.[0]?.url;
    found = api ? { api, origin: new URL(api).origin } : null;
    specServers.set(runtime, found);
  }
  return found;
}

function contextOf(ex: Exchange, prefix: string, runtime: ApiRuntime, session: Session, query: Record<string, unknown>, trustProxy: TrustProxy | undefined): RequestContext<unknown> {
  const { req } = ex;
  const origin = clientOrigin(req, trustProxy);
  const mount = req.mount ?? prefix;
  return {
    operationId: ex.operationId!,
    state: session.state[runtime.module.name],
    params: ex.params,
    query: query as RequestContext<unknown>['query'],
    headers: req.headers,
    body: ex.body,
    ids: idSourceFor(session.ids),
    now: () => new Date(),
    apiBaseUrl: origin + mount,
    // [INF] On a real host name the sandbox's other paths (another API's, its reference partner) are not served:
    // they are reached at its own address instead.
    sandboxBaseUrl: req.realHost ? ownOrigin(req) : origin,
    ownApiUrl: `${ownOrigin(req)}${prefix}`,
    realHost: req.realHost,
    sessionId: session.id,
  };
}

function ownOrigin(req: ApiRequest): string {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  return `http://${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
}
