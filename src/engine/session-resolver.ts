import type { Request } from 'express';
import type { Reply } from './api-module.js';
import { problem } from './problem.js';
import { DEFAULT_SESSION, SESSION_ID_PATTERN, type Session, type SessionStore } from './session-store.js';

export const SESSION_HEADER = 'x-mock-session';

export type ResolvedSession = { ok: true; session: Session } | { ok: false; reply: Reply };
export type SessionResolver = (req: Request) => ResolvedSession;

/** `X-Mock-Session` picks the session (default `default`); an id that cannot be one is the client's error. */
export function sessionResolver(store: SessionStore): SessionResolver {
  return (req) => {
    const header = req.headers[SESSION_HEADER];
    const id = (Array.isArray(header) ? header[0] : header)?.trim() || DEFAULT_SESSION;
    if (!SESSION_ID_PATTERN.test(id)) {
      return {
        ok: false,
        reply: problem(400, 'Invalid session id', `X-Mock-Session must match ${SESSION_ID_PATTERN.source}`),
      };
    }
    return { ok: true, session: store.get(id) };
  };
}
