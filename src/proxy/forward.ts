import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { SCENARIO_HEADER, SESSION_HEADER } from '../engine/http/mock-headers.js';

/** What the upstream answered, its body decoded so that it can be validated and passed on as it is. */
export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export interface OutgoingRequest {
  method: string;
  /** The path under the API's mount point, with its query as received (`/v1/integrations?limit=5`). */
  pathAndQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer | undefined;
}

// [SRC] RFC 9110 §7.6.1: connection-specific fields are not forwarded, nor those the Connection field names.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];
// Host names the proxy, not the upstream; the body is sent whole, so its length is recomputed; and the response is
// asked for uncompressed so its body can be validated ([INF] decoded below anyway for an upstream that ignores it).
// The sandbox's own headers are for the proxy only [INF]: the real API has no use for them.
// `Expect: 100-continue` was the client's exchange with the proxy, which has read the whole body already.
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'host', 'content-length', 'accept-encoding', 'expect', SESSION_HEADER, SCENARIO_HEADER]);

const UPSTREAM_TIMEOUT_MS = 30_000;

/** The upstream URL of a request: the upstream's own path prefix kept, the mount prefix already gone, the query kept. */
export function upstreamUrl(upstream: URL, pathAndQuery: string): URL {
  const base = upstream.pathname.replace(/\/+$/, '');
  return new URL(`${upstream.origin}${base}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`);
}

export function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const named = connectionTokens(headers.connection);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** The headers passed back to the client: hop-by-hop gone, and the length and encoding of the decoded body. */
export function returnedHeaders(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  const named = connectionTokens(headers.connection);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (HOP_BY_HOP.includes(name) || named.has(name) || name === 'content-length' || name === 'content-encoding') continue;
    out[name] = value;
  }
  return out;
}

export function forward(upstream: URL, outgoing: OutgoingRequest): Promise<UpstreamAnswer> {
  const url = upstreamUrl(upstream, outgoing.pathAndQuery);
  const headers: Record<string, string | string[]> = { ...forwardedHeaders(outgoing.headers), 'accept-encoding': 'identity' };
  if (outgoing.body !== undefined) headers['content-length'] = String(outgoing.body.length);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: outgoing.method, headers, timeout: UPSTREAM_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 502, headers: res.headers as Record<string, string | string[]>, body: decoded(Buffer.concat(chunks), res.headers['content-encoding']) });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${UPSTREAM_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(outgoing.body);
  });
}

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

function connectionTokens(value: string | string[] | undefined): Set<string> {
  const joined = Array.isArray(value) ? value.join(',') : value ?? '';
  return new Set(joined.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
}
