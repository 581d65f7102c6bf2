import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Reply } from '../engine/api-module.js';
import type { ApiRuntime } from '../engine/api-runtime.js';
import { asApiRequest, hasBody, mediaTypeOf } from '../engine/http/api-request.js';
import { REQUEST_ID_HEADER } from '../engine/http/mock-headers.js';
import { problemOf } from '../engine/http/problem.js';
import { keptBody, type JournalRecord } from '../engine/journal/journal.js';
import { sessionIdOf } from '../engine/sessions/session-resolver.js';
import type { SpecOperation } from '../engine/spec/operation-index.js';
import type { DriftReport } from './drift-report.js';
import { forward, returnedHeaders, type UpstreamAnswer } from './forward.js';
import type { ProxyJournals } from './proxy-journal.js';
import type { Recorder } from './recorder.js';
import { checkRequest } from './request-check.js';
import { documentedResponse, type ResponseChecker } from './response-check.js';
import { errorsOf, VIOLATIONS_HEADER, violationsHeader, type Violation } from './violation.js';

export interface ProxyDeps {
  runtime: ApiRuntime;
  upstream: URL;
  /** Prism's `--errors`: an invalid request is refused (422, not forwarded), a response violation answered 500. */
  errors: boolean;
  checker: ResponseChecker;
  drift: DriftReport;
  journals: ProxyJournals;
  recorder?: Recorder;
  logger: Logger;
}

// [SRC] Prism's proxy reads request bodies up to 10 MB; the proxy forwards bodies whole, so it holds them.
const BODY_LIMIT = 10 * 1024 * 1024;

/** One exchange under the API's mount point: checked, forwarded (or refused), checked again, answered, kept. */
export async function proxyExchange(req: IncomingMessage, res: ServerResponse, deps: ProxyDeps): Promise<void> {
  const startedAt = performance.now();
  const { runtime } = deps;
  const prefix = runtime.module.prefix;
  // The engine's split of the URL (path under the mount point, query), as the sandbox's own pipeline reads it.
  const { path, query, originalUrl } = asApiRequest(req, prefix);
  const fullPath = originalUrl.split('?', 1)[0];
  const pathAndQuery = originalUrl.slice(prefix.length) || '/';
  const method = req.method ?? 'GET';
  const mediaType = mediaTypeOf(req);
  const id = randomUUID();

  const session = sessionIdOf(req);
  if (!session.ok) return void send(res, id, session.reply.status, session.reply.headers ?? {}, JSON.stringify(session.reply.body));
  const body = hasBody(req) ? await readBody(req) : undefined;
  const journal = (status: number, headers: Record<string, string | string[]>, payload: string | undefined, op: SpecOperation | undefined, violations: Violation[]): void => {
    const record: JournalRecord = {
      id,
      at: Date.now(),
      method,
      path: fullPath,
      query: Object.keys(query).length ? query : undefined,
      requestHeaders: req.headers,
      requestBody: keptBody(body === 'too-large' ? undefined : body),
      requestMediaType: mediaType,
      status,
      responseHeaders: flatHeaders(headers),
      responseBody: keptBody(payload),
      durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
      api: runtime.module.name,
      operationId: op?.operationId,
      example: undefined,
      shapedBy: `proxy ${deps.upstream.origin}`,
      violations,
    };
    deps.journals.add(session.id, record);
  };
  const answer = (reply: Reply, op: SpecOperation | undefined, violations: Violation[]): void => {
    const headers = withViolations(reply.headers ?? {}, violations);
    const payload = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    send(res, id, reply.status, headers, payload);
    journal(reply.status, headers, payload, op, violations);
  };

  if (body === 'too-large') return answer(problemOf('bodyTooLarge', `the proxy forwards bodies up to ${BODY_LIMIT} bytes`), undefined, []);

  const match = runtime.index.match(method, path);
  if (match.kind !== 'matched') {
    // [SRC] Prism's proxy answers a route its spec lacks itself (404 NO_PATH_MATCHED_ERROR, 405 NO_METHOD_MATCHED_ERROR)
    // and does not forward it; followed here, so that a call the spec does not know is a failure a test sees.
    deps.drift.addUnmatched(method, path);
    const violation: Violation = { location: ['request'], severity: 'Error', code: match.kind, message: `${method} ${path} is not an operation of the ${runtime.module.name} spec` };
    deps.logger.warn(`Violation: request ${violation.message}`);
    const reply = match.kind === 'not-found' ? problemOf('notFound', violation.message) : problemOf('methodNotAllowed', violation.message);
    if (match.kind === 'method-not-allowed') reply.headers = { ...reply.headers, allow: match.allowed.join(', ') };
    return answer(reply, undefined, [violation]);
  }

  const { op } = match;
  const requestViolations = checkRequest(runtime.validators.get(op.operationId)!, { params: { ...match.params }, query: { ...query }, mediaType, body: parsedBody(body, mediaType) });
  logViolations(deps.logger, requestViolations);
  if (deps.errors && requestViolations.length > 0) {
    deps.drift.add(op, undefined, requestViolations, [], false);
    const reply = problemOf('requestViolations', 'The request is not valid and --errors is set, so it was not forwarded.', { validation: requestViolations });
    return answer(reply, op, requestViolations);
  }

  let upstream: UpstreamAnswer;
  try {
    upstream = await forward(deps.upstream, { method, pathAndQuery, headers: req.headers, body });
  } catch (err) {
    deps.drift.add(op, undefined, requestViolations, [], false);
    const reason = err instanceof Error ? err.message : String(err);
    deps.logger.error(`upstream ${deps.upstream.origin} did not answer ${method} ${path}: ${reason}`);
    return answer(problemOf('upstreamUnreachable', `${deps.upstream.origin} did not answer: ${reason}`), op, requestViolations);
  }

  const observed = readResponse(upstream);
  const responseViolations = deps.checker.check(op, { status: upstream.status, headers: upstream.headers, ...observed, bodiless: method === 'HEAD' });
  logViolations(deps.logger, responseViolations);
  const undocumented = !documentedResponse(op, upstream.status);
  // The status finding is counted once, as an undocumented status, rather than again as a violation.
  deps.drift.add(op, upstream.status, requestViolations, undocumented ? [] : responseViolations, undocumented);
  const violations = [...requestViolations, ...responseViolations];
  if (deps.recorder && method !== 'HEAD' && !observed.unparseable && (observed.body === undefined || isJson(observed.mediaType))) {
    const file = deps.recorder.record({ op, status: upstream.status, headers: upstream.headers, mediaType: observed.mediaType, body: observed.body });
    if (file) deps.logger.info(`recorded ${op.operationId} ${upstream.status} in ${file}`);
  }

  const errors = errorsOf(responseViolations);
  if (deps.errors && errors.length > 0) {
    // [SRC] Prism under --errors: only Error-severity response violations (an undocumented 4xx/5xx is a Warning) become its 500.
    const reply = problemOf('responseViolations', `${deps.upstream.origin} answered ${upstream.status}, which the spec does not allow, and --errors is set.`, { validation: errors });
    return answer(reply, op, violations);
  }
  const headers = withViolations(returnedHeaders(upstream.headers), violations);
  res.writeHead(upstream.status, { ...headers, 'content-length': String(upstream.body.length) });
  res.end(upstream.body);
  journal(upstream.status, headers, upstream.body.length ? upstream.body.toString('utf8') : undefined, op, violations);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= BODY_LIMIT) chunks.push(c);
    });
    req.on('end', () => resolve(size > BODY_LIMIT ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The body as the request validator reads it: JSON and forms parsed, anything else as text. */
function parsedBody(body: Buffer | undefined, mediaType: string | undefined): unknown {
  if (body === undefined) return undefined;
  const text = body.toString('utf8');
  if (mediaType === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (!isJson(mediaType)) return text;
  try {
    return JSON.parse(text);
  } catch {
    // [INF] Not JSON: validated as the text it is, so the schema's type check reports it.
    return text;
  }
}

function readResponse(upstream: UpstreamAnswer): { mediaType: string | undefined; body: unknown; unparseable?: boolean } {
  const type = upstream.headers['content-type'];
  const mediaType = (Array.isArray(type) ? type[0] : type)?.split(';')[0].trim().toLowerCase() || undefined;
  if (upstream.body.length === 0) return { mediaType, body: undefined };
  const text = upstream.body.toString('utf8');
  if (!isJson(mediaType)) return { mediaType, body: text };
  try {
    return { mediaType, body: JSON.parse(text) };
  } catch {
    return { mediaType, body: text, unparseable: true };
  }
}

function isJson(mediaType: string | undefined): boolean {
  return mediaType !== undefined && (mediaType === 'application/json' || mediaType.endsWith('+json'));
}

function withViolations<T extends Record<string, string | string[]>>(headers: T, violations: Violation[]): Record<string, string | string[]> {
  const value = violationsHeader(violations);
  return value ? { ...headers, [VIOLATIONS_HEADER]: value } : headers;
}

/** The proxy's own answer (a problem), marked with the request id the journal keeps it under. */
function send(res: ServerResponse, id: string, status: number, own: Record<string, string | string[]>, payload: string | undefined): void {
  const headers: Record<string, string | string[]> = { ...own, [REQUEST_ID_HEADER]: id };
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(status, headers);
  res.end(payload);
}

function flatHeaders(headers: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
}

/** [SRC] Prism logs each violation as "Violation: <location> <message>"; never a header or a value. */
function logViolations(logger: Logger, violations: Violation[]): void {
  for (const v of violations) logger[v.severity === 'Error' ? 'warn' : 'info'](`Violation: ${v.location.join('.')} ${v.message}`);
}
