import { parseBody } from '../clients/http.js';
import { CALL_TIMEOUT_MS, noAnswer } from './network-failure.js';

/**
 * What a partner's service answered, or why it did not: `could not connect to http://127.0.0.1:4749: connection
 * refused`, `no answer from …: timed out after 5 s`.
 */
export type ServiceAnswer = { answered: true; status: number; body: unknown; headers: Headers } | { answered: false; failure: string };

export interface ServiceCall {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
}

/**
 * One call the simulated platform makes on a partner's service. Unlike the typed clients (src/clients/http.ts,
 * written for a cooperating API), every call is bounded by a timeout and a network failure is named, since this is
 * the partner's service under test: a stalled one must fail the check in seconds, and say why. Redirects are not
 * followed: a 302 and its Location are part of the Cloud 66 contract.
 */
export async function callService(url: string, call: ServiceCall, timeoutMs = CALL_TIMEOUT_MS): Promise<ServiceAnswer> {
  const target = new URL(url);
  for (const [k, v] of Object.entries(call.query ?? {})) target.searchParams.set(k, v);
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  if (call.json !== undefined) headers['content-type'] ??= 'application/json';
  try {
    // One signal for the whole exchange: connecting, the headers and the body all count against the timeout.
    const res = await fetch(target, { method: call.method, headers, body: call.json === undefined ? undefined : JSON.stringify(call.json), redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    return { answered: true, status: res.status, body: parseBody(text, res.headers.get('content-type')), headers: res.headers };
  } catch (err) {
    return { answered: false, failure: noAnswer(url, err, timeoutMs) };
  }
}

/** `answered 409 {"message":"…"}`, or the failure: the detail under a check. */
export function describeAnswer(answer: ServiceAnswer): string {
  if (!answer.answered) return answer.failure;
  return `answered ${answer.status} ${JSON.stringify(answer.body ?? null).slice(0, 200)}`;
}
