import type { IncomingMessage } from 'node:http';
import type { PactInteraction } from './pact-catalog.js';

/** The request as pact-js's proxy (express, with body-parser) hands it to a `requestFilter`. */
export type ProxiedRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/**
 * Which interaction of the pact a request the verifier sends belongs to, so a failure our proxy guard records
 * (connection refused mid-run) is reported on that interaction. The verifier names no interaction on the wire:
 * the request is matched on what it sends (method, path, query, body, all copied from the pact), and requests
 * the pact sends identically under different states (`GET /v1/integrations` given `integrator/empty-account`
 * or `integrator/rate-limited`) by the states set up just before. [INF] Not by position: the verifier skips the
 * request of an interaction whose state setup failed, which would shift every later one.
 */
export class InteractionTracker {
  private states: string[] = [];
  private sawRequest = false;
  private readonly used = new Set<PactInteraction>();

  constructor(private readonly interactions: PactInteraction[]) {}

  /** A state change the verifier sent: `{state, action}` (teardowns are ignored). */
  stateChange(body: unknown): void {
    const { state, action } = (body ?? {}) as { state?: unknown; action?: unknown };
    if (action !== 'setup' || typeof state !== 'string') return;
    if (this.sawRequest) this.states = [];
    this.sawRequest = false;
    this.states.push(state);
  }

  /** The interaction this request was sent for, when the pact has one that sends it. */
  request(req: ProxiedRequest): PactInteraction | undefined {
    this.sawRequest = true;
    const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://verifier.invalid');
    const query = canonical(groupQuery(url.searchParams));
    const body = canonical(normaliseBody(req.body));
    const same = this.interactions.filter(
      (i) => i.request.method.toUpperCase() === req.method?.toUpperCase() && i.request.path === decodeURIComponent(url.pathname) && canonical(i.request.query) === query,
    );
    const byBody = same.filter((i) => canonical(i.request.body) === body);
    const candidates = byBody.length ? byBody : same;
    const byState = candidates.filter((i) => i.states.length === this.states.length && i.states.every((s) => this.states.includes(s)));
    const pool = byState.length ? byState : candidates;
    const found = pool.find((i) => !this.used.has(i)) ?? pool[0];
    if (found) this.used.add(found);
    return found;
  }
}

function groupQuery(params: URLSearchParams): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [k, v] of params) (query[k] ??= []).push(v);
  return query;
}

/** body-parser leaves JSON parsed, anything else a Buffer (or nothing); the pact holds the parsed content. */
function normaliseBody(body: unknown): unknown {
  if (Buffer.isBuffer(body)) {
    if (body.length === 0) return undefined;
    const text = body.toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0) return undefined;
  return body;
}

/** JSON with sorted keys, so two equal values compare equal as strings. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  ) ?? 'undefined';
}
