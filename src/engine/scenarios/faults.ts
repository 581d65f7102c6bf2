import type { ServerResponse } from 'node:http';
import type { ApiRequest } from '../http/api-request.js';
import type { Reply } from '../api-module.js';
import { randomUUID } from 'node:crypto';
import { recordExchange, sendReply, type ExchangeInfo, type JournalSink } from '../http/reply.js';
import { REQUEST_ID_HEADER } from '../http/mock-headers.js';
import type { Shaping } from './response-shaper.js';

export const DEFAULT_STALL_MS = 30_000;

/** Faults that stand in for the request never being processed: the API does not run for them. */
export function isPreHandlerFault(shaping: Shaping): boolean {
  return shaping.fault === 'connection-reset' || shaping.fault === 'empty-response';
}

/** Waits out the scenario's latency, then answers, or breaks the answer as its fault says. */
export async function deliver(req: ApiRequest, res: ServerResponse, reply: Reply, shaping: Shaping, journal: JournalSink, info: ExchangeInfo): Promise<void> {
  if (shaping.latencyMs) await sleep(shaping.latencyMs);
  switch (shaping.fault) {
    case 'connection-reset':
      recordExchange(req, { status: 0, example: 'connection-reset' }, {}, undefined, journal, info);
      req.socket.resetAndDestroy();
      return;
    case 'empty-response':
      recordExchange(req, { status: 0, example: 'empty-response' }, {}, undefined, journal, info);
      req.socket.end();
      return;
    case 'malformed-json':
      return writeCutShort(req, res, reply, journal, info, () => res.end());
    case 'stalled-response':
      return writeCutShort(req, res, reply, journal, info, () => {
        const timer = setTimeout(() => req.socket.destroy(), shaping.stallMs ?? DEFAULT_STALL_MS);
        req.socket.once('close', () => clearTimeout(timer));
      });
    default:
      sendReply(req, res, reply, journal, info);
  }
}

/** Status and headers as the reply has them, then only the first half of its JSON. */
function writeCutShort(req: ApiRequest, res: ServerResponse, reply: Reply, journal: JournalSink, info: ExchangeInfo, finish: () => void): void {
  const json = JSON.stringify(reply.body ?? { message: 'ok' });
  const partial = json.slice(0, Math.max(1, Math.floor(json.length / 2)));
  const id = randomUUID();
  const headers = { ...reply.headers, 'content-type': 'application/json; charset=utf-8', [REQUEST_ID_HEADER]: id };
  res.writeHead(reply.status, headers);
  res.write(partial);
  recordExchange(req, reply, headers, partial, journal, info, id);
  finish();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
