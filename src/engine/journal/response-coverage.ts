import type { Reply } from '../api-module.js';

/** How an answer came about: the API's own state and input, a `Prefer`, or a scenario's forced response. */
export type ReachedVia = 'state' | 'prefer' | 'scenario';

export interface CoverageEntry {
  api: string;
  operationId: string;
  status: number;
  example: string | null;
  via: ReachedVia;
  /** The scenario that forced it, when one did. */
  scenario: string | null;
  count: number;
}

/** [INF] Sessions whose coverage is kept, the least recently answered dropped first (as the store's session cap). */
export const DEFAULT_COVERAGE_SESSIONS = 10_000;

type Entries = Map<string, CoverageEntry>;

/**
 * Which documented responses this sandbox has given since it started, and how: over all sessions (our suite's check
 * that every response is reachable) and per session (a partner's CI: "did our tests see every documented failure?").
 * Kept in this process: with replicas on Redis, each replica knows what it answered.
 */
export class ResponseCoverage {
  private readonly entries: Entries = new Map();
  private readonly bySession = new Map<string, Entries>();

  /** The session at the end of `bySession`, while nothing else has moved it. */
  private lastSession: string | undefined;

  constructor(private readonly maxSessions = DEFAULT_COVERAGE_SESSIONS) {}

  /** `forcedBy` is the journal's `shapedBy` when the answer was forced (`prefer …`, `scenario <name> (…)`). */
  record(api: string, operationId: string, reply: Reply, forcedBy: string | undefined, sessionId?: string): void {
    const via: ReachedVia = forcedBy === undefined ? 'state' : forcedBy.startsWith('prefer') ? 'prefer' : 'scenario';
    const scenario = via === 'scenario' ? forcedBy!.split(' ')[1] : null;
    const key = `${api}|${operationId}|${reply.status}|${reply.example ?? ''}|${via}|${scenario ?? ''}`;
    const entry = { api, operationId, status: reply.status, example: reply.example ?? null, via, scenario };
    count(this.entries, key, entry);
    if (sessionId !== undefined) count(this.sessionEntries(sessionId), key, entry);
  }

  list(): CoverageEntry[] {
    return [...this.entries.values()];
  }

  /** What one session was answered; nothing for a session never answered (or reset since). */
  listFor(sessionId: string): CoverageEntry[] {
    return [...(this.bySession.get(sessionId)?.values() ?? [])];
  }

  /** A reset session starts its coverage again; `undefined` forgets every session's. */
  forget(sessionId?: string): void {
    this.lastSession = undefined;
    if (sessionId === undefined) this.bySession.clear();
    else this.bySession.delete(sessionId);
  }

  private sessionEntries(sessionId: string): Entries {
    let entries = this.bySession.get(sessionId);
    // Already the last (memory-store.ts says why a delete + set of it would cost a full GC now and then).
    if (entries && sessionId === this.lastSession) return entries;
    this.lastSession = sessionId;
    if (entries) this.bySession.delete(sessionId);
    else {
      entries = new Map();
      if (this.bySession.size >= this.maxSessions) this.bySession.delete(this.bySession.keys().next().value!);
    }
    // Map order is use order: the first key is the least recently answered session.
    this.bySession.set(sessionId, entries);
    return entries;
  }
}

function count(entries: Entries, key: string, entry: Omit<CoverageEntry, 'count'>): void {
  const found = entries.get(key);
  if (found) found.count++;
  else entries.set(key, { ...entry, count: 1 });
}
