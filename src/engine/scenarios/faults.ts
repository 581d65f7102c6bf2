import { randomUUID } from 'node:crypto';
import type { Reply } from '../api-module.js';
import { isNothingSent, type Exchange, type NothingSent } from '../http/exchange.js';
import { REQUEST_ID_HEADER } from '../http/mock-headers.js';
import { journalExchange, sendReply } from '../http/reply.js';
import type { Fault } from './scenario-types.js';
import type { Shaping } from './response-shaper.js';

export const DEFAULT_STALL_MS = 30_000;

/** The faults that stand in for the request never being processed: the API does not run, nothing is sent. */
export function nothingSentFor(shaping: Shaping): NothingSent | undefined {
  const fault: Fault | undefined = shaping.fault;
  return fault === 'connection-reset' || fault === 'empty-response' ? { nothingSent: fault } : undefined;
}

/** Waits out the scenario's latency, then answers, or breaks the answer as its fault says. */
export async function deliver(ex: Exchange, outcome: Reply | NothingSent, shaping: Shaping): Promise<void> {
  if (shaping.latencyMs) await sleep(shaping.latencyMs);
  if (isNothingSent(outcome)) {
    journalExchange(ex, outcome, {}, undefined);
    if (outcome.nothingSent === 'connection-reset') ex.req.socket.resetAndDestroy();
    else ex.req.socket.end();
    return;
  }
  switch (shaping.fault) {
    case 'malformed-json':
      return writeCutShort(ex, outcome, () => ex.res.end());
    case 'stalled-response':
      return writeCutShort(ex, outcome, () => {
        const timer = setTimeout(() => ex.req.socket.destroy(), shaping.stallMs ?? DEFAULT_STALL_MS);
        ex.req.socket.once('close', () => clearTimeout(timer));
      });
    default:
      sendReply(ex, outcome);
  }
}

/** Status and headers as the reply has them, then only the first half of its JSON. */
function writeCutShort(ex: Exchange, reply: Reply, finish: () => void): void {
  const json = JSON.stringify(reply.body ?? { message: 'ok' });
  const partial = json.slice(0, Math.max(1, Math.floor(json.length / 2)));
  const id = randomUUID();
  const headers = { ...reply.headers, 'content-type': 'application/json; charset=utf-8', [REQUEST_ID_HEADER]: id };
  ex.res.writeHead(reply.status, headers);
  ex.res.write(partial);
  journalExchange(ex, reply, headers, partial, id);
  finish();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
