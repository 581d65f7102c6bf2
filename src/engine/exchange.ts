import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Reply } from './api-module.js';
import { keptBody, type JournalRecord } from './journal.js';

export const REQUEST_ID_HEADER = 'x-mock-request-id';

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
export function sendReply(req: Request, res: Response, reply: Reply, journal: JournalSink | undefined, info: ExchangeInfo): void {
  const id = randomUUID();
  const headers: Record<string, string> = { ...reply.headers, [REQUEST_ID_HEADER]: id };
  let payload: string | undefined;
  if (reply.body !== undefined && reply.status !== 204 && reply.status !== 304) {
    payload = typeof reply.body === 'string' && headers['content-type'] ? reply.body : JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(req.method === 'HEAD' ? undefined : payload);
  journal?.(journalRecord(req, reply, headers, payload, id, info));
}

/** Journals an exchange whose answer was written (or broken) elsewhere, such as a scenario's fault. */
export function recordExchange(
  req: Request,
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
  req: Request,
  reply: Reply,
  headers: Record<string, string>,
  payload: string | undefined,
  id: string,
  info: ExchangeInfo,
): JournalRecord {
  return {
    id,
    at: new Date().toISOString(),
    method: req.method,
    path: req.originalUrl.split('?')[0],
    query: { ...(req.query as Record<string, unknown>) },
    requestHeaders: req.headers,
    requestBody: keptBody((req as RawBodyRequest).rawBody),
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

export interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

/** The request's media type without parameters, or undefined when it carries no body. */
export function mediaTypeOf(req: Request): string | undefined {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return undefined;
  const type = req.headers['content-type'];
  return type ? type.split(';')[0].trim().toLowerCase() : 'application/octet-stream';
}
