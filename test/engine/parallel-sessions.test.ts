import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { notesApi } from './fixtures/notes-module.js';

const sb = useSandbox({ modules: [notesApi], scenarioDir: 'test/engine/fixtures/scenarios' });

const SCENARIOS = ['notes/flaky-create', 'notes/third-call-fails', 'notes/seeded', null] as const;

/** One simulated test run: five creates through its scenario, then its count. */
async function run(i: number): Promise<{ session: string; statuses: number[]; count: number }> {
  const session = `par-${i}`;
  const scenario = SCENARIOS[i % SCENARIOS.length];
  const headers: Record<string, string> = scenario ? { 'x-mock-scenario': scenario } : {};
  const statuses: number[] = [];
  for (let n = 0; n < 5; n++) statuses.push((await sb.call('POST', '/notes/notes', { body: { title: `${session}-${n}` }, session, headers })).status);
  const count = (await sb.call('GET', '/notes/notes/count', { session, headers })).body.count as number;
  return { session, statuses, count };
}

describe('20 sessions driven in parallel through different scenarios', () => {
  it('each sees only its own state and its own scenario effects', async () => {
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => run(i)));
    const expected: Record<string, { statuses: number[]; count: number }> = {
      'notes/flaky-create': { statuses: [503, 503, 201, 201, 201], count: 3 },
      'notes/third-call-fails': { statuses: [201, 201, 503, 201, 201], count: 4 },
      'notes/seeded': { statuses: [201, 201, 201, 201, 201], count: 7 },
      none: { statuses: [201, 201, 201, 201, 201], count: 5 },
    };
    runs.forEach((r, i) => expect({ statuses: r.statuses, count: r.count }, r.session).toEqual(expected[SCENARIOS[i % 4] ?? 'none']));
    const state = await sb.admin('GET', '/state?session=par-3');
    const titles = Object.values(state.body.apis.notes.notes as Record<string, { title: string }>).map((n) => n.title);
    expect(titles.every((t) => t.startsWith('par-3-'))).toBe(true);
  });

  it('resetting one session leaves the others untouched', async () => {
    await Promise.all(['keep-1', 'keep-2', 'wipe'].map((session) => sb.call('POST', '/notes/notes', { body: { title: 'x' }, session })));
    await sb.admin('POST', '/reset?session=wipe');
    const counts = await Promise.all(['keep-1', 'keep-2', 'wipe'].map(async (session) => (await sb.call('GET', '/notes/notes/count', { session })).body.count));
    expect(counts).toEqual([1, 1, 0]);
  });
});
