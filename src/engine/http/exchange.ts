import type { ServerResponse } from 'node:http';
import { mediaTypeOf, type ApiRequest } from './api-request.js';
import type { JournalRecord } from '../journal/journal.js';

/** Where an exchange is journaled: its session's journal, in whichever store keeps it. */
export type JournalSink = (record: JournalRecord) => void;

/**
 * One request and its answer, as every stage of the pipeline sees it (Hono's `Context`, Fastify's request and
 * reply in one). Built once where the request enters; each stage fills in what it learnt, so nothing is passed
 * around loose or worked out twice.
 */
export interface Exchange {
  readonly req: ApiRequest;
  readonly res: ServerResponse;
  readonly startedAt: number;
  /** The body's media type without parameters, or undefined when the request has no body. */
  readonly mediaType: string | undefined;
  /** The API whose mount point took the request; the admin API's exchanges have none. */
  readonly api?: string;
  /** From `X-Mock-Session`, once it was found valid; with it, where the exchange is journaled. */
  sessionId?: string;
  journal?: JournalSink;
  /** The operation the method and path matched, and its path parameters. */
  operationId?: string;
  params: Record<string, string>;
  /** The request body as parsed (prototype keys already stripped); undefined when none was read. */
  body?: unknown;
  /** For the journal: what shaped the answer (`prefer code=404`, `scenario …`). */
  shapedBy?: string;
}

export function openExchange(req: ApiRequest, res: ServerResponse, api?: string): Exchange {
  return { req, res, startedAt: performance.now(), mediaType: mediaTypeOf(req), api, params: {} };
}

/**
 * The answer of a fault that stands for a request the service never answered: no status line was written.
 * Journaled with status 0, the journal's way of saying so.
 */
export interface NothingSent {
  nothingSent: 'connection-reset' | 'empty-response';
}

export function isNothingSent(outcome: object): outcome is NothingSent {
  return 'nothingSent' in outcome;
}
