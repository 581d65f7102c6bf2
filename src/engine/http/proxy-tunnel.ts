import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { asApiRequest } from './api-request.js';
import { openExchange } from './exchange.js';
import { hostName, isLoopback } from './host-routes.js';
import { problemOf, type ProblemKind } from './problem.js';
import { sendReply } from './reply.js';
import type { JournalRecord } from '../journal/journal.js';
import { sessionIdOf } from '../sessions/session-resolver.js';

export interface TunnelPolicy {
  /** Whether the sandbox mocks this host (a real API host, `--host-map`, or loopback: the sandbox itself). */
  mocks(host: string): boolean;
  /** Whether TLS is on: an HTTPS tunnel needs the CA's certificates to answer for the host. */
  tls: boolean;
  journal: (sessionId: string, record: JournalRecord) => void;
}

/**
 * `CONNECT api.integrator.io:443`, as a client with `HTTPS_PROXY=http://127.0.0.1:4010` sends before its request:
 * for a host the sandbox mocks, "200 Connection Established", then the tunnel's bytes are served as a connection of
 * the sandbox's own (TLS ended with a certificate for that host, signed by the sandbox's CA; routed by `Host`).
 * Any other host is refused with a problem and a journal entry: [INF] nothing is ever forwarded off the machine.
 */
export function answerConnect(policy: TunnelPolicy, req: IncomingMessage, socket: Socket, head: Buffer, serve: (socket: Socket) => void): void {
  socket.on('error', () => socket.destroy());
  const authority = req.url ?? '';
  const host = hostName(authority);
  if (!host || !policy.mocks(host)) {
    return refuse(req, socket, policy, 'proxyTargetRefused', `this sandbox answers only for the hosts it mocks; it does not open a tunnel to ${host || JSON.stringify(authority)}`);
  }
  if (!policy.tls) {
    return refuse(req, socket, policy, 'tunnelNeedsTls', `a tunnel to ${host} carries HTTPS, which needs the sandbox's certificates: start it with --tls`);
  }
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length > 0) socket.unshift(head);
  serve(socket);
}

/** Whether a CONNECT or absolute-form target is one the sandbox answers itself. */
export function mockedBy(hosts: { match(host: string): unknown }): (host: string) => boolean {
  return (host) => isLoopback(host) || hosts.match(host) !== undefined;
}

/** The refusal as an HTTP answer on the raw socket (Node's ServerResponse assigned to it), journaled as any answer is. */
function refuse(req: IncomingMessage, socket: Socket, policy: TunnelPolicy, kind: ProblemKind, detail: string): void {
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket);
  res.on('finish', () => {
    res.detachSocket(socket);
    // Closed once written, whatever the client does: a refused tunnel holds nothing open.
    socket.destroySoon();
  });
  answerRefused(req, res, policy.journal, kind, detail);
}

/** A request refused before any API saw it (a tunnel or proxy target), answered as a problem and journaled in its session. */
export function answerRefused(req: IncomingMessage, res: ServerResponse, journal: TunnelPolicy['journal'], kind: ProblemKind, detail: string): void {
  const ex = openExchange(asApiRequest(req), res);
  const session = sessionIdOf(req);
  if (session.ok) ex.journal = (record) => journal(session.id, record);
  sendReply(ex, problemOf(kind, detail));
}
