import type { ApiModule } from './api-module.js';
import type { Fixture } from './fixture.js';
import { overlayFixture } from './fixture-overlay.js';
import { idSourceFor, type IdCounter } from './id-source.js';
import { Journal, DEFAULT_JOURNAL_SIZE } from './journal.js';

export const DEFAULT_SESSION = 'default';
/** Session ids travel in a header and a URL path: keep them short and printable. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9._:~-]{1,128}$/;

export interface Session {
  id: string;
  /** One slice per API, plain JSON, created from the default fixture. */
  state: Record<string, unknown>;
  ids: IdCounter;
  journal: Journal;
  /** A scenario applied to every request of this session (set through the admin API). */
  stickyScenario: string | null;
  /** How often each scenario rule's operation was called in this session, for "only the n-th call" rules. */
  scenarioCalls: Record<string, number>;
  /** Rate-limit windows of scenario rules: when the window opened and how many calls it has seen. */
  rateWindows: Record<string, { start: number; count: number }>;
  /** Scenarios whose `setup` is already in this session's state. */
  appliedScenarios: string[];
  lastUsed: number;
}

export interface SessionStoreOptions {
  modules: ApiModule[];
  fixture: Fixture;
  /** Idle sessions older than this are dropped. */
  ttlMs?: number;
  /** At most this many sessions; the least recently used goes first. */
  maxSessions?: number;
  journalSize?: number;
  now?: () => number;
  /** Called whenever a session is used or changed (for persistence). */
  onChange?: () => void;
}

/** What of a session survives a restart: everything but the journal. */
export type PersistedSession = Omit<Session, 'journal'>;

/** Sessions keyed by `X-Mock-Session`, least recently used first in the map's insertion order. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly ttlMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;

  constructor(private readonly options: SessionStoreOptions) {
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.maxSessions = options.maxSessions ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** The session, created from the fixture on first use; touching it makes it the most recently used. */
  get(id: string): Session {
    const now = this.now();
    let session = this.sessions.get(id);
    if (session && now - session.lastUsed > this.ttlMs) session = undefined;
    if (session) {
      this.sessions.delete(id);
    } else {
      session = this.create(id);
    }
    session.lastUsed = now;
    this.sessions.set(id, session);
    this.evict(now);
    this.options.onChange?.();
    return session;
  }

  /** The session if it exists, without creating or touching it. */
  peek(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** As new: the default fixture, no sticky scenario, no counters; one session, or all of them. */
  reset(id?: string): void {
    this.options.onChange?.();
    if (id === undefined) this.sessions.clear();
    else this.sessions.delete(id);
  }

  /** Rebuilds one API's state from the default fixture with `overlay` laid over it (a scenario's setup). */
  rebuildApiState(session: Session, api: string, overlay: unknown): void {
    const module = this.options.modules.find((m) => m.name === api);
    if (!module) throw new Error(`no API named ${api}`);
    const fixture = overlayFixture(structuredClone(this.options.fixture[api] ?? {}), structuredClone(overlay));
    session.state[api] = module.createState(fixture, idSourceFor(session.ids));
  }

  snapshot(): PersistedSession[] {
    return [...this.sessions.values()].map(({ journal: _journal, ...rest }) => rest);
  }

  /** Sessions as a snapshot had them; an API the snapshot does not know starts from the fixture. */
  restore(saved: PersistedSession[]): void {
    for (const entry of saved) {
      const fresh = this.create(entry.id);
      this.sessions.set(entry.id, { ...fresh, ...entry, state: { ...fresh.state, ...entry.state }, journal: fresh.journal });
    }
  }

  ids(): string[] {
    return [...this.sessions.keys()];
  }

  get size(): number {
    return this.sessions.size;
  }

  private create(id: string): Session {
    const ids: IdCounter = { next: 0 };
    const source = idSourceFor(ids);
    const state: Record<string, unknown> = {};
    for (const module of this.options.modules) {
      state[module.name] = module.createState(structuredClone(this.options.fixture[module.name] ?? {}), source);
    }
    return {
      id,
      state,
      ids,
      journal: new Journal(this.options.journalSize ?? DEFAULT_JOURNAL_SIZE),
      stickyScenario: null,
      scenarioCalls: {},
      rateWindows: {},
      appliedScenarios: [],
      lastUsed: this.now(),
    };
  }

  private evict(now: number): void {
    for (const [id, session] of this.sessions) {
      const expired = now - session.lastUsed > this.ttlMs;
      if (!expired && this.sessions.size <= this.maxSessions) break;
      this.sessions.delete(id);
    }
  }
}
