import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { asApiRequest } from './api-request.js';
import { openExchange } from './exchange.js';
import { sendReply } from './reply.js';
import { PROBLEM_MEDIA_TYPE, PROBLEMS, problemOf } from './problem.js';

export interface RequestLimits {
  /** Request line plus headers, bytes (Node's own limit; beyond it 431). */
  maxHeaderBytes: number;
  /** The URL alone, characters (beyond it 414). */
  maxUrlLength: number;
  /** How deeply a JSON body may nest (beyond it the API's malformed-body answer). */
  maxJsonDepth: number;
  /** Slow clients: headers must arrive within this, the whole request within `requestTimeoutMs` (408). */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: RequestLimits = {
  maxHeaderBytes: 16 * 1024,
  maxUrlLength: 8 * 1024,
  maxJsonDepth: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
};

/** Answers 414 to a URL longer than the limit, before any routing; true when it did. */
export function refuseLongUrl(req: IncomingMessage, res: ServerResponse, maxUrlLength: number): boolean {
  const length = req.url?.length ?? 0;
  if (length <= maxUrlLength) return false;
  sendReply(openExchange(asApiRequest(req), res), problemOf('uriTooLong', `the URL has ${length} characters; the limit is ${maxUrlLength}`));
  return true;
}

/**
 * Errors Node meets before Express sees a request (headers too large, a malformed request line, a slow client)
 * answered as problem+json instead of Node's bare status line.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const kind = err.code === 'HPE_HEADER_OVERFLOW' ? 'headersTooLarge' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'requestTimeout' : 'unreadableRequest';
  const { status, title } = PROBLEMS[kind];
  const body = JSON.stringify(problemOf(kind, 'the request could not be read').body);
  socket.end(`HTTP/1.1 ${status} ${title}\r\ncontent-type: ${PROBLEM_MEDIA_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

/**
 * How deeply the JSON in `raw` nests, counted on the bytes (outside strings), so an extreme body is refused
 * before it is parsed or any recursive code walks it.
 */
export function exceedsJsonDepth(raw: Buffer, maxDepth: number): boolean {
  if (raw.length < maxDepth * 2) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c) i++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return false;
}
