import type { IncomingMessage } from 'node:http';
import { isLoopback } from './host-routes.js';

/**
 * `--trust-proxy`: whose `Forwarded` / `X-Forwarded-*` headers say how the client reached the sandbox. `true`
 * trusts any peer; a list trusts only those addresses (`loopback` for 127.0.0.0/8 and ::1), as Express's
 * `trust proxy` does for its simplest settings. Absent: the headers are ignored, since any client could send them.
 */
export type TrustProxy = true | string[];

/**
 * The scheme and authority the client used, for every absolute URL the sandbox builds (`Link`, `Location`):
 * the socket and `Host` header, or what a trusted proxy says. [INF] RFC 7239 `Forwarded` wins over the
 * `X-Forwarded-*` headers when both came; of each, the first hop is the client's (the proxies append theirs).
 */
export function clientOrigin(req: IncomingMessage & { targetScheme?: string }, trust: TrustProxy | undefined): string {
  let proto = req.targetScheme ?? ('encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http');
  let host = req.headers.host ?? '127.0.0.1';
  if (trust && trusted(trust, req.socket.remoteAddress)) {
    const forwarded = firstForwarded(req.headers.forwarded);
    const xProto = first(req.headers['x-forwarded-proto']);
    const xHost = first(req.headers['x-forwarded-host']);
    const fProto = forwarded?.proto ?? xProto;
    const fHost = forwarded?.host ?? xHost;
    if (fProto && /^https?$/i.test(fProto)) proto = fProto.toLowerCase();
    if (fHost && /^[A-Za-z0-9.\-[\]:]+$/.test(fHost)) host = fHost;
  }
  return `${proto}://${host}`;
}

function trusted(trust: TrustProxy, peer: string | undefined): boolean {
  if (trust === true) return true;
  const address = (peer ?? '').replace(/^::ffff:/, '');
  return trust.some((t) => (t === 'loopback' ? isLoopback(address) : t === address));
}

function first(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  const head = raw?.split(',')[0].trim();
  return head || undefined;
}

/** The first element of `Forwarded: for=…;proto=https;host=api.example.com, for=…`, its values unquoted. */
function firstForwarded(value: string | undefined): { proto?: string; host?: string } | undefined {
  if (!value) return undefined;
  const out: { proto?: string; host?: string } = {};
  for (const pair of value.split(',')[0].split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const key = pair.slice(0, eq).trim().toLowerCase();
    const raw = pair.slice(eq + 1).trim();
    const v = raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    if (key === 'proto') out.proto = v;
    if (key === 'host') out.host = v;
  }
  return out.proto || out.host ? out : undefined;
}

/** `--trust-proxy [addresses]`: alone, any peer; else a comma-separated list of IP addresses or `loopback`. */
export function parseTrustProxy(value: string | boolean | undefined): TrustProxy | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true || value === '' || value === 'true') return true;
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    if (entry !== 'loopback' && !/^[0-9a-f.:]+$/i.test(entry)) throw new Error(`--trust-proxy takes IP addresses or loopback, comma-separated; not ${JSON.stringify(entry)}`);
  }
  return list;
}
