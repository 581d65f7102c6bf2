import type { Reply } from '../engine/api-module.js';
import { problemOf } from '../engine/http/problem.js';

/** A journal entry as the admin API shows it (journal.ts `presentRecord`): the fields a query looks at. */
interface Entry {
  id: string;
  at: string;
  api?: string;
  operationId?: string;
  request: { path: string };
  response: { status: number };
}

export interface JournalQuery {
  limit?: number;
  test(entry: Entry): boolean;
}

type Parsed = { ok: true; query: JournalQuery } | { ok: false; reply: Reply };

const bad = (detail: string): Parsed => ({ ok: false, reply: problemOf('badQuery', detail) });

/**
 * `GET /__sandbox/journal`'s filters, each optional, all of them applying together: `api`, `operation` (an
 * operationId), `status` (`404`, a class `4xx`, or a range `400-499`), `path` (a prefix of the request path, or a
 * pattern with `*`), `since` (an ISO time, or a request id: what came after it), `limit`. A value that cannot be
 * one is a 400 problem, never silently ignored.
 */
export function parseJournalQuery(query: Record<string, unknown>, entries: Entry[]): Parsed {
  const tests: ((e: Entry) => boolean)[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (key === 'session') continue;
    if (typeof raw !== 'string') return bad(`${key} must be given once`);
    switch (key) {
      case 'limit':
        break;
      case 'api':
        tests.push((e) => e.api === raw);
        break;
      case 'operation':
        tests.push((e) => e.operationId === raw);
        break;
      case 'status': {
        const range = statusRange(raw);
        if (!range) return bad(`status is a status (404), a class (4xx) or a range (400-499), not ${JSON.stringify(raw)}`);
        tests.push((e) => e.response.status >= range[0] && e.response.status <= range[1]);
        break;
      }
      case 'path': {
        if (!raw.startsWith('/')) return bad(`path is a request path starting with /, not ${JSON.stringify(raw)}`);
        const pattern = raw.includes('*') ? globPattern(raw) : undefined;
        tests.push(pattern ? (e) => pattern.test(e.request.path) : (e) => e.request.path.startsWith(raw));
        break;
      }
      case 'since': {
        const after = sinceTest(raw, entries);
        if (!after) return bad(`since is an ISO time or the id of a journaled request, not ${JSON.stringify(raw)}`);
        tests.push(after);
        break;
      }
      default:
        return bad(`the journal takes session, api, operation, status, path, since and limit; not ${JSON.stringify(key)}`);
    }
  }
  const limit = query.limit;
  if (limit !== undefined && !(typeof limit === 'string' && /^[0-9]+$/.test(limit) && Number(limit) > 0)) {
    return bad(`limit must be a whole number of at least 1, not ${JSON.stringify(limit)}`);
  }
  return { ok: true, query: { limit: limit === undefined ? undefined : Number(limit), test: (e) => tests.every((t) => t(e)) } };
}

function statusRange(raw: string): [number, number] | undefined {
  if (/^[1-5][0-9]{2}$/.test(raw)) return [Number(raw), Number(raw)];
  if (/^[1-5]xx$/i.test(raw)) return [Number(raw[0]) * 100, Number(raw[0]) * 100 + 99];
  const range = /^([1-5][0-9]{2})-([1-5][0-9]{2})$/.exec(raw);
  return range && Number(range[1]) <= Number(range[2]) ? [Number(range[1]), Number(range[2])] : undefined;
}

/** Entries newer than a time (inclusive), or than a journaled request (exclusive); undefined if it is neither. */
function sinceTest(raw: string, entries: Entry[]): ((e: Entry) => boolean) | undefined {
  // Entries are newest first: those before the named one came after it.
  const index = entries.findIndex((e) => e.id === raw);
  if (index >= 0) {
    const newer = new Set(entries.slice(0, index).map((e) => e.id));
    return (e) => newer.has(e.id);
  }
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(raw) || Number.isNaN(Date.parse(raw))) return undefined;
  const at = Date.parse(raw);
  return (e) => Date.parse(e.at) >= at;
}

/** `*` any run of characters, the rest as written. */
export function globPattern(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map(escapeRegExp).join('.*')}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
