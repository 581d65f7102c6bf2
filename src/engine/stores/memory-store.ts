import { Journal, JournalBudget, DEFAULT_JOURNAL_SIZE, DEFAULT_JOURNAL_TOTAL, type JournalRecord } from '../journal/journal.js';
import type { Session } from '../sessions/session.js';
import type { SessionFactory } from '../sessions/session-factory.js';
import { DEFAULT_MAX_SESSIONS, DEFAULT_TTL_MS } from './store-defaults.js';
import { summary, type SessionStore, type SessionSummary } from './session-store.js';

export interface MemoryStoreOptions {
  /** Idle sessions older than this are dropped. */
  ttlMs?: number;
  /** At most this many sessions; the least recently used goes first. */
  maxSessions?: number;
  journalSize?: number;
  /** Journal records kept over all sessions together; the oldest goes first. */
  journalTotal?: number;
  now?: () => number;
  /** Called whenever a session is used or changed (for `--state-file`). */
  onChange?: () => void;
}

/** Sessions in this process: a Map in least-recently-used order, each with its journal. The default store. */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory';
  private readonly sessions = new Map<string, { session: Session; journal: Journal }>();
  /** The session at the end of `sessions` (the one used last), while nothing else has moved it. */
  private lastTouched: string | undefined;
  private readonly ttlMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;
  private readonly journalBudget: JournalBudget;

  constructor(
    private readonly factory: SessionFactory,
    private readonly options: MemoryStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
    this.now = options.now ?? Date.now;
    this.journalBudget = new JournalBudget(options.journalTotal ?? DEFAULT_JOURNAL_TOTAL);
  }

  async update<T>(id: string, change: (session: Session) => T): Promise<T> {
    return change(this.touch(id).session);
  }

  async read(id: string): Promise<Session | undefined> {
    return this.live(id)?.session;
  }

  async reset(id?: string): Promise<void> {
    this.options.onChange?.();
    this.lastTouched = undefined;
    if (id === undefined) this.sessions.clear();
    else this.sessions.delete(id);
  }

  /**
   * A request to a session that does not exist yet (its first call hit an unknown path, say) still leaves a trace:
   * the session is created, as the Redis store's journal and index keep it too.
   */
  appendJournal(id: string, record: JournalRecord): void {
    this.journalBudget.add((this.live(id) ?? this.touch(id)).journal, record);
  }

  async journal(id: string, limit?: number): Promise<unknown[]> {
    return this.live(id)?.journal.list(limit) ?? [];
  }

  async list(limit: number): Promise<{ total: number; sessions: SessionSummary[] }> {
    const live = [...this.sessions.values()].filter((e) => !this.expired(e.session)).reverse();
    return { total: live.length, sessions: live.slice(0, limit).map((e) => summary(e.session)) };
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Every session, for `--state-file`. */
  snapshot(): Session[] {
    return [...this.sessions.values()].map((e) => e.session);
  }

  /** Sessions as a snapshot had them, each restored by the factory (an API the snapshot does not know starts from the fixture). */
  restore(saved: Session[]): void {
    this.lastTouched = undefined;
    for (const entry of saved) {
      const session = this.factory.restore(entry, this.now());
      this.sessions.set(entry.id, { session, journal: new Journal(this.options.journalSize ?? DEFAULT_JOURNAL_SIZE) });
    }
  }

  async close(): Promise<void> {}

  /** The session, created on first use; touching it makes it the most recently used. */
  private touch(id: string) {
    const now = this.now();
    let entry = this.live(id);
    // Map order is use order. The session used last is already at the end: moving it there again (delete + set)
    // would rehash the Map's table, in the old generation once the Map lives there: a few hundred bytes of old
    // garbage per request, and a full GC every second or two under load (profiled; the p99 of a one-session run).
    if (entry && id === this.lastTouched) {
      entry.session.lastUsed = now;
      this.options.onChange?.();
      return entry;
    }
    if (entry) this.sessions.delete(id);
    else entry = { session: this.factory.create(id, now), journal: new Journal(this.options.journalSize ?? DEFAULT_JOURNAL_SIZE) };
    entry.session.lastUsed = now;
    this.sessions.set(id, entry);
    this.lastTouched = id;
    this.evict(now);
    this.options.onChange?.();
    return entry;
  }

  private live(id: string) {
    const entry = this.sessions.get(id);
    return entry && !this.expired(entry.session) ? entry : undefined;
  }

  private expired(session: Session, now = this.now()): boolean {
    return now - session.lastUsed > this.ttlMs;
  }

  private evict(now: number): void {
    for (const [id, { session }] of this.sessions) {
      if (!this.expired(session, now) && this.sessions.size <= this.maxSessions) break;
      this.sessions.delete(id);
      if (id === this.lastTouched) this.lastTouched = undefined;
    }
  }
}
