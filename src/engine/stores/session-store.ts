import type { JournalRecord } from '../journal/journal.js';
import type { Session } from '../sessions/session.js';

export interface SessionSummary {
  id: string;
  scenario: string | null;
  lastUsed: string;
}

/** The store is out of reach (Redis down): answered 503, nothing acknowledged is lost. */
export class StoreUnavailableError extends Error {}

/**
 * Where sessions live. Handlers never see it: the engine hands them a session inside `update`.
 * Two implementations: memory (the default, one process) and Redis (replicas sharing sessions).
 */
export interface SessionStore {
  /** Which store this is, as `/__sandbox/health` reports it. */
  readonly kind: 'memory' | 'redis';
  /**
   * Runs `change` on the session (created from the default fixture when new) and keeps what it changed.
   * `change` must be synchronous and free of side effects: a shared store runs it again when another replica
   * changed the session in between, so exactly one of two racing changes wins. A change that throws is a bug
   * (answered 500): Redis keeps nothing of it, the memory store what it did before throwing ([INF]: undoing would
   * need a copy of the session per request, ~36 µs for the default one, more than the rest of a request).
   * `only` names the one API whose state the change reads or writes (an API request's): a store may then load and
   * keep that part alone. The change must not touch another API's state then.
   */
  update<T>(id: string, change: (session: Session) => T, only?: string): Promise<T>;
  /** The session as it is, without creating or touching it. */
  read(id: string): Promise<Session | undefined>;
  /** As new: one session, or every session. */
  reset(id?: string): Promise<void>;
  /** Adds an exchange to the session's journal; never fails the request it records. */
  appendJournal(id: string, record: JournalRecord): void;
  /** The newest `limit` exchanges, newest first, secrets redacted. */
  journal(id: string, limit?: number): Promise<unknown[]>;
  /** The live sessions, most recently used first, at most `limit`, and how many there are in all. */
  list(limit: number): Promise<{ total: number; sessions: SessionSummary[] }>;
  close(): Promise<void>;
}

export function summary(session: Session): SessionSummary {
  return { id: session.id, scenario: session.stickyScenario, lastUsed: new Date(session.lastUsed).toISOString() };
}
