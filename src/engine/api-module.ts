/**
 * The contract between the shared engine and one API folder (`src/apis/<api>/`).
 *
 * The engine owns everything generic (routing from the spec, body parsing, schema validation,
 * sessions, scenarios, the journal). An API module owns only what differs per API: its state,
 * one handler per operationId, and how its own error envelope looks.
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

export interface RequestContext<S> {
  operationId: string;
  /** This API's slice of the session state; handlers mutate it in place. */
  state: S;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  headers: IncomingHttpHeaders;
  body: unknown;
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
export type Handler<S> = (ctx: RequestContext<S>) => Reply | DeferredReply;

export function isDeferred(reply: Reply | DeferredReply): reply is DeferredReply {
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
  /** Exactly one handler per operationId of the spec. */
  handlers: Record<string, Handler<S>>;
  /**
   * Credential checks, run after routing and body parsing but before schema validation, so that a bad
   * token answers 401 before a bad body answers 422, as the real services do. A Reply stops the request.
   */
  authenticate?(ctx: RequestContext<S>): Reply | undefined;
  /**
   * Turns schema failures into the response the operation documents for them
   * (e.g. Cloud 66's 403 `link_uid is missing`), never a generic 400.
   */
  rejectInvalid(problems: ValidationProblem[], ctx: RequestContext<S>): Reply;
  /** Engine-level failures (bad JSON, wrong content type, …) in this API's error envelope. */
  engineError(kind: EngineErrorKind, message: string): Reply;
  /** The state as `/__sandbox/state` shows it: secrets replaced, nothing else hidden. */
  viewState(state: S): unknown;
}
