import type { Reply } from '../engine/api-module.js';
import { problemOf } from '../engine/http/problem.js';
import type { CoverageEntry } from '../engine/journal/response-coverage.js';
import { globPattern, parseJournalQuery } from './journal-query.js';
import { bodyMatcher, valueMatcher, type Test } from './request-matchers.js';

/** A journal entry as the admin API shows it, with what a request pattern can look at. */
export interface Entry {
  id: string;
  at: string;
  api?: string;
  operationId?: string;
  shapedBy?: string;
  request: { method: string; path: string; headers: Record<string, unknown>; body?: unknown };
  response: { status: number };
}

/** The keys the journal's query takes (journal-query.ts) and a pattern passes on to it. */
const JOURNAL_KEYS = new Set(['api', 'operation', 'status', 'since']);
const PATTERN_KEYS = ['session', 'api', 'operation', 'operationId', 'status', 'since', 'method', 'path', 'pathPattern', 'shapedBy', 'headers', 'header', 'body', 'bodyContains'];
/** What the per-session counters know of every request (response-coverage.ts). */
const COUNTED_KEYS = new Set(['session', 'api', 'operation', 'operationId', 'status']);

export type Search = { ok: true; test: (e: Entry) => boolean; countable: boolean } | { ok: false; reply: Reply };

/**
 * `POST /__sandbox/requests/count` and `/find`, WireMock's request verification. A pattern is a JSON object of
 * what must all hold: `api`, `operationId` (or `operation`, the journal's name), `status` (`403`, `4xx`,
 * `400-499`), `since`, `method`, `path` (the whole request path, `*` for any run of characters), `pathPattern`
 * (a regular expression), `shapedBy`, `headers` (`{name: matcher}`), `body` (request-matchers.ts), and the
 * shorthands `header` (`{name: text the value contains}`) and `bodyContains`. `countable` says the pattern needs
 * nothing but api, operation and status, which the per-session counters answer over every request.
 */
export function parseRequestPattern(body: unknown, entries: Entry[]): Search {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return bad('the pattern is a JSON object, e.g. {"operationId": "linkPartnerIntegration", "status": "4xx"}');
  const pattern = body as Record<string, unknown>;
  const unknown = Object.keys(pattern).find((k) => !PATTERN_KEYS.includes(k));
  if (unknown) return bad(`a pattern takes ${PATTERN_KEYS.join(', ')}; not ${JSON.stringify(unknown)}`);
  if (pattern.operation !== undefined && pattern.operationId !== undefined) return bad('operation and operationId are the same thing: give one');
  const journalPart: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(pattern)) {
    const key = k === 'operationId' ? 'operation' : k;
    if (JOURNAL_KEYS.has(key)) journalPart[key] = typeof v === 'number' ? String(v) : v;
  }
  const parsed = parseJournalQuery(journalPart, entries as never);
  if (!parsed.ok) return parsed;
  const tests: ((e: Entry) => boolean)[] = [parsed.query.test as (e: Entry) => boolean];
  const add = (result: { ok: true; test: (e: Entry) => boolean } | { ok: false; detail: string }): Reply | undefined => {
    if (!result.ok) return problemOf('badAdminBody', result.detail);
    tests.push(result.test);
  };
  const failed =
    add(methodTest(pattern.method)) ??
    add(pathTest(pattern.path, pattern.pathPattern)) ??
    add(on(pattern.shapedBy, 'shapedBy', (e) => e.shapedBy)) ??
    add(headersTest(pattern.headers, pattern.header)) ??
    add(on(pattern.body, 'body', (e) => e.request.body, bodyMatcher)) ??
    add(on(pattern.bodyContains === undefined ? undefined : { contains: pattern.bodyContains }, 'bodyContains', (e) => e.request.body, bodyMatcher));
  if (failed) return { ok: false, reply: failed };
  const countable = Object.keys(pattern).every((k) => COUNTED_KEYS.has(k));
  return { ok: true, test: (e) => tests.every((t) => t(e)), countable };
}

/** How many answers a session's counters hold for an api / operation / status pattern: every request, not the journal's last. */
export function countFromCoverage(entries: CoverageEntry[], pattern: Record<string, unknown>): number {
  const probe = (e: CoverageEntry): Entry => ({ id: '', at: '', api: e.api, operationId: e.operationId, request: { method: '', path: '', headers: {} }, response: { status: e.status } });
  const parsed = parseRequestPattern(pattern, []);
  if (!parsed.ok) return 0;
  return entries.filter((e) => parsed.test(probe(e))).reduce((sum, e) => sum + e.count, 0);
}

type EntryTest = { ok: true; test: (e: Entry) => boolean } | { ok: false; detail: string };
const always: EntryTest = { ok: true, test: () => true };

/** A matcher over one part of the entry; nothing to test when the pattern leaves it out. */
function on(spec: unknown, what: string, part: (e: Entry) => unknown, matcher: (s: unknown, w: string) => { ok: true; test: Test } | { ok: false; detail: string } = valueMatcher): EntryTest {
  if (spec === undefined) return always;
  const parsed = matcher(spec, what);
  if (!parsed.ok) return parsed;
  return { ok: true, test: (e) => parsed.test(part(e)) };
}

function methodTest(method: unknown): EntryTest {
  if (method === undefined) return always;
  if (typeof method !== 'string') return { ok: false, detail: 'method is a string, e.g. "POST"' };
  const wanted = method.toUpperCase();
  return { ok: true, test: (e) => e.request.method === wanted };
}

/** `path` is the whole path ([INF] WireMock's `urlPath`; the journal's own `path` filter is a prefix), `*` any run of characters. */
function pathTest(path: unknown, pathPattern: unknown): EntryTest {
  if (path !== undefined && pathPattern !== undefined) return { ok: false, detail: 'give path or pathPattern, not both' };
  if (path !== undefined) {
    if (typeof path !== 'string' || !path.startsWith('/')) return { ok: false, detail: `path is a request path starting with /, not ${JSON.stringify(path)}` };
    if (!path.includes('*')) return { ok: true, test: (e) => e.request.path === path };
    const glob = globPattern(path);
    return { ok: true, test: (e) => glob.test(e.request.path) };
  }
  return on(pathPattern === undefined ? undefined : typeof pathPattern === 'string' ? { matches: pathPattern } : pathPattern, 'pathPattern', (e) => e.request.path);
}

/** Header names are case-insensitive; a header sent twice is matched as its values joined by ", " (RFC 9110). */
function headersTest(headers: unknown, header: unknown): EntryTest {
  if (headers !== undefined && header !== undefined) return { ok: false, detail: 'give headers or header, not both' };
  if (header !== undefined) {
    if (header === null || typeof header !== 'object' || Array.isArray(header) || Object.values(header).some((v) => typeof v !== 'string')) {
      return { ok: false, detail: 'header is an object of header names and the text their value contains, e.g. {"content-type": "json"}' };
    }
    headers = Object.fromEntries(Object.entries(header as Record<string, string>).map(([name, text]) => [name, { contains: text }]));
  }
  if (headers === undefined) return always;
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
    return { ok: false, detail: 'headers is an object of header names and matchers, e.g. {"content-type": {"contains": "json"}}' };
  }
  const tests: ((e: Entry) => boolean)[] = [];
  for (const [name, spec] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    const parsed = on(spec, `headers.${name}`, (e) => joined(e.request.headers[lower]));
    if (!parsed.ok) return parsed;
    tests.push(parsed.test);
  }
  return { ok: true, test: (e) => tests.every((t) => t(e)) };
}

function joined(value: unknown): unknown {
  return Array.isArray(value) ? value.join(', ') : value;
}

function bad(detail: string): Search {
  return { ok: false, reply: problemOf('badAdminBody', detail) };
}
