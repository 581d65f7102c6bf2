import { readdirSync } from 'node:fs';
import { fromRoot } from '../../src/engine/paths.js';
import type { PactPair } from './pact-suite.js';

/** Every consumer–provider pair defined in test/pacts/pairs/. */
export async function loadPairs(): Promise<PactPair<unknown>[]> {
  const files = readdirSync(fromRoot('test/pacts/pairs')).filter((f) => f.endsWith('.ts')).sort();
  const modules = await Promise.all(files.map((f) => import(`./pairs/${f.replace(/\.ts$/, '.js')}`) as Promise<{ pair: PactPair<unknown> }>));
  return modules.map((m) => m.pair);
}
