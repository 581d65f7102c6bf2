/**
 * The API states this replica last read or wrote, parsed, with the revision of the session they belong to. When
 * Redis still holds that revision, a request skips fetching and parsing its API's part (integrator.io's is ~8 KB
 * of JSON in the default fixture, the larger half of a request's CPU through Redis).
 *
 * A cached value is handed to the next change as is, so whoever gets one must `forget` it when the change threw
 * (it may have been half done) or lost a race (it was done on an old revision): a value stays here only while it
 * is exactly what its raw JSON says.
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
}

/** [INF] About 1,000 sessions' integrator.io parts: a replica keeps its busy sessions without growing unbounded. */
export const DEFAULT_PART_CACHE_BYTES = 8 * 1024 * 1024;

export class RedisPartCache {
  /** Oldest first; an entry moves to the end only when it is written, so a read costs no Map rehash. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(private readonly budgetBytes = DEFAULT_PART_CACHE_BYTES) {}

  /** The revision and parts held for the session when every one of `apis` is among them; else undefined. */
  get(id: string, apis: readonly string[]): { rev: string; parts: Map<string, CachedPart> } | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    for (const api of apis) if (!entry.parts.has(api)) return undefined;
    return entry;
  }

  /** Holds these parts as the session's at `rev`, in place of whatever was held for it. */
  keep(id: string, rev: string, parts: Map<string, CachedPart>): void {
    this.forget(id);
    let bytes = 0;
    for (const part of parts.values()) bytes += part.raw.length;
    if (bytes > this.budgetBytes) return;
    this.entries.set(id, { rev, parts, bytes });
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
