import type { IncomingMessage } from 'node:http';
import type { Reply } from '../api-module.js';
import { problemOf } from '../http/problem.js';
import { DEFAULT_SESSION, SESSION_ID_PATTERN } from './session.js';
import { SESSION_HEADER } from '../http/mock-headers.js';


export type SessionId = { ok: true; id: string } | { ok: false; reply: Reply };

/**
 * The one check of a session id, wherever it arrives (`X-Mock-Session`, `?session=`, `/sessions/:id`, a provider
 * state change): absent or blank is the default session; anything that cannot be an id is the client's 400.
 */
export function parseSessionId(value: string | string[] | undefined, where: string): SessionId {
  const id = (Array.isArray(value) ? value[0] : value)?.trim() || DEFAULT_SESSION;
  if (SESSION_ID_PATTERN.test(id)) return { ok: true, id };
  return { ok: false, reply: problemOf('invalidSessionId', `${where} must match ${SESSION_ID_PATTERN.source}`) };
}

/** `X-Mock-Session` names the session of an API request (default `default`). */
export function sessionIdOf(req: IncomingMessage): SessionId {
  return parseSessionId(req.headers[SESSION_HEADER], 'X-Mock-Session');
}
