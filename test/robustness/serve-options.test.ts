import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCli, type ServingCli } from '../helpers/cli.js';

const TOKEN = { authorization: 'Bearer integrator-sandbox-token' };

/** `partner-sandbox serve` with its memory options, as a user starts it: the real binary in its own process. */
describe('partner-sandbox serve --journal-size 5 --journal-total 6', () => {
  let served: ServingCli;
  beforeAll(async () => {
    served = await serveCli(['--journal-size', '5', '--journal-total', '6']);
  });
  afterAll(async () => {
    served?.child.kill('SIGTERM');
    await served?.exited;
  });

  const get = (session: string) => fetch(`${served.url}/integrator/v1/integrations`, { headers: { ...TOKEN, 'x-mock-session': session } });
  const journalLength = async (session: string) => ((await (await fetch(`${served.url}/__sandbox/journal?session=${session}`)).json()) as { entries: unknown[] }).entries.length;

  it('keeps at most 6 journal entries over all sessions, the oldest of any session dropped first', async () => {
    for (let i = 0; i < 4; i++) expect((await get('a')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await get('b')).status).toBe(200);
    expect([await journalLength('a'), await journalLength('b')]).toEqual([2, 4]);
  });

  it('starts with the V8 memory settings the binary sets for serving, without a complaint from V8', () => {
    expect(served.output()).not.toMatch(/unrecognized|invalid flag|error/i);
  });
});
