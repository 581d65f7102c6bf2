import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Reply } from '../api-module.js';
import { mediaTypeOf, type ApiRequest } from './api-request.js';
import { keptBody, type JournalRecord } from '../journal/journal.js';
import { REQUEST_ID_HEADER } from './mock-headers.js';


/** What the pipeline learned about a request, for its journal entry. */
export interface ExchangeInfo {
  startedAt: number;
  api?: string;
  operationId?: string;
  shapedBy?: string;
}

/** Where an exchange is journaled: its session's journal, in whichever store keeps it. */
export type JournalSink = (record: JournalRecord) => void;

/** Writes a reply (JSON unless it says otherwise) and journals the exchange. */
export function sendReply(req: ApiRequest, res: ServerResponse, reply: Reply, journal: JournalSink | undefined, info: ExchangeInfo): void {
  const id = randomUUID();
  const headers: Record<string, string> = { ...reply.headers, [REQUEST_ID_HEADER]: id };
  let payload: string | undefined;
  if (reply.body !== undefined && reply.status !== 204 && reply.status !== 304) {
    payload = typeof reply.body === 'string' && headers['content-type'] ? reply.body : JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  // Status and headers in one call: Node then takes the object as it is instead of storing each header apart.
  res.writeHead(reply.status, headers);
  res.end(req.method === 'HEAD' ? undefined : payload);
  journal?.(journalRecord(req, reply, headers, payload, id, info));
}

/** Journals an exchange whose answer was written (or broken) elsewhere, such as a scenario's fault. */
export function recordExchange(
  req: ApiRequest,
  reply: Reply,
  headers: Record<string, string>,
  payload: string | undefined,
  journal: JournalSink,
  info: ExchangeInfo,
  id: string = randomUUID(),
): void {
  journal(journalRecord(req, reply, headers, payload, id, info));
}

function journalRecord(
  req: ApiRequest,
  reply: Reply,
  headers: Record<string, string>,
  payload: string | undefined,
  id: string,
  info: ExchangeInfo,
): JournalRecord {
  return {
    id,
    at: Date.now(),
    method: req.method ?? 'GET',
    path: pathOf(req.originalUrl),
    query: hasKeys(req.query) ? { ...req.query } : undefined,
    requestHeaders: req.headers,
    requestBody: keptBody(req.rawBody),
    requestMediaType: mediaTypeOf(req),
    status: reply.status,
    responseHeaders: headers,
    responseBody: keptBody(payload),
    durationMs: Math.round((performance.now() - info.startedAt) * 100) / 100,
    api: info.api,
    operationId: info.operationId,
    example: reply.example,
    shapedBy: info.shapedBy,
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
