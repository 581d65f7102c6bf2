import type { IdCounter } from './id-source.js';

export const DEFAULT_SESSION = 'default';
/** Session ids travel in a header and a URL path: keep them short and printable. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9._:~-]{1,128}$/;

/**
 * One session: plain JSON, so any store can keep it (a Map in memory, a hash in Redis, a state file).
 * Its journal is kept beside it by the store, not in it.
 */
export interface Session {
  id: string;
  /** One slice per API, created from the default fixture. */
  state: Record<string, unknown>;
  ids: IdCounter;
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
