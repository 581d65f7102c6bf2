import { Redis } from 'ioredis';
import { DEFAULT_JOURNAL_SIZE, presentRecord, type JournalRecord } from '../journal/journal.js';
import type { Session } from '../sessions/session.js';
import type { SessionFactory } from '../sessions/session-factory.js';
import { RedisPartCache, type CachedPart } from './redis-part-cache.js';
import { DEFAULT_MAX_SESSIONS, DEFAULT_TTL_MS } from './store-defaults.js';
import { StoreUnavailableError, summary, type SessionStore, type SessionSummary } from './session-store.js';

export interface RedisStoreOptions {
  /** `redis://host:port/db` */
  url: string;
  /** Namespaces the keys, so several sandboxes (or test suites) can share one Redis. */
  keyPrefix?: string;
  ttlMs?: number;
  maxSessions?: number;
  journalSize?: number;
  /** The parsed API states a replica keeps between requests (`redis-part-cache.ts`), in bytes of their JSON. */
  partCacheBytes?: number;
  onError?: (err: Error) => void;
}

/** How often a change is retried after other replicas changed the same session in between. */
const MAX_ATTEMPTS = 50;

/**
 * A session's revision and meta, and its fields only when the revision is not the one whose parts the caller
 * holds parsed: then the part stays in Redis, and the reply is a few hundred bytes instead of the API's state.
 * KEYS: session hash; ARGV: the revision held ('' for none), then the fields (`meta`, `state:<api>`…, `data`).
 * Replies {rev, meta} when the revision is the one held, else {rev, meta, fields after meta…} (rev false when new).
 */
const READ_SESSION = `
local rev = redis.call('HGET', KEYS[1], 'rev')
if rev and rev == ARGV[1] then return {rev, redis.call('HGET', KEYS[1], ARGV[2])} end
return {rev or false, unpack(redis.call('HMGET', KEYS[1], unpack(ARGV, 2)))}`;

/**
 * Writes the parts of the session a change touched, only if nobody wrote the session since it was read (its
 * revision is unchanged), and notes its use in the index the session cap works from. Atomic in Redis, so two
 * replicas never both win a race. KEYS: session hash, index; ARGV: expected rev, new rev, ttl ms, id, now, then
 * field/value pairs (`meta`, `state:<api>`…), then field names to delete (a session kept whole, by an older version).
 */
const COMPARE_AND_SET = `
local current = redis.call('HGET', KEYS[1], 'rev')
if (current or '0') ~= ARGV[1] then return 0 end
local pairs = tonumber(ARGV[6])
redis.call('HSET', KEYS[1], 'rev', ARGV[2], unpack(ARGV, 7, 6 + pairs * 2))
if #ARGV > 6 + pairs * 2 then redis.call('HDEL', KEYS[1], unpack(ARGV, 7 + pairs * 2)) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
return 1`;

/**
 * One journal entry, and the session's pending touch if it has one, in one command: a MULTI of the same five or
 * seven commands costs the client (ioredis) as many command objects and replies, the bulk of a read's CPU.
 * The journal's expiry (and the session's place in the index, for one only journaled so far) is refreshed when
 * the list is new or the replica says it is due, not on every entry.
 * KEYS: journal list, index, session hash; ARGV: record, journal size, ttl ms, now, id, touched-at ('' for none),
 * '1' when the journal's expiry is due.
 */
const APPEND_JOURNAL = `
if ARGV[6] ~= '' then
  redis.call('PEXPIRE', KEYS[3], ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[5])
end
local length = redis.call('LPUSH', KEYS[1], ARGV[1])
if ARGV[7] == '1' or length == 1 then
  redis.call('ZADD', KEYS[2], 'NX', ARGV[4], ARGV[5])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
if length > tonumber(ARGV[2]) then redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1) end
return 1`;

/** A session as the hash keeps it: everything but the state in `meta`, each API's state in `state:<api>`. */
const META = 'meta';
const stateField = (api: string) => `state:${api}`;
/** Where a session was kept whole (one `data` field) before it was split: still read, replaced on the next write. */
const WHOLE = 'data';

/**
 * Sessions in Redis, shared by every sandbox replica that points at it: a hash per session (revision + JSON),
 * a capped list per journal, key expiry for the idle TTL, a sorted set of last uses for the session cap.
 */
export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis';
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly maxSessions: number;
  private readonly journalSize: number;
  private capCheckedAt = 0;
  /** Sessions only read since the last flush, and when: their expiry and last use go out with their journal entry. */
  private readonly pendingTouches = new Map<string, number>();
  private readonly cache: RedisPartCache;
  /**
   * When this replica last refreshed each session's expiry and last use, and its journal's: a read or a journal
   * entry refreshes them when `refreshEveryMs` has passed since, not every time (four commands in Redis per
   * request otherwise). [INF] At most a second, a tenth of a short TTL: an expiry that late is harmless.
   */
  private readonly sessionRefreshedAt = new Map<string, number>();
  private readonly journalRefreshedAt = new Map<string, number>();
  private readonly refreshEveryMs: number;
  /**
   * Revisions are unique, not counted: a session reset and made again elsewhere must never show a revision this
   * replica holds parts of. [INF] A random prefix per process and a counter; the compare-and-set only tests equality.
   */
  private readonly revPrefix = `${process.pid.toString(36)}${Math.random().toString(36).slice(2, 10)}.`;
  private writes = 0;

  constructor(
    private readonly factory: SessionFactory,
    private readonly options: RedisStoreOptions,
  ) {
    this.prefix = options.keyPrefix ?? 'partner-sandbox:';
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
    this.journalSize = options.journalSize ?? DEFAULT_JOURNAL_SIZE;
    this.refreshEveryMs = Math.min(1000, this.ttlMs / 10);
    // Fail fast while Redis is away (503 to the client) and keep reconnecting in the background.
    this.redis = new Redis(options.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (n) => Math.min(n * 100, 1000) });
    this.cache = new RedisPartCache(options.partCacheBytes);
    this.redis.defineCommand('readSession', { numberOfKeys: 1, lua: READ_SESSION });
    this.redis.defineCommand('compareAndSetSession', { numberOfKeys: 2, lua: COMPARE_AND_SET });
    this.redis.defineCommand('appendJournalEntry', { numberOfKeys: 3, lua: APPEND_JOURNAL });
    this.redis.on('error', (err: Error) => options.onError?.(err));
  }

  /** Resolves once connected, or rejects with a clear error. */
  async ready(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new StoreUnavailableError(`cannot reach Redis at ${this.options.url}`)), 5000);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * With `only` (the API a request is for), reads and writes that API's state and the session's meta, not the
   * others': a request parses and serialises its own API's part instead of all four ([INF] a session of the
   * default fixture is ~70 KB of JSON, integrator.io's part most of it). A part this replica holds parsed at the
   * session's current revision is neither fetched nor parsed again. One round trip for a read, two for a write.
   */
  async update<T>(id: string, change: (session: Session) => T, only?: string): Promise<T> {
    const apis = only === undefined ? this.factory.apiNames() : [only];
    const fields = [META, ...apis.map(stateField), WHOLE];
    const redis = this.redis as Redis & { readSession: (...args: string[]) => Promise<(string | null)[]> };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const held = this.cache.get(id, apis);
      const [rev, meta, ...raw] = await this.call(() => redis.readSession(this.sessionKey(id), held?.rev ?? '', ...fields));
      const now = Date.now();
      const hit = held !== undefined && raw.length === 0;
      // On frozen parts first: a change that gets to its end there changed no part (redis-part-cache.ts).
      let ran = hit && held.frozen ? this.runOnFrozen(id, apis, meta!, held.parts, now, change) : undefined;
      const unchanged = ran !== undefined;
      if (ran === undefined) {
        // A frozen part refused a write: the change runs again on parts of its own, parsed from the same revision.
        const loaded = !hit ? this.load(id, apis, [meta, ...raw], now) : held.frozen ? this.load(id, apis, [meta, ...apis.map((api) => held.parts.get(api)!.raw), null], now) : this.loadHeld(id, apis, meta!, held.parts, now);
        try {
          ran = { loaded, result: change(loaded.session) };
        } catch (err) {
          // The held parts may be half changed: Redis keeps nothing of the change, so neither may this replica.
          this.cache.forget(id);
          throw err;
        }
      }
      const { loaded, result } = ran;
      // A new session is written whole: its parts were made together, from one id counter.
      const after = unchanged ? new Map(apis.map((api) => [api, held!.parts.get(api)!.raw])) : this.partsAfter(loaded, loaded.stored ? apis : this.factory.apiNames());
      const pairs = [...after].filter(([api, json]) => json !== (loaded.parts.get(api) ?? null)).flatMap(([api, json]) => [stateField(api), json]);
      const { state: _state, ...rest } = loaded.session;
      // Nothing changed (a read): no write and nothing to race; its expiry and last use are refreshed with the
      // journal entry that follows (one transaction instead of two, and none awaited before answering).
      if (loaded.stored && !loaded.whole && pairs.length === 0 && JSON.stringify(rest) === loaded.metaBefore) {
        if (due(this.sessionRefreshedAt, id, now, this.refreshEveryMs)) this.touchSoon(id, now);
        // Kept frozen: the next reads of it need not serialise it to see that they changed nothing.
        if (!unchanged) this.cache.keep(id, rev!, this.heldParts(loaded, after), true);
        return result;
      }
      rest.lastUsed = now;
      loaded.session.lastUsed = now;
      pairs.push(META, JSON.stringify(rest));
      const written = `${this.revPrefix}${++this.writes}`;
      if (await this.compareAndSet(id, rev ?? '0', written, pairs, loaded.whole ? [WHOLE] : [], now)) {
        this.cache.keep(id, written, unchanged ? held!.parts : this.heldParts(loaded, after), unchanged);
        // The compare-and-set refreshed the session's expiry and last use.
        this.sessionRefreshedAt.set(id, now);
        this.enforceCapSoon(now);
        return result;
      }
      // Another replica wrote in between: what this one holds is of an older revision.
      this.cache.forget(id);
    }
    throw new StoreUnavailableError(`session ${id} kept changing under ${MAX_ATTEMPTS} attempts`);
  }

  /**
   * The session from the fields read: its meta and the APIs asked for, each through the factory's restore; a new
   * one when the hash has none; the whole of it when an older version kept it in one field.
   */
  private load(id: string, apis: readonly string[], raw: (string | null)[], now: number): Loaded {
    const [meta, ...rest] = raw;
    const whole = rest.at(-1) ?? null;
    const parts = rest.slice(0, -1);
    if (meta === null && whole !== null) {
      const session = this.factory.restore(JSON.parse(whole) as Session, now);
      // Every part is written anew, so the split form replaces the whole one.
      return { session, stored: true, whole: true, parts: new Map() };
    }
    if (meta === null) return { session: this.factory.create(id, now), stored: false, whole: false, parts: new Map() };
    const saved = JSON.parse(meta) as Session;
    saved.state = {};
    const read = new Map(apis.map((api, i) => [api, parts[i]]));
    for (const [api, part] of read) if (part !== null) saved.state[api] = JSON.parse(part);
    return { session: this.factory.restore(saved, now, apis), stored: true, whole: false, parts: read, metaBefore: meta };
  }

  /** The session from its meta and the parts this replica holds at the revision Redis still has. */
  private loadHeld(id: string, apis: readonly string[], meta: string, held: Map<string, CachedPart>, now: number): Loaded {
    const saved = JSON.parse(meta) as Session;
    saved.state = {};
    const read = new Map<string, string | null>();
    for (const api of apis) {
      const part = held.get(api)!;
      saved.state[api] = part.value;
      read.set(api, part.raw);
    }
    // restoreState is idempotent: a held part was restored when it was first read.
    return { session: this.factory.restore(saved, now, apis), stored: true, whole: false, parts: read, metaBefore: meta };
  }

  /** The change run on the frozen parts held; undefined when it threw (a write to them, or a failure of its own). */
  private runOnFrozen<T>(id: string, apis: readonly string[], meta: string, held: Map<string, CachedPart>, now: number, change: (session: Session) => T): { loaded: Loaded; result: T } | undefined {
    try {
      const loaded = this.loadHeld(id, apis, meta, held, now);
      return { loaded, result: change(loaded.session) };
    } catch {
      return undefined;
    }
  }

  /** Each API state's JSON after the change (every part of a new session). */
  private partsAfter(loaded: Loaded, apis: readonly string[]): Map<string, string> {
    return new Map(apis.map((api) => [api, JSON.stringify(loaded.session.state[api])]));
  }

  /** The parts to hold after a change: each value with the JSON that now stands for it in Redis. */
  private heldParts(loaded: Loaded, after: Map<string, string>): Map<string, CachedPart> {
    return new Map([...after].map(([api, raw]) => [api, { raw, value: loaded.session.state[api] }]));
  }

  private async compareAndSet(id: string, expected: string, rev: string, pairs: string[], remove: string[], now: number): Promise<boolean> {
    const redis = this.redis as Redis & { compareAndSetSession: (...args: (string | number)[]) => Promise<number> };
    const written = await this.call(() =>
      redis.compareAndSetSession(this.sessionKey(id), this.indexKey(), expected, rev, this.ttlMs, id, now, pairs.length / 2, ...pairs, ...remove),
    );
    return written === 1;
  }

  private touchSoon(id: string, now: number): void {
    // Whatever no journal entry took along by the next turn of the event loop goes out on its own.
    if (this.pendingTouches.size === 0) setImmediate(() => this.flushTouches());
    this.pendingTouches.set(id, now);
  }

  private withPendingTouch<M extends ReturnType<Redis['multi']>>(multi: M, id: string): M {
    const at = this.pendingTouches.get(id);
    if (at === undefined) return multi;
    this.pendingTouches.delete(id);
    multi.pexpire(this.sessionKey(id), this.ttlMs).zadd(this.indexKey(), at, id);
    return multi;
  }

  private flushTouches(): void {
    if (this.pendingTouches.size === 0) return;
    const multi = this.redis.multi();
    for (const id of [...this.pendingTouches.keys()]) this.withPendingTouch(multi, id);
    multi.exec().catch((err: Error) => this.options.onError?.(err));
  }

  /** The cap is checked at most once a second: it costs two commands, and a second over the cap is harmless. */
  private enforceCapSoon(now: number): void {
    if (now - this.capCheckedAt < 1000) return;
    this.capCheckedAt = now;
    void this.enforceCap(now).catch(() => undefined);
  }

  async read(id: string): Promise<Session | undefined> {
    const apis = this.factory.apiNames();
    const [meta, ...raw] = await this.call(() => this.redis.hmget(this.sessionKey(id), META, ...apis.map(stateField), WHOLE));
    if (meta === null && raw.at(-1) === null) return undefined;
    return this.load(id, apis, [meta, ...raw], Date.now()).session;
  }

  async reset(id?: string): Promise<void> {
    if (id !== undefined) {
      this.cache.forget(id);
      this.sessionRefreshedAt.delete(id);
      this.journalRefreshedAt.delete(id);
      await this.call(() => this.redis.multi().del(this.sessionKey(id), this.journalKey(id)).zrem(this.indexKey(), id).exec());
      return;
    }
    this.cache.clear();
    this.sessionRefreshedAt.clear();
    this.journalRefreshedAt.clear();
    const ids = await this.call(() => this.redis.zrange(this.indexKey(), '0', '-1'));
    const keys = ids.flatMap((s) => [this.sessionKey(s), this.journalKey(s)]);
    await this.call(() => this.redis.multi().del(this.indexKey(), ...keys).exec());
  }

  appendJournal(id: string, record: JournalRecord): void {
    const touchedAt = this.pendingTouches.get(id);
    this.pendingTouches.delete(id);
    const redis = this.redis as Redis & { appendJournalEntry: (...args: (string | number)[]) => Promise<number> };
    const now = Date.now();
    const refresh = due(this.journalRefreshedAt, id, now, this.refreshEveryMs) ? '1' : '';
    // NX in the script: a session already indexed keeps its last use; one only journaled so far (no operation
    // matched) is listed.
    redis
      .appendJournalEntry(this.journalKey(id), this.indexKey(), this.sessionKey(id), JSON.stringify(record), this.journalSize, this.ttlMs, now, id, touchedAt ?? '', refresh)
      .catch((err: Error) => this.options.onError?.(err));
  }

  async journal(id: string, limit = this.journalSize): Promise<unknown[]> {
    const raw = await this.call(() => this.redis.lrange(this.journalKey(id), '0', String(Math.min(limit, this.journalSize) - 1)));
    return raw.map((r) => presentRecord(JSON.parse(r) as JournalRecord));
  }

  async list(limit: number): Promise<{ total: number; sessions: SessionSummary[] }> {
    const since = Date.now() - this.ttlMs;
    const [total, withScores] = await this.call(() =>
      Promise.all([this.redis.zcount(this.indexKey(), since, '+inf'), this.redis.zrevrangebyscore(this.indexKey(), '+inf', since, 'WITHSCORES', 'LIMIT', 0, limit)]),
    );
    const ids = withScores.filter((_, i) => i % 2 === 0);
    const sessions = await Promise.all(ids.map((id) => this.read(id)));
    // The index holds the last use (reads refresh it without rewriting the session).
    // A session whose requests were only journaled (none matched an operation) has no document yet: listed as new.
    const summaries = sessions.map((s, i) => ({ ...(s ? summary(s) : { id: ids[i], scenario: null }), lastUsed: new Date(Number(withScores[i * 2 + 1])).toISOString() }));
    return { total, sessions: summaries };
  }

  async close(): Promise<void> {
    this.flushTouches();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Forgets sessions idle past the TTL (their keys expire by themselves) and the least recently used beyond the cap. */
  private async enforceCap(now: number): Promise<void> {
    const index = this.indexKey();
    await this.redis.zremrangebyscore(index, '-inf', now - this.ttlMs);
    const excess = (await this.redis.zcard(index)) - this.maxSessions;
    if (excess <= 0) return;
    const dropped = await this.redis.zpopmin(index, excess);
    const ids = dropped.filter((_, i) => i % 2 === 0);
    if (ids.length) await this.redis.del(...ids.flatMap((s) => [this.sessionKey(s), this.journalKey(s)]));
  }

  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (err) {
      throw new StoreUnavailableError(`the session store (Redis) is unavailable: ${(err as Error).message}`);
    }
  }

  private sessionKey(id: string): string {
    return `${this.prefix}s:${id}`;
  }

  private journalKey(id: string): string {
    return `${this.prefix}j:${id}`;
  }

  private indexKey(): string {
    return `${this.prefix}sessions`;
  }
}

/** Whether `id` is due for a refresh (and marks it done now): none in the last `everyMs`. */
function due(refreshedAt: Map<string, number>, id: string, now: number, everyMs: number): boolean {
  const at = refreshedAt.get(id);
  if (at !== undefined && now - at < everyMs) return false;
  // Forgetting them all only costs a refresh each: simpler than an order to evict by.
  if (refreshedAt.size >= 10_000) refreshedAt.clear();
  refreshedAt.set(id, now);
  return true;
}

interface Loaded {
  session: Session;
  /** Whether the hash held the session (else it is new, from the fixture). */
  stored: boolean;
  /** Read from the one field an older version kept it in: written back split. */
  whole: boolean;
  /** Each API's state as read (null when absent), to tell what a change touched. */
  parts: Map<string, string | null>;
  metaBefore?: string;
}

