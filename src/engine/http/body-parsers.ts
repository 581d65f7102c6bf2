import type { ServerResponse } from 'node:http';
import bodyParser from 'body-parser';
import type { EngineErrorKind } from '../api-module.js';
import type { ApiRequest } from './api-request.js';
import { canReadJsonFast, readJsonFast } from './json-fast-path.js';
import { DEFAULT_LIMITS, exceedsJsonDepth } from './request-limits.js';

export const DEFAULT_BODY_LIMIT = '1mb';

/** Keeps the raw bytes, so the journal can show the body as sent without copying it on the hot path. */
function keepRawBody(req: ApiRequest, _res: unknown, buf: Buffer): void {
  req.rawBody = buf;
}

/** Also refuses JSON nested deeper than `maxDepth`, before it is parsed, and numbers no double can hold. */
function keepRawJson(maxDepth: number) {
  return (req: ApiRequest, _res: unknown, buf: Buffer): void => {
    checkJson(buf, maxDepth);
    req.rawBody = buf;
  };
}

function checkJson(buf: Buffer, maxDepth: number): void {
  if (exceedsJsonDepth(buf, maxDepth)) throw Object.assign(new Error(`the JSON nests deeper than ${maxDepth} levels`), { type: 'entity.too.deep' });
  if (holdsNonFiniteNumber(buf)) throw Object.assign(new Error('the JSON has a number beyond the largest double (about 1.8e308)'), { type: 'entity.number.range' });
}

// Only a literal with a three-digit exponent or 309+ digits can overflow a double: such bodies alone are re-read.
const MAY_OVERFLOW = /[eE]\+?\d{3}|\d{309}/;

/**
 * JSON.parse turns `1e400` into Infinity, which JSON cannot carry back: kept in a session it would come out as
 * `null` in a later answer. Refused as the malformed body it is, whatever field it is in (schemas without a type too).
 */
function holdsNonFiniteNumber(buf: Buffer): boolean {
  if (!MAY_OVERFLOW.test(buf.toString('latin1'))) return false;
  let found = false;
  try {
    JSON.parse(buf.toString('utf8'), (_key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) found = true;
      return value;
    });
  } catch {
    // Not JSON at all: body-parser's own parse says so.
  }
  return found;
}

/** Reads a request's body into `req.body` and `req.rawBody`; resolves with the parser's error, if any. */
export type BodyReader = (req: ApiRequest, res: ServerResponse) => Promise<unknown>;

/**
 * JSON (and +json) and form bodies (Cloud 66 partners post either), through body-parser: limits, charsets,
 * content encodings. Another media type is left unread; validation answers it as unsupported.
 */
export function bodyReader(limit: string = DEFAULT_BODY_LIMIT, maxJsonDepth = DEFAULT_LIMITS.maxJsonDepth): BodyReader {
  // [INF] Not body-parser's `strict` mode: `"AAA"`, `0` or `null` is JSON, and the wrong type for the operation's
  // schema, which answers it as each API documents a wrong type, not as a body that could not be parsed.
  const json = bodyParser.json({ limit, strict: false, type: ['application/json', 'application/*+json'], verify: keepRawJson(maxJsonDepth) as never });
  const form = bodyParser.urlencoded({ limit, extended: false, verify: keepRawBody as never });
  const limitBytes = byteCount(limit);
  const check = (raw: Buffer) => checkJson(raw, maxJsonDepth);
  return (req, res) =>
    canReadJsonFast(req, limitBytes) ? readJsonFast(req, check) : new Promise((resolve) => {
      json(req as never, res as never, (err?: unknown) => (err ? resolve(err) : form(req as never, res as never, resolve)));
    });
}

/** body-parser's limit (`1mb`, `512kb`, a number of bytes) in bytes; 0 (the fast path off) when it is none of those. */
function byteCount(limit: string | number): number {
  if (typeof limit === 'number') return limit;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  if (!m) return 0;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(m[1]) * unit);
}

/** Which engine condition a body-parser error is, or undefined when it is not one of theirs. */
export function bodyParserErrorKind(err: unknown): EngineErrorKind | undefined {
  const type = (err as { type?: string } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
    case 'entity.verify.failed':
    case 'entity.too.deep':
    case 'entity.number.range':
    case 'request.aborted':
    case 'request.size.invalid':
      return 'malformed-body';
    case 'entity.too.large':
    case 'parameters.too.many':
      return 'payload-too-large';
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 'unsupported-media-type';
    default:
      return kindOfUntypedError(err);
  }
}

/**
 * body-parser passes some read errors on with a client status but no `type`: a gzip/deflate/br body that does not
 * inflate is a 400 wrapping zlib's error. Those are the client's too (`expose` marks http-errors' 4xx).
 */
function kindOfUntypedError(err: unknown): EngineErrorKind | undefined {
  const { status, expose } = (err ?? {}) as { status?: number; expose?: boolean };
  if (!expose || status === undefined || status < 400 || status > 499) return undefined;
  return status === 413 ? 'payload-too-large' : status === 415 ? 'unsupported-media-type' : 'malformed-body';
}

/** `__proto__` arrives from JSON.parse as a harmless own key, but copying it with `=` would re-parent an object. */
export function withoutProtoKeys(value: unknown, raw: Buffer | undefined): unknown {
  if (!raw || !raw.includes('__proto__')) return value;
  return stripProtoKeys(value);
}

function stripProtoKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(stripProtoKeys);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    out[key] = stripProtoKeys((value as Record<string, unknown>)[key]);
  }
  return out;
}
