/**
 * Why a call to a partner's service got no answer, in the words a partner acts on ("connection refused": start it;
 * "host not found": check the URL) rather than undici's "fetch failed", whose reason hides in `err.cause.code`.
 */

/** The timeout of every call `verify` and `simulate` make to a partner's service. [INF] 5 s: a provider that takes
 * longer to answer one request is broken for a marketplace, and a run must fail in seconds, not minutes. */
export const CALL_TIMEOUT_MS = 5_000;

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  // A resolver that cannot answer right now (offline, no DNS): for the partner it is the same as not found.
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'the connection closed before an answer',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ETIMEDOUT: 'timed out connecting',
  UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for the answer',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the answer',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate not trusted (self-signed)',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate not trusted (self-signed)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate is for another host',
  EPROTO: 'TLS handshake failed (is it http, not https?)',
};

/** `connection refused`, `timed out after 5 s`, `host not found`, …; the error's own message when we know no better. */
export function describeNetworkError(err: unknown, timeoutMs = CALL_TIMEOUT_MS): string {
  if (isTimeout(err)) return `timed out after ${seconds(timeoutMs)}`;
  const code = errorCode(err);
  if (code && REASONS[code]) return REASONS[code];
  const innermost = causeChain(err).at(-1);
  const message = innermost instanceof Error ? innermost.message : String(innermost);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** AbortSignal.timeout() rejects with a DOMException named TimeoutError, at connect or while the body streams. */
function isTimeout(err: unknown): boolean {
  return causeChain(err).some((e) => e instanceof Error && e.name === 'TimeoutError');
}

/**
 * The first `code` down the cause chain: undici wraps the socket error as `cause`, and a connection to a name with
 * several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError whose `errors` carry the codes.
 */
function errorCode(err: unknown): string | undefined {
  for (const e of causeChain(err)) {
    const own = (e as { code?: unknown }).code;
    if (typeof own === 'string') return own;
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) {
      const found = inner.map((x) => (x as { code?: unknown }).code).find((c): c is string => typeof c === 'string');
      if (found) return found;
    }
  }
  return undefined;
}

function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && chain.length < 10; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * `could not connect to <origin>: connection refused` when no connection was made (the service is not running, the
 * host is wrong); `no answer from <origin>: connection reset` when one was made and then lost.
 */
export function noAnswer(url: string, err: unknown, timeoutMs = CALL_TIMEOUT_MS): string {
  const connecting = causeChain(err).some((e) => {
    const { syscall, code } = e as { syscall?: unknown; code?: unknown };
    return syscall === 'connect' || syscall === 'getaddrinfo' || code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'UND_ERR_CONNECT_TIMEOUT';
  });
  return `${connecting ? 'could not connect to' : 'no answer from'} ${originOf(url)}: ${describeNetworkError(err, timeoutMs)}`;
}

/** `http://127.0.0.1:4749` of `http://127.0.0.1:4749/saas`: the part of a URL a connection failure is about. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
