import { describe, expect, it } from 'vitest';
import { SessionFactory } from '../../src/engine/sessions/session-factory.js';
import { MemorySessionStore } from '../../src/engine/stores/memory-store.js';
import { notesApi } from '../engine/fixtures/notes-module.js';
import { describeSessionStore, record } from './session-store.case.js';

describeSessionStore('memory', async (factory, options) => {
  const store = new MemorySessionStore(factory, options);
  return { store, saveRaw: async (session) => store.restore([session]) };
});

const factory = new SessionFactory([notesApi], {});
const notesOf = (state: Record<string, unknown>) => (state.notes as { notes: Record<string, unknown> }).notes;

describe('the memory session store', () => {
  it('drops the least recently used session past its cap', async () => {
    const store = new MemorySessionStore(factory, { maxSessions: 2 });
    for (const id of ['a', 'b', 'a', 'c']) await store.update(id, () => undefined);
    expect((await store.list(10)).sessions.map((s) => s.id)).toEqual(['c', 'a']);
  });

  it('keeps the order of use when one session is used many times in a row, and after a reset or an eviction', async () => {
    const store = new MemorySessionStore(factory, { maxSessions: 2 });
    for (const id of ['a', 'b', 'b', 'b', 'a', 'a', 'c']) await store.update(id, () => undefined);
    expect((await store.list(10)).sessions.map((s) => s.id)).toEqual(['c', 'a']);
    await store.reset('c');
    for (const id of ['c', 'c', 'a', 'd']) await store.update(id, () => undefined);
    expect((await store.list(10)).sessions.map((s) => s.id)).toEqual(['d', 'a']);
  });

  it('forgets a session idle past its TTL', async () => {
    let now = 0;
    const store = new MemorySessionStore(factory, { ttlMs: 1000, now: () => now });
    await store.update('a', (s) => (notesOf(s.state).x = { id: 'x' }));
    now = 2000;
    expect(await store.read('a')).toBeUndefined();
    expect(await store.update('a', (s) => notesOf(s.state))).toEqual({});
  });

  it('keeps a session as the change left it, and resets it as new', async () => {
    const store = new MemorySessionStore(factory);
    await store.update('a', (s) => {
      notesOf(s.state).x = { id: 'x' };
      s.stickyScenario = 'notes/slow';
    });
    expect((await store.read('a'))?.stickyScenario).toBe('notes/slow');
    await store.reset('a');
    expect(await store.update('a', (s) => [notesOf(s.state), s.stickyScenario])).toEqual([{}, null]);
  });

  it('keeps at most journalTotal records over all sessions, dropping the oldest first', async () => {
    const store = new MemorySessionStore(factory, { journalSize: 5, journalTotal: 6 });
    const ids = async (session: string) => ((await store.journal(session)) as { id: string }[]).map((r) => r.id).reverse();
    for (const session of ['a', 'b']) await store.update(session, () => undefined);
    for (let i = 1; i <= 4; i++) store.appendJournal('a', record(`a${i}`));
    for (let i = 1; i <= 4; i++) store.appendJournal('b', record(`b${i}`));
    expect(await ids('a')).toEqual(['a3', 'a4']);
    expect(await ids('b')).toEqual(['b1', 'b2', 'b3', 'b4']);
    // b's own ring drops b1 first; the budget then drops by age across both, never a newer record twice.
    for (let i = 5; i <= 7; i++) store.appendJournal('b', record(`b${i}`));
    expect(await ids('a')).toEqual([]);
    expect(await ids('b')).toEqual(['b3', 'b4', 'b5', 'b6', 'b7']);
    // The slot a5 reuses was b2's, which b's ring already dropped: nothing newer goes; six records kept in all.
    store.appendJournal('a', record('a5'));
    expect(await ids('a')).toEqual(['a5']);
    expect(await ids('b')).toEqual(['b3', 'b4', 'b5', 'b6', 'b7']);
    store.appendJournal('a', record('a6'));
    expect(await ids('b')).toEqual(['b4', 'b5', 'b6', 'b7']);
  });
});
