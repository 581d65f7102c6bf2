import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineApi, type ApiModule } from '../../src/engine/api-module.js';
import { SessionFactory } from '../../src/engine/sessions/session-factory.js';
import type { Session } from '../../src/engine/sessions/session.js';
import { RedisSessionStore } from '../../src/engine/stores/redis-store.js';
import { notesDefinition, type NotesState } from '../engine/fixtures/notes-module.js';
import { uniqueKeyPrefix } from '../helpers/redis-keys.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { describeSessionStore } from './session-store.case.js';

let redis: RedisServer;
let raw: Redis;
beforeAll(async () => {
  redis = await startRedisServer();
  raw = new Redis(redis.url);
});
afterAll(async () => {
  raw?.disconnect();
  await redis?.stop();
});

describeSessionStore('Redis', async (factory, options) => {
  const keyPrefix = uniqueKeyPrefix();
  const store = new RedisSessionStore(factory, { url: redis.url, keyPrefix, ...options });
  await store.ready();
  // As another replica (or an older version) would have written it: the session's hash, revision and JSON.
  const saveRaw = async (session: { id: string }) => {
    await raw.hset(`${keyPrefix}s:${session.id}`, 'rev', '1', 'data', JSON.stringify(session));
  };
  return { store, saveRaw };
});

describe('a replica holding the API state it read (redis-part-cache.ts)', () => {
  const notes = defineApi(notesDefinition) as unknown as ApiModule;
  const FIXTURE = { notes: { notes: { seeded: { id: 'seeded', title: 'from the fixture' } } } };
  const open = async (keyPrefix: string) => {
    const store = new RedisSessionStore(new SessionFactory([notes], FIXTURE), { url: redis.url, keyPrefix });
    await store.ready();
    return store;
  };
  const titles = (s: Session) => Object.keys((s.state.notes as NotesState).notes).sort();
  const sentBytes = async () => Number(/total_net_output_bytes:(\d+)/.exec(await raw.info('stats'))![1]);

  it('fetches only the revision and meta while Redis holds the revision it read, not the state again', async () => {
    const store = await open(uniqueKeyPrefix());
    const id = 'big';
    await store.update(id, (s) => {
      for (let i = 0; i < 200; i++) (s.state.notes as NotesState).notes[`n${i}`] = { id: `n${i}`, title: 'x'.repeat(100) };
    }, 'notes');
    const before = await sentBytes();
    for (let i = 0; i < 20; i++) expect(await store.update(id, (s) => titles(s).length, 'notes')).toBe(201);
    // The part is ~25 KB of JSON: twenty reads of it would send ~500 KB.
    expect((await sentBytes()) - before).toBeLessThan(20_000);
    await store.close();
  });

  it('keeps nothing of a change that threw after changing the state it was handed', async () => {
    const store = await open(uniqueKeyPrefix());
    await store.update('s', (s) => ((s.state.notes as NotesState).notes.kept = { id: 'kept', title: 'k' }), 'notes');
    await expect(
      store.update('s', (s) => {
        (s.state.notes as NotesState).notes.half = { id: 'half', title: 'half done' };
        throw new Error('the handler failed');
      }, 'notes'),
    ).rejects.toThrow('the handler failed');
    expect(await store.update('s', titles, 'notes')).toEqual(['kept', 'seeded']);
    await store.close();
  });

  it("sees another replica's write, and never mistakes a session reset and made again elsewhere for the one it held", async () => {
    const keyPrefix = uniqueKeyPrefix();
    const [a, b] = [await open(keyPrefix), await open(keyPrefix)];
    await a.update('s', (s) => ((s.state.notes as NotesState).notes.a = { id: 'a', title: 'by a' }), 'notes');
    await b.update('s', (s) => ((s.state.notes as NotesState).notes.b = { id: 'b', title: 'by b' }), 'notes');
    expect(await a.update('s', titles, 'notes')).toEqual(['a', 'b', 'seeded']);
    await b.reset('s');
    // Made again in as many writes as a held: a counted revision would now read as the one a holds.
    await b.update('s', (s) => ((s.state.notes as NotesState).notes.c = { id: 'c', title: 'anew' }), 'notes');
    await b.update('s', (s) => ((s.state.notes as NotesState).notes.d = { id: 'd', title: 'anew' }), 'notes');
    expect(await a.update('s', titles, 'notes')).toEqual(['c', 'd', 'seeded']);
    await Promise.all([a.close(), b.close()]);
  });

  it("refreshes a session's expiry and last use at most once a second while it is only read, and every journal has one", async () => {
    const keyPrefix = uniqueKeyPrefix();
    const [a, b] = [await open(keyPrefix), await open(keyPrefix)];
    const calls = async (command: string) => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(await raw.info('commandstats'))?.[1] ?? 0);
    const record = (i: number) => ({ id: `r${i}`, at: Date.now(), method: 'GET', path: '/notes', requestHeaders: {}, requestBody: undefined, requestMediaType: undefined, status: 200, responseHeaders: {}, responseBody: undefined, durationMs: 1, api: 'notes', operationId: 'countNotes', example: undefined, shapedBy: undefined });
    await a.update('s', titles, 'notes');
    a.appendJournal('s', record(0));
    await a.update('s', titles, 'notes');
    const before = await calls('pexpire');
    for (let i = 1; i <= 20; i++) {
      await a.update('s', titles, 'notes');
      a.appendJournal('s', record(i));
    }
    await a.update('s', titles, 'notes');
    // Forty reads and journal entries in well under a second: each would refresh both keys without the throttle.
    expect((await calls('pexpire')) - before).toBeLessThanOrEqual(4);
    // Another replica resets the session: the journal a makes anew gets an expiry at once, throttle or not.
    await b.reset('s');
    a.appendJournal('s', record(21));
    await a.update('s', titles, 'notes');
    expect(await raw.pttl(`${keyPrefix}j:s`)).toBeGreaterThan(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps a write made on parts it froze after reads, counting ids once, and rejects with the error of a change that fails there', async () => {
    const keyPrefix = uniqueKeyPrefix();
    const [a, b] = [await open(keyPrefix), await open(keyPrefix)];
    await a.update('s', titles, 'notes');
    // Reads: the second and third run on the parts a froze after the first.
    for (let i = 0; i < 3; i++) expect(await a.update('s', titles, 'notes')).toEqual(['seeded']);
    expect(await a.update('s', (s) => Object.isFrozen((s.state.notes as NotesState).notes), 'notes')).toBe(true);
    const next = await a.update('s', (s) => s.ids.next, 'notes');
    const made = await a.update('s', (s) => {
      const id = `n${s.ids.next++}`;
      (s.state.notes as NotesState).notes[id] = { id, title: 'after reads' };
      return id;
    }, 'notes');
    expect(made).toBe(`n${next}`);
    expect(await b.update('s', (s) => [titles(s), s.ids.next], 'notes')).toEqual([[made, 'seeded'].sort(), next + 1]);
    for (let i = 0; i < 2; i++) await a.update('s', titles, 'notes');
    await expect(a.update('s', () => {
      throw new Error('the handler failed');
    }, 'notes')).rejects.toThrow('the handler failed');
    expect(await a.update('s', titles, 'notes')).toEqual([made, 'seeded'].sort());
    await Promise.all([a.close(), b.close()]);
  });
});
