/**
 * The contract between the shared engine and one API folder (`src/apis/<api>/`).
 *
 * The engine owns everything generic (routing from the spec, body parsing, schema validation,
 * sessions, scenarios, the journal). An API module owns only what differs per API: its state,
 * each operation of its spec (declared once, with `defineApi`), and how its own error envelope looks.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** What a handler answers. `example` names the spec example this answer corresponds to, when one does. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  example?: string;
}

/** One schema failure, in terms an API can turn into its own documented error. */
export interface ValidationProblem {
  location: 'body' | 'query' | 'path' | 'header';
  /** Dotted path of the offending field (`link_uid`, `data.vendorId`); empty for the whole body. */
  field: string;
  kind: 'missing' | 'type' | 'format' | 'enum' | 'pattern' | 'length' | 'additional' | 'other';
  message: string;
}

/** Deterministic generators, seeded per session so a fresh session repeats the same ids. */
export interface IdSource {
  /** Lower-case hex string of the given length (24 gives a Mongo-style ObjectId). */
  hex(length: number): string;
  uuid(): string;
}

/**
 * A request the type system knows nothing about: what `authenticate` and `rejectInvalid` see, since they run on
 * requests the schema has not accepted (yet, or at all).
 */
export interface UntypedOperation {
  parameters: { path: Record<string, string>; query: Record<string, unknown> };
  requestBody: { content: { [mediaType: string]: unknown } };
}

type NoParameters = Record<string, never>;
type Present<T, Otherwise> = [Exclude<T, undefined>] extends [never] ? Otherwise : Exclude<T, undefined>;
type ContentOf<B> = B extends { content: infer C } ? C[keyof C] : never;

/**
 * The parts of a request an operation's generated type (openapi-typescript's `operations[operationId]` in
 * `src/spec-types/<api>.ts`) describes. The body is any media type the operation accepts (JSON, or a form with
 * the same schema), and may be `undefined` when the spec makes it optional.
 */
export type PathOf<Op> = Op extends { parameters: { path?: infer P } } ? Present<P, NoParameters> : NoParameters;
export type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? Present<Q, NoParameters> : NoParameters;
export type BodyOf<Op> = Op extends { requestBody: infer B }
  ? ContentOf<B>
  : Op extends { requestBody?: infer B }
    ? ContentOf<B> | undefined
    : undefined;

/**
 * One request as an API sees it. With `Op` (`RequestContext<State, operations['getIntegration']>`), params, query
 * and body have the types the spec gives them: true in a handler, which runs only once the request passed that
 * operation's schema (query and path values coerced to their types). A typed context can be passed wherever an
 * untyped one is expected.
 */
export type RequestContext<S, Op = UntypedOperation> = RequestContextOf<S, PathOf<Op>, QueryOf<Op>, BodyOf<Op>>;

// An interface over the parts themselves (not over `Op`), so that contexts compare part by part.
export interface RequestContextOf<S, Params, Query, Body> {
  /** For logs and messages only: what differs per operation is declared on it (`defineApi`), never decided from this. */
  operationId: string;
  /** This API's slice of the session state; handlers mutate it in place. */
  state: S;
  params: Params;
  query: Query;
  headers: IncomingHttpHeaders;
  body: Body;
  ids: IdSource;
  now(): Date;
  /** Absolute URL of this API's mount point as the client reached it, e.g. `http://127.0.0.1:4010/cloud66`. */
  apiBaseUrl: string;
  /** Absolute URL of the sandbox root, e.g. `http://127.0.0.1:4010`. */
  sandboxBaseUrl: string;
  /**
   * This API's mount point on the socket that received the request, for calls the sandbox makes to itself
   * (the reference partner). Never taken from the Host header, so no request can point the sandbox elsewhere.
   */
  ownApiUrl: string;
  /** The session this request belongs to (for handlers that call the sandbox back, like a reference partner). */
  sessionId: string;
  /** The API's real host name the request came to (`api.eu.integrator.io`); absent under the mount prefix. */
  realHost?: string;
}

/**
 * An answer that must wait on I/O (the reference partner calling the sandbox back). The engine first keeps the
 * state the handler changed, then awaits `afterCommit` for the reply; `afterCommit` must not touch the state.
 */
export interface DeferredReply {
  afterCommit(): Promise<Reply>;
}

/**
 * Synchronous, and free of side effects but on `ctx.state`: a shared session store may run a handler again
 * when another replica changed the session meanwhile, so that exactly one of two racing requests wins.
 */
export type Handler<S, Op = UntypedOperation> = (ctx: RequestContext<S, Op>) => Reply | DeferredReply;

/**
 * Credential checks, run after routing and body parsing but before schema validation, so that a bad
 * token answers 401 before a bad body answers 422, as the real services do. A Reply stops the request.
 */
export type Authenticate<S> = (ctx: RequestContext<S>) => Reply | undefined;

/**
 * Turns schema failures into the response the operation documents for them
 * (e.g. Cloud 66's 403 `link_uid is missing`), never a generic 400.
 */
export type RejectInvalid<S> = (problems: ValidationProblem[], ctx: RequestContext<S>) => Reply;

/** One operation of the spec: its handler, and `authenticate`/`rejectInvalid` only where they differ from the API's. */
export interface OperationDefinition<S, Op = UntypedOperation> {
  handler: Handler<S, Op>;
  authenticate?: Authenticate<S>;
  rejectInvalid?: RejectInvalid<S>;
}

export function isDeferred(reply: object): reply is DeferredReply {
  return typeof (reply as DeferredReply).afterCommit === 'function';
}

/** Conditions the engine detects before a handler runs; each API answers them in its own envelope. */
export type EngineErrorKind =
  | 'malformed-body'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'not-found'
  | 'method-not-allowed';

export interface ApiModule<S = unknown> {
  /** Short name: the first segment of its scenario names (`cloud66/already-linked`) and its key in the state. */
  name: string;
  /** Mount point, e.g. `/cloud66`. */
  prefix: string;
  /** Path of the OpenAPI document, relative to the project root. */
  specFile: string;
  /** A fresh state from this API's section of the default fixture (`scenarios/default.yaml`). */
  createState(fixture: unknown, ids: IdSource): S;
  /**
   * A state as a store kept it (a `--state-file`, a Redis hash, possibly written by an earlier version), ready to
   * serve: migrations live here, and derived indexes a saved state lacks are built here. Every store calls it on
   * each session it loads; it must be cheap when nothing needs doing. Absent: the saved state is used as it is.
   */
  restoreState?(saved: unknown): S;
  /** Exactly one per operationId of the spec (checked by the compiler in `defineApi`, and again at start-up). */
  operations: Record<string, OperationDefinition<S>>;
  /** The API's credential check (see `Authenticate`), for every operation that declares none of its own. */
  authenticate?(ctx: RequestContext<S>): Reply | undefined;
  /** The API's schema-failure answer (see `RejectInvalid`), for every operation that declares none of its own. */
  rejectInvalid(problems: ValidationProblem[], ctx: RequestContext<S>): Reply;
  /** Engine-level failures (bad JSON, wrong content type, …) in this API's error envelope. */
  engineError(kind: EngineErrorKind, message: string): Reply;
  /** The state as `/__sandbox/state` shows it: secrets replaced, nothing else hidden. */
  viewState(state: S): unknown;
}

/**
 * An API as its folder writes it: `operations` keyed by the spec's generated `operations` type, so the compiler
 * rejects a missing operation or one the spec lacks, and each handler gets that operation's request types.
 */
export interface ApiDefinition<S, Ops> extends Omit<ApiModule<S>, 'operations'> {
  operations: { [Id in keyof Ops]: OperationDefinition<S, Ops[Id]> };
}

/** `defineApi<State, operations>({ …, operations: { getIntegration: { handler: getIntegration }, … } })` */
export function defineApi<S, Ops>(definition: ApiDefinition<S, Ops>): ApiModule<S> {
  // The one place a typed handler is seen as an untyped one: the engine calls it only after the request passed
  // its operation's schema, which is what those types state.
  const operations = definition.operations as unknown as Record<string, OperationDefinition<S>>;
  return { ...definition, operations };
}
