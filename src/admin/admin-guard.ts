import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { openExchange } from '../engine/http/exchange.js';
import { sendReply } from '../engine/http/reply.js';
import { problemOf } from '../engine/http/problem.js';

export const ADMIN_TOKEN_ENV = 'SANDBOX_ADMIN_TOKEN';

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/, '');
  return plain === '::1' || plain === 'localhost' || plain.startsWith('127.');
}

/**
 * The admin API resets and rewrites every session: on a loopback-only sandbox anyone local may use it; once the
 * sandbox listens beyond loopback, every admin call needs `Authorization: Bearer $SANDBOX_ADMIN_TOKEN`, and
 * without a configured token the admin API stays closed.
 */
export function adminGuard(listenHost: () => string, token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const open = isLoopback(listenHost()) && isLoopback(req.socket.remoteAddress);
    if (open && !token) return next();
    if (token && bearerMatches(req.headers.authorization, token)) return next();
    const detail = token
      ? 'send Authorization: Bearer <SANDBOX_ADMIN_TOKEN>'
      : `the sandbox listens beyond loopback: set ${ADMIN_TOKEN_ENV} to use the admin API`;
    const reply = problemOf('adminTokenNeeded', detail);
    reply.headers = { ...reply.headers, 'www-authenticate': 'Bearer realm="partner-sandbox admin"' };
    sendReply(openExchange(req, res), reply);
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const sent = header?.startsWith('Bearer ') ? Buffer.from(header.slice(7)) : undefined;
  const expected = Buffer.from(token);
  return sent !== undefined && sent.length === expected.length && timingSafeEqual(sent, expected);
}
