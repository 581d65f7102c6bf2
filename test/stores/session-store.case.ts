/**
 * What every session store promises (`src/engine/stores/session-store.ts`), as one set of cases that each store's
 * test file runs against its own store: memory and Redis answer the engine alike.
 */
import { describe, expect, it } from 'vitest';
import { defineApi, type ApiModule } from '../../src/engine/api-module.js';
import type { JournalRecord } from '../../src/engine/journal/journal.js';
import { SessionFactory } from '../../src/engine/sessions/session-factory.js';
import type { Session } from '../../src/engine/sessions/session.js';
import type { SessionStore } from '../../src/engine/stores/session-store.js';
import { notesDefinition, type NotesState } from '../engine/fixtures/notes-module.js';

/** The notes API as a later version would ship it: it once kept `notes` as a list, and restores such a state. */
const versionedNotes = defineApi({
  ...notesDefinition,
  restoreState: (saved: unknown): NotesState => {
    const state = saved as { notes: NotesState['notes'] | Array<NotesState['notes'][string]> };
    if (Array.isArray(state.notes)) state.notes = Object.fromEntries(state.notes.map((n) => [n.id, n]));
    return state as NotesState;
  },
}) as unknown as ApiModule;

/** A second API, so that a change scoped to one (`update(id, change, 'notes')`) can be seen to leave the other be. */
const memos = defineApi({ ...notesDefinition, name: 'memos', prefix: '/memos' }) as unknown as ApiModule;

export const FIXTURE = { notes: { notes: { seeded: { id: 'seeded', title: 'from the fixture' } } }, memos: { notes: { m: { id: 'm', title: 'a memo' } } } };

export interface OpenedStore {
  store: SessionStore;
  /** Puts a session into the store as a saved one (a state file's, another replica's, an older version's). */
  saveRaw(session: Session): Promise<void>;
}

export type OpenStore = (factory: SessionFactory, options: { journalSize: number }) => Promise<OpenedStore>;

const notesOf = (s: Session) => (s.state.notes as NotesState).notes;

export function describeSessionStore(kind: string, open: OpenStore): void {
  const opened = async () => open(new SessionFactory([versionedNotes, memos], FIXTURE), { journalSize: 3 });
  let counter = 0;
  const fresh = () => `${kind}-contract-${++counter}`;

  describe(`the ${kind} session store keeps the store contract`, () => {
    it('creates a session from the fixture on its first update, and never on a read', async () => {
      const { store } = await opened();
      const id = fresh();
      expect(await store.read(id)).toBeUndefined();
      expect(await store.update(id, (s) => Object.keys(notesOf(s)))).toEqual(['seeded']);
      expect((await store.read(id))?.id).toBe(id);
      await store.close();
    });

    it('keeps what a change did, and rejects with the error of a change that threw', async () => {
      const { store } = await opened();
      const id = fresh();
      await store.update(id, (s) => (notesOf(s).kept = { id: 'kept', title: 'k' }));
      await expect(store.update(id, () => {
        throw new Error('the handler failed');
      })).rejects.toThrow('the handler failed');
      expect(Object.keys(notesOf((await store.read(id))!)).sort()).toEqual(['kept', 'seeded']);
      await store.close();
    });

    it('keeps sessions apart, and resets one or all as new', async () => {
      const { store } = await opened();
      const [a, b] = [fresh(), fresh()];
      for (const id of [a, b]) await store.update(id, (s) => (notesOf(s)[id] = { id, title: id }));
      expect(Object.keys(notesOf((await store.read(a))!))).toEqual(['seeded', a]);
      await store.reset(a);
      expect(await store.read(a)).toBeUndefined();
      expect(Object.keys(notesOf((await store.read(b))!))).toEqual(['seeded', b]);
      await store.reset();
      expect(await store.read(b)).toBeUndefined();
      await store.close();
    });

    it('journals newest first, at most journalSize per session', async () => {
      const { store } = await opened();
      const id = fresh();
      await store.update(id, () => undefined);
      for (let i = 1; i <= 5; i++) store.appendJournal(id, record(`r${i}`));
      await eventually(async () => expect(((await store.journal(id)) as JournalRecord[]).map((r) => r.id)).toEqual(['r5', 'r4', 'r3']));
      expect(((await store.journal(id, 1)) as JournalRecord[]).map((r) => r.id)).toEqual(['r5']);
      await store.close();
    });

    it('lists live sessions, most recently used first, with their sticky scenario', async () => {
      const { store } = await opened();
      await store.reset();
      const [a, b] = [fresh(), fresh()];
      await store.update(a, (s) => (s.stickyScenario = 'notes/slow'));
      await store.update(b, (s) => (notesOf(s).x = { id: 'x', title: 'x' }));
      const listed = await store.list(10);
      expect(listed.total).toBe(2);
      expect(listed.sessions.map((s) => [s.id, s.scenario])).toEqual([[b, null], [a, 'notes/slow']]);
      await store.close();
    });

    it("restores a saved session through each API's restoreState, on read and on update", async () => {
      const { store, saveRaw } = await opened();
      const id = fresh();
      const saved = { id, state: { notes: { notes: [{ id: 'old', title: 'saved as a list' }] } }, ids: { next: 7 }, stickyScenario: null, scenarioCalls: {}, rateWindows: {}, appliedScenarios: [], lastUsed: Date.now() };
      await saveRaw(saved as unknown as Session);
      expect(notesOf((await store.read(id))!)).toEqual({ old: { id: 'old', title: 'saved as a list' } });
      expect(await store.update(id, (s) => [notesOf(s).old?.title, s.ids.next])).toEqual(['saved as a list', 7]);
      await store.close();
    });

    it("keeps a change scoped to one API, and the other API's state as it was", async () => {
      const { store } = await opened();
      const id = fresh();
      // A new session through a scoped change: every API starts from the fixture, as an unscoped one would.
      await store.update(id, (s) => (notesOf(s).a = { id: 'a', title: 'a' }), 'notes');
      await store.update(id, (s) => ((s.state.memos as NotesState).notes.b = { id: 'b', title: 'b' }));
      await store.update(id, (s) => (notesOf(s).c = { id: 'c', title: 'c' }), 'notes');
      await store.update(id, (s) => (s.stickyScenario = 'notes/slow'), 'notes');
      const session = (await store.read(id))!;
      expect(Object.keys(notesOf(session)).sort()).toEqual(['a', 'c', 'seeded']);
      expect(Object.keys((session.state.memos as NotesState).notes).sort()).toEqual(['b', 'm']);
      expect(session.stickyScenario).toBe('notes/slow');
      expect(await store.update(id, (s) => Object.keys((s.state.memos as NotesState).notes).sort(), 'memos')).toEqual(['b', 'm']);
      await store.close();
    });

    it('starts an API the saved session does not know from the fixture', async () => {
      const { store, saveRaw } = await opened();
      const id = fresh();
      await saveRaw({ id, state: {}, ids: { next: 0 }, stickyScenario: null, scenarioCalls: {}, rateWindows: {}, appliedScenarios: [], lastUsed: Date.now() });
      expect(await store.update(id, (s) => Object.keys(notesOf(s)))).toEqual(['seeded']);
      await store.close();
    });
  });
}

/** A Redis store sends journal entries without waiting for them; they land within a few turns. */
async function eventually(check: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (err) {
      if (attempt >= 50) throw err;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

export function record(id: string): JournalRecord {
  return {
    id,
    at: 0,
    method: 'GET',
    path: '/notes/notes/count',
    requestHeaders: {},
    requestBody: undefined,
    requestMediaType: undefined,
    status: 200,
    responseHeaders: {},
    responseBody: undefined,
    durationMs: 0,
    api: 'notes',
    operationId: 'countNotes',
    example: undefined,
    shapedBy: undefined,
  };
}
