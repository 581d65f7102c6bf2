import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

/**
 * pact-js puts an http-proxy in front of the provider and registers no error handler on it, so when the provider
 * refuses a connection or drops one mid-run, http-proxy throws from a socket callback: an uncaught exception that
 * kills our process (no report, no JUnit) while the native verifier goes on calling the dead proxy, 30 s a time.
 *
 * [INF] We replace http-proxy's default error handler (the one that throws when nobody listens), for requests a
 * verification of ours tagged: the tag's handler answers the verifier itself (a 502 naming the cause) and records
 * why, so the report can say it per interaction. Requests of anyone else's proxy keep the original behaviour.
 * The patch is on the http-proxy module pact-js itself loads; it is installed once, before pact creates its proxy
 * (pact reads `onError` when it constructs the proxy, once per verification).
 */
export type ProxyErrorHandler = (err: Error, req: IncomingMessage, res: ServerResponse) => void;

const HANDLER = Symbol.for('partner-sandbox.proxy-error-handler');

interface TaggedRequest extends IncomingMessage {
  [HANDLER]?: ProxyErrorHandler;
}

interface HttpProxyServer {
  prototype: { onError: (this: unknown, err: Error, req?: IncomingMessage, res?: ServerResponse, target?: unknown) => void };
}

let installed = false;

/** Installs the guard (once per process) on the http-proxy pact-js uses. */
export function installProxyGuard(): void {
  if (installed) return;
  installed = true;
  let ProxyServer: HttpProxyServer;
  try {
    const require = createRequire(import.meta.url);
    ProxyServer = createRequire(require.resolve('@pact-foundation/pact'))('http-proxy') as HttpProxyServer;
  } catch {
    // A pact-js without http-proxy has another proxy: nothing to guard (the reachability probe still runs).
    return;
  }
  const original = ProxyServer.prototype.onError;
  if (typeof original !== 'function') return;
  ProxyServer.prototype.onError = function (err, req, res, target) {
    const handler = (req as TaggedRequest | undefined)?.[HANDLER];
    if (handler && res) handler(err, req!, res);
    else original.call(this, err, req, res, target);
  };
}

/** Routes http-proxy's errors on this request to `handler` (called from pact's `requestFilter`). */
export function guardRequest(req: IncomingMessage, handler: ProxyErrorHandler): void {
  (req as TaggedRequest)[HANDLER] = handler;
}
