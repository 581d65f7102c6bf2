import { randomUUID } from 'node:crypto';
import type { Reply } from '../api-module.js';
import { keptBody, type JournalRecord } from '../journal/journal.js';
import { isNothingSent, type Exchange, type NothingSent } from './exchange.js';
import { REQUEST_ID_HEADER } from './mock-headers.js';

/** Writes a reply (JSON unless it says otherwise) and journals the exchange. */
export function sendReply(ex: Exchange, reply: Reply): void {
  const id = randomUUID();
  const headers: Record<string, string> = { ...reply.headers, [REQUEST_ID_HEADER]: id };
  let payload: string | undefined;
  if (reply.body !== undefined && reply.status !== 204 && reply.status !== 304) {
    payload = typeof reply.body === 'string' && headers['content-type'] ? reply.body : JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  // Status and headers in one call: Node then takes the object as it is instead of storing each header apart.
  ex.res.writeHead(reply.status, headers);
  ex.res.end(ex.req.method === 'HEAD' ? undefined : payload);
  ex.journal?.(journalRecord(ex, reply, headers, payload, id));
}

/** Journals an exchange whose answer was written (or broken, or never sent) elsewhere, such as by a scenario's fault. */
export function journalExchange(ex: Exchange, outcome: Reply | NothingSent, headers: Record<string, string>, payload: string | undefined, id: string = randomUUID()): void {
  ex.journal?.(journalRecord(ex, outcome, headers, payload, id));
}

function journalRecord(ex: Exchange, outcome: Reply | NothingSent, headers: Record<string, string>, payload: string | undefined, id: string): JournalRecord {
  const { req } = ex;
  const nothingSent = isNothingSent(outcome);
  return {
    id,
    at: Date.now(),
    method: req.method ?? 'GET',
    path: pathOf(req.originalUrl),
    query: hasKeys(req.query) ? { ...req.query } : undefined,
    requestHeaders: req.headers,
    requestBody: keptBody(req.rawBody),
    requestMediaType: ex.mediaType,
    status: nothingSent ? 0 : outcome.status,
    responseHeaders: headers,
    responseBody: keptBody(payload),
    durationMs: Math.round((performance.now() - ex.startedAt) * 100) / 100,
    api: ex.api,
    operationId: ex.operationId,
    example: nothingSent ? outcome.nothingSent : outcome.example,
    shapedBy: ex.shapedBy,
  };
}

// A journal keeps 50 records per session for up to thousands of sessions: what it need not copy, it shares.
function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function hasKeys(record: Record<string, unknown>): boolean {
  for (const _ in record) return true;
  return false;
}
