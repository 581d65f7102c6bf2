import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { startPrism, type PrismProcess } from '../../src/prism/prism-process.js';
import { validRequest } from './example-requests.js';
import { loadSpec, responsesOf, SPEC_FILES } from './spec-files.js';

// One Prism per spec, all started at once: each spends its start-up mostly waiting on its own loading, so they
// overlap well (five in a row took most of this file's ~50 s on a loaded machine).
const prisms = new Map<string, PrismProcess>();
beforeAll(async () => {
  await Promise.all(SPEC_FILES.map(async (file) => prisms.set(file, await startPrism(file, { port: await freePort() }))));
}, 60_000);
afterAll(() => Promise.all([...prisms.values()].map((p) => p.stop())));

describe.each(SPEC_FILES)('real Prism serving %s', (file) => {

  it('serves every named example of every operation when asked with Prefer: code, example', async () => {
    const { operations } = await loadSpec(file);
    const failures: string[] = [];
    const requests: (() => Promise<void>)[] = [];
    for (const op of operations) {
      const { path, init } = validRequest(op);
      for (const [status, response] of responsesOf(op)) {
        const media = Object.entries(response.content ?? {});
        const examples = media.flatMap(([, m]) => Object.entries(m.examples ?? {})) as [string, OpenAPIV3_1.ExampleObject][];
        // A text answer (integrator.io's state API's `Created` / `OK`) is its example's value as it is.
        const asText = media.length > 0 && media.every(([type]) => type.startsWith('text/'));
        const wanted = examples.length ? examples : [[undefined, undefined] as const];
        for (const [name, example] of wanted) {
          const prefer = name ? `code=${status}, example=${name}` : `code=${status}`;
          requests.push(async () => {
            const res = await fetch(prisms.get(file)!.url + path, { ...init, headers: { ...(init.headers as Record<string, string>), prefer } });
            const text = await res.text();
            const where = `${op.operationId} Prefer: ${prefer}`;
            if (res.status !== Number(status)) failures.push(`${where}: got ${res.status} ${text.slice(0, 200)}`);
            else if (example && (asText ? text !== example.value : JSON.stringify(JSON.parse(text)) !== JSON.stringify(example.value))) failures.push(`${where}: body differs from the example`);
          });
        }
      }
    }
    // Eight at a time: Prism serves them concurrently, and each answer stands alone (a mock keeps no state).
    for (let i = 0; i < requests.length; i += 8) await Promise.all(requests.slice(i, i + 8).map((send) => send()));
    expect(failures.sort()).toEqual([]);
  }, 60_000);
});

describe('the seed\'s canonical CenturyLink paths, served by a generic tool', () => {
  // The seed writes these paths with a trailing slash; a spec that dropped it sent Prism to 404 for them.
  it.each(['/update-subscription/', '/update-subscriptions/', '/acme-provision-account/'])('Prism routes POST %s to its operation', async (path) => {
    // An empty body: Prism validates it against the operation it routed to (400 or 401 here), never 404.
    const res = await fetch(prisms.get('specs/centurylink.yaml')!.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([400, 401]).toContain(res.status);
  });
});
