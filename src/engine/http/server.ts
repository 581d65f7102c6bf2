import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { answerClientError, type RequestLimits } from './request-limits.js';

/** What `--tls` serves with: a certificate, and for other SNI names (the tunnelled real hosts) a context per name. */
export interface TlsSetup {
  cert: string;
  key: string;
  SNICallback?: (servername: string, cb: (err: Error | null, ctx?: SecureContext) => void) => void;
}

export interface ListenOptions {
  handler: RequestListener;
  limits: RequestLimits;
  port: number;
  host: string;
  /** `--tls`: the port takes HTTPS beside HTTP (told apart by the first byte a client sends). */
  tls?: TlsSetup;
  /** `--https-port`: a port of its own for HTTPS only, beside the main one. */
  httpsPort?: number;
  /** A `CONNECT` request (an `HTTPS_PROXY` client's): the tunnel is the caller's to answer (proxy-tunnel.ts). */
  onConnect?: (req: IncomingMessage, socket: Socket, head: Buffer, serve: (socket: Socket) => void) => void;
}

export interface Listening {
  server: Server;
  url: string;
  port: number;
  /** Where HTTPS is served: the main port with `tls`, or the `httpsPort` server's (`server` then set). */
  https?: { server?: Server; url: string; port: number };
  close(): Promise<void>;
}

const TLS_HANDSHAKE = 0x16;

/**
 * The sandbox's listening socket(s). With `tls`, one port serves both: a connection whose first byte opens a TLS
 * handshake is wrapped in TLS, any other is plain HTTP, and both reach the same request listener ([INF] so
 * `http://` and `https://` clients share the port the README names, as webpack-dev-server and others do).
 */
export async function listenOn(options: ListenOptions): Promise<Listening> {
  const { handler, limits, tls } = options;
  const serverOptions = {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // How often Node looks for clients past those timeouts (its default, 30 s, would let a slow client linger).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
  const server = createServer(serverOptions, handler);
  server.on('clientError', answerClientError);
  // Node's own connection listener parses HTTP on whatever socket it is given: plain, TLS, or a tunnel's.
  const [httpConnection] = server.listeners('connection') as ((socket: Socket) => void)[];
  const serve = (socket: Socket) => httpConnection.call(server, socket);
  // Sockets no HTTP parser holds yet (their first bytes not come): Node's close would wait for them for ever.
  const waiting = new Set<Socket>();
  const sniffed = (socket: Socket) => sniff(socket, tls!, serve, waiting);
  if (tls) {
    server.removeListener('connection', httpConnection);
    server.on('connection', sniffed);
  }
  if (options.onConnect) {
    const onConnect = options.onConnect;
    server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => onConnect(req, socket, head, tls ? sniffed : serve));
  }
  const main = await listenServer(server, options.port, options.host, 'http');
  let https: Listening['https'] = tls ? { url: main.url.replace(/^http:/, 'https:'), port: main.port } : undefined;
  if (tls && options.httpsPort !== undefined) {
    const tlsServer = createHttpsServer({ ...serverOptions, cert: tls.cert, key: tls.key, SNICallback: tls.SNICallback }, handler);
    tlsServer.on('clientError', answerClientError);
    const listening = await listenServer(tlsServer, options.httpsPort, options.host, 'https').catch(async (err: unknown) => {
      // The main port is already open: closed again, so a failed start leaves nothing listening.
      await closeServer(server);
      throw err;
    });
    https = { server: tlsServer, ...listening };
  }
  const httpsServer = https?.server;
  return {
    server,
    ...main,
    https,
    close: () => {
      for (const socket of waiting) socket.destroy();
      return Promise.all([closeServer(server), httpsServer && closeServer(httpsServer)]).then(() => undefined);
    },
  };
}

/** Waits for the first bytes, then hands the socket on as TLS or as it is; nothing is lost in between. */
function sniff(socket: Socket, tls: TlsSetup, serve: (socket: Socket) => void, waiting: Set<Socket>): void {
  waiting.add(socket);
  socket.once('close', () => waiting.delete(socket));
  socket.once('data', (chunk: Buffer) => {
    waiting.delete(socket);
    socket.pause();
    socket.unshift(chunk);
    if (chunk[0] !== TLS_HANDSHAKE) {
      // Node's HTTP parser reads a socket with a `data` listener of its own once it sees one: resumed, the unshifted
      // bytes reach it first.
      serve(socket);
      socket.resume();
      return;
    }
    // TLSSocket reads what the socket already buffered (the unshifted bytes) before its own reads.
    const secure = new TLSSocket(socket, { isServer: true, cert: tls.cert, key: tls.key, SNICallback: tls.SNICallback });
    secure.on('error', () => secure.destroy());
    serve(secure);
  });
  socket.on('error', () => socket.destroy());
}

function listenServer(server: Server, port: number, host: string, scheme: 'http' | 'https'): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ url: `${scheme}://${shownHost}:${address.port}`, port: address.port });
    });
  });
}

const DRAIN_TIMEOUT_MS = 10_000;

/** Stops accepting, lets in-flight requests finish (at most 10 s), then closes what is left. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
    server.close((err) => {
      clearTimeout(force);
      if (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(err);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
