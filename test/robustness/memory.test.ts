import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MAX_SESSIONS = 1000;
/** The stated bound: 1,000 live sessions with their journals fit in this much heap beyond the start. */
const HEAP_BOUND_BYTES = 96 * 1024 * 1024;

const sb = useSandbox({ maxSessions: MAX_SESSIONS, journalSize: 50 });

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('memory stays bounded', () => {
  it(`keeps at most ${MAX_SESSIONS} sessions and ${HEAP_BOUND_BYTES / 2 ** 20} MiB of heap over 5,000 sessions`, async () => {
    const TOKEN = { authorization: 'Bearer integrator-sandbox-token' };
    await sb.call('GET', '/integrator/v1/integrations', { headers: TOKEN, session: 'warm-up' });
    const before = heapAfterGc();
    for (let batch = 0; batch < 5000; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          sb.call('POST', '/integrator/v1/integrations', { body: { name: `n-${batch + i}`, description: 'x'.repeat(2000) }, headers: TOKEN, session: `mem-${batch + i}` }),
        ),
      );
    }
    const health = await sb.admin('GET', '/health');
    const grown = heapAfterGc() - before;
    console.log(`5,000 sessions: ${health.body.sessions} kept, heap grew ${(grown / 2 ** 20).toFixed(1)} MiB after GC`);
    expect(health.body.sessions).toBeLessThanOrEqual(MAX_SESSIONS);
    expect(grown).toBeLessThan(HEAP_BOUND_BYTES);
  }, 120_000);
});
