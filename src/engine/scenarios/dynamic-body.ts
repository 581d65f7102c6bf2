import type { IncomingMessage } from 'node:http';
import type { IdCounter } from '../sessions/id-source.js';

type Generator = typeof import('./dynamic-generator.js');
let generator: Generator | undefined;

/**
 * Faker and json-schema-faker (~14 MB resident) are loaded the first time a request may ask for a dynamic body,
 * not at start-up: most sandboxes never serve one. Resolves at once when loaded or not asked for.
 */
export async function loadDynamicBodiesFor(req: IncomingMessage, query: Record<string, unknown>): Promise<void> {
  if (generator || (!/dynamic/i.test(String(req.headers.prefer ?? '')) && query.__dynamic === undefined)) return;
  generator = await import('./dynamic-generator.js');
}

/** A schema-valid body for `dynamic=true`, seeded per session; `loadDynamicBodiesFor` ran for this request. */
export function dynamicBody(schema: unknown, counter: IdCounter): unknown {
  if (!generator) throw new Error('dynamic bodies were asked for before loadDynamicBodiesFor');
  return generator.generateBody(schema, counter);
}
