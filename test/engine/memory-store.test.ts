import { describe, expect, it } from 'vitest';
import { SessionFactory } from '../../src/engine/session-factory.js';
import { MemorySessionStore } from '../../src/engine/stores/memory-store.js';
import { notesApi } from './fixtures/notes-module.js';

const factory = new SessionFactory([notesApi], {});
const notesOf = (state: Record<string, unknown>) => (state.notes as { notes: Record<string, unknown> }).notes;

describe('the memory session store', () => {
  it('drops the least recently used session past its cap', async () => {
    const store = new MemorySessionStore(factory, { maxSessions: 2 });
    for (const id of ['a', 'b', 'a', 'c']) await store.update(id, () => undefined);
    expect((await store.list(10)).sessions.map((s) => s.id)).toEqual(['c', 'a']);
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
});
