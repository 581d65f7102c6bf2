/**
 * The API states this replica last read or wrote, parsed, with the revision of the session they belong to. When
 * Redis still holds that revision, a request skips fetching and parsing its API's part (integrator.io's is ~8 KB
 * of JSON in the default fixture, the larger half of a request's CPU through Redis).
 *
 * A cached value is handed to the next change as is, so whoever gets one must `forget` it when the change threw
 * (it may have been half done) or lost a race (it was done on an old revision): a value stays here only while it
 * is exactly what its raw JSON says.
 *
 * A part kept after a read that changed nothing is frozen (deeply): a change that runs on it and does not throw
 * provably changed nothing, so the store need not serialise the part again to find out (~45 µs for integrator.io's
 * on this project's machine, and as much garbage). A change that does write throws on the frozen value; the store
 * runs it again on a copy parsed from `raw`.
 */
export interface CachedPart {
  /** The JSON Redis holds for the part at `rev`. */
  raw: string;
  value: unknown;
}

interface Entry {
  rev: string;
  parts: Map<string, CachedPart>;
  bytes: number;
  /** Every value deeply frozen: a change that runs to its end on them changed none of them. */
  frozen: boolean;
}

/**
 * [INF] About 1,900 sessions' integrator.io parts (~8.5 KB of JSON each; held with their parsed values, ~12 KB of
 * heap per session): a replica keeps its busy sessions without growing unbounded. Oldest-written goes first, so a
 * load cycling through more sessions than fit gains nothing, and costs what it did without the cache.
 */
export const DEFAULT_PART_CACHE_BYTES = 16 * 1024 * 1024;

export class RedisPartCache {
  /** Oldest first; an entry moves to the end only when it is written, so a read costs no Map rehash. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly budgetBytes = DEFAULT_PART_CACHE_BYTES) {}

  /** The revision and parts held for the session when every one of `apis` is among them; else undefined. */
  get(id: string, apis: readonly string[]): { rev: string; parts: Map<string, CachedPart>; frozen: boolean } | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    for (const api of apis) if (!entry.parts.has(api)) return undefined;
    return entry;
  }

  /** Holds these parts as the session's at `rev`, in place of whatever was held for it; `frozen` freezes them. */
  keep(id: string, rev: string, parts: Map<string, CachedPart>, frozen = false): void {
    this.forget(id);
    let bytes = 0;
    for (const part of parts.values()) bytes += part.raw.length;
    if (bytes > this.budgetBytes) return;
    if (frozen) for (const part of parts.values()) deepFreeze(part.value);
    this.entries.set(id, { rev, parts, bytes, frozen });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  forget(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.bytes -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** State is plain JSON: objects and arrays all the way down. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
}
