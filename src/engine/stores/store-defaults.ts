/** Limits every store applies unless told otherwise, so memory and Redis forget sessions alike. */

/** A session unused for an hour is forgotten. */
export const DEFAULT_TTL_MS = 60 * 60 * 1000;
/** Beyond this many sessions the least recently used goes first. */
export const DEFAULT_MAX_SESSIONS = 10_000;
