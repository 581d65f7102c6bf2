import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

/**
 * What the engine reads of a request: Node's own message plus its path and query, split once. API requests
 * reach the engine straight from Node's server (Express's per-request set-up cost more than the whole
 * pipeline); an Express `Request`, as the admin API has, fits this shape too.
 */
export interface ApiRequest extends IncomingMessage {
  /** The path without its query, relative to the API's mount point. */
  path: string;
  /** The URL as received: mount point, path and query. */
  originalUrl: string;
  /** As Express's `simple` parser gives it: a value, or a list of the values of a repeated name. */
  query: Record<string, unknown>;
  body?: unknown;
  /** The body's bytes as sent, kept for the journal. */
  rawBody?: Buffer;
  /** The mount point the client used: the API's prefix, or `''` on one of its real host names. */
  mount?: string;
  /** The real host name the request was routed by (`api.eu.integrator.io`), when it was. */
  realHost?: string;
  /** The scheme of an absolute-form target (`GET https://api.integrator.io/v1/… HTTP/1.1` to a proxy). */
  targetScheme?: 'http' | 'https';
}

/** Gives a request from Node's server the fields the engine reads; `mount` is stripped from its path. */
export function asApiRequest(req: IncomingMessage, mount = ''): ApiRequest {
  const r = req as ApiRequest;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  r.originalUrl = url;
  r.mount = mount;
  r.path = (q < 0 ? url : url.slice(0, q)).slice(mount.length) || '/';
  r.query = q < 0 ? {} : parseQuery(url.slice(q + 1));
  return r;
}

/** Whether `url` is under `mount` (`/oem`, `/oem/…`, `/oem?…`), as Express mounts a router. */
export function isUnder(url: string, mount: string): boolean {
  if (!url.startsWith(mount)) return false;
  const next = url.charCodeAt(mount.length);
  return Number.isNaN(next) || next === 0x2f /* / */ || next === 0x3f /* ? */;
}

/** Whether the request carries a body (a length above zero, or a transfer encoding), as RFC 9112 says. */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The request's media type without parameters, or undefined when it carries no body. */
export function mediaTypeOf(req: IncomingMessage): string | undefined {
  if (!hasBody(req)) return undefined;
  const type = req.headers['content-type'];
  return type ? type.split(';')[0].trim().toLowerCase() : 'application/octet-stream';
}
