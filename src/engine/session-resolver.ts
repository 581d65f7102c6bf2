import type { IncomingMessage } from 'node:http';
import type { Reply } from './api-module.js';
import { problem } from './problem.js';
import { DEFAULT_SESSION, SESSION_ID_PATTERN } from './session.js';

export const SESSION_HEADER = 'x-mock-session';

export type SessionId = { ok: true; id: string } | { ok: false; reply: Reply };

/** `X-Mock-Session` names the session (default `default`); an id that cannot be one is the client's error. */
export function sessionIdOf(req: IncomingMessage): SessionId {
  const header = req.headers[SESSION_HEADER];
  const id = (Array.isArray(header) ? header[0] : header)?.trim() || DEFAULT_SESSION;
  if (SESSION_ID_PATTERN.test(id)) return { ok: true, id };
  return { ok: false, reply: problem(400, 'Invalid session id', `X-Mock-Session must match ${SESSION_ID_PATTERN.source}`) };
}
