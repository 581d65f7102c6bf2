import type { Reply } from '../engine/api-module.js';
import { problemOf } from '../engine/http/problem.js';
import type { CoverageEntry } from '../engine/journal/response-coverage.js';
import { parseJournalQuery } from './journal-query.js';

/** A journal entry as the admin API shows it, with what a request pattern can look at. */
interface Entry {
  id: string;
  at: string;
  api?: string;
  operationId?: string;
  request: { method: string; path: string; headers: Record<string, unknown>; body?: unknown };
  response: { status: number };
}

/** The keys the journal's query takes (journal-query.ts), and those only a pattern has. */
const JOURNAL_KEYS = new Set(['api', 'operation', 'status', 'path', 'since']);
const PATTERN_KEYS = new Set(['session', 'method', 'header', 'bodyContains']);

export type Search = { ok: true; test: (e: Entry) => boolean; countable: boolean } | { ok: false; reply: Reply };

/**
 * `POST /__sandbox/requests/count` and `/find`, WireMock's request verification: a JSON pattern of the journal's
 * filters (`api`, `operation`, `status`, `path`, `since`) plus `method`, `header` (`{name: text the value contains}`)
 * and `bodyContains` (text of the request body as journaled, secrets redacted). `countable` says the pattern needs
 * nothing but `api`, `operation` and `status`, which the per-session counters answer over every request.
 */
export function parseRequestPattern(body: unknown, entries: Entry[]): Search {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return bad('the pattern is a JSON object, e.g. {"operation": "linkPartnerIntegration", "status": "4xx"}');
  const pattern = body as Record<string, unknown>;
  const unknown = Object.keys(pattern).find((k) => !JOURNAL_KEYS.has(k) && !PATTERN_KEYS.has(k));
  if (unknown) return bad(`a pattern takes session, api, operation, status, path, since, method, header and bodyContains; not ${JSON.stringify(unknown)}`);
  const journalPart = Object.fromEntries(Object.entries(pattern).filter(([k]) => JOURNAL_KEYS.has(k)).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));
  const parsed = parseJournalQuery(journalPart, entries as never);
  if (!parsed.ok) return parsed;
  const tests: ((e: Entry) => boolean)[] = [parsed.query.test as (e: Entry) => boolean];
  const { method, header, bodyContains } = pattern;
  if (method !== undefined) {
    if (typeof method !== 'string') return bad('method is a string, e.g. "POST"');
    tests.push((e) => e.request.method === method.toUpperCase());
  }
  if (header !== undefined) {
    if (header === null || typeof header !== 'object' || Array.isArray(header) || Object.values(header).some((v) => typeof v !== 'string')) {
      return bad('header is an object of header names and the text their value contains, e.g. {"content-type": "json"}');
    }
    const wanted = Object.entries(header as Record<string, string>).map(([name, text]) => [name.toLowerCase(), text] as const);
    tests.push((e) => wanted.every(([name, text]) => String(e.request.headers[name] ?? '').includes(text)));
  }
  if (bodyContains !== undefined) {
    if (typeof bodyContains !== 'string') return bad('bodyContains is a string');
    tests.push((e) => e.request.body !== undefined && JSON.stringify(e.request.body).includes(bodyContains));
  }
  const countable = Object.keys(pattern).every((k) => k === 'session' || k === 'api' || k === 'operation' || k === 'status');
  return { ok: true, test: (e) => tests.every((t) => t(e)), countable };
}

/** How many answers a session's counters hold for an api / operation / status pattern: every request, not the journal's last. */
export function countFromCoverage(entries: CoverageEntry[], pattern: Record<string, unknown>): number {
  const probe = (e: CoverageEntry): Entry => ({ id: '', at: '', api: e.api, operationId: e.operationId, request: { method: '', path: '', headers: {} }, response: { status: e.status } });
  const parsed = parseRequestPattern(pattern, []);
  if (!parsed.ok) return 0;
  return entries.filter((e) => parsed.test(probe(e))).reduce((sum, e) => sum + e.count, 0);
}

function bad(detail: string): Search {
  return { ok: false, reply: problemOf('badAdminBody', detail) };
}
