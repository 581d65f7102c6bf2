import type { IncomingMessage, ServerResponse } from 'node:http';
import { openExchange } from './exchange.js';
import { problemOf } from './problem.js';
import { asApiRequest } from './api-request.js';
import { sendReply } from './reply.js';

/** `--cors`: any origin (`*`), or only these (`--cors https://app.example.com,https://qa.example.com`). */
export type CorsOrigins = '*' | readonly string[];

/** What a browser may read of an answer beyond the safelisted headers: the ids, pages and waits clients use. */
const EXPOSED = 'X-Mock-Request-Id, Link, Location, Retry-After';
const METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
/** [INF] Ten minutes: long enough to spare a test page a preflight per request, short enough to pick up a restart. */
const MAX_AGE_SECONDS = '600';

/**
 * CORS for the APIs' mount points, as Prism does it by default (off by default here: a real API answers no browser
 * from anywhere). A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is answered here, 204,
 * echoing the headers it asks for; an origin the list leaves out gets a 403 problem saying so. Any other request
 * from an allowed origin gets the headers on its answer. Returns true when it answered the request itself.
 */
export function handleCors(origins: CorsOrigins, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return false;
  const allowed = origins === '*' || origins.includes(origin);
  const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (!allowed) {
    if (!preflight) return false;
    sendReply(openExchange(asApiRequest(req), res), problemOf('corsOriginRefused', `the sandbox was started with --cors ${origins.join(',')}; ${origin} is not among them`));
    return true;
  }
  // A listed origin is echoed (and may send credentials); `*` answers every origin alike.
  res.setHeader('access-control-allow-origin', origins === '*' ? '*' : origin);
  if (origins !== '*') {
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('vary', 'Origin');
  }
  if (!preflight) {
    res.setHeader('access-control-expose-headers', EXPOSED);
    return false;
  }
  const asked = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    'access-control-allow-methods': METHODS,
    ...(asked ? { 'access-control-allow-headers': asked } : {}),
    'access-control-max-age': MAX_AGE_SECONDS,
  });
  res.end();
  return true;
}

/** The `--cors` value: empty or `*` for any origin, else a comma-separated list of origins. */
export function parseCorsOrigins(value: string | boolean | undefined): CorsOrigins | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true || value.trim() === '' || value.trim() === '*') return '*';
  const list = value.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of list) {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new Error(`--cors takes origins such as https://app.example.com, not ${JSON.stringify(origin)}`);
    }
    if (url.origin !== origin) throw new Error(`--cors takes origins (scheme://host[:port], no path): ${JSON.stringify(origin)} would be ${url.origin}`);
  }
  return list;
}
