import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/engine/session-store.js';
import { notesApi } from './fixtures/notes-module.js';

describe('SessionStore', () => {
  it('drops the least recently used session past its cap', () => {
    const store = new SessionStore({ modules: [notesApi], fixture: {}, maxSessions: 2 });
    store.get('a');
    store.get('b');
    store.get('a');
    store.get('c');
    expect(store.ids().sort()).toEqual(['a', 'c']);
  });

  it('forgets a session idle past its TTL', () => {
    let now = 0;
    const store = new SessionStore({ modules: [notesApi], fixture: {}, ttlMs: 1000, now: () => now });
    (store.get('a').state.notes as { notes: Record<string, unknown> }).notes.x = { id: 'x' };
    now = 2000;
    expect((store.get('a').state.notes as { notes: Record<string, unknown> }).notes).toEqual({});
  });
});
