// The English build only: the package index loads all 70 locales (≈115 ms more).
import { faker } from '@faker-js/faker/locale/en';
import { JSONSchemaFaker } from 'json-schema-faker';
import { ID_SEED, type IdCounter } from '../sessions/id-source.js';

JSONSchemaFaker.option({ alwaysFakeOptionals: false, useExamplesValue: false, failOnInvalidFormat: false, maxItems: 3 });

/**
 * A body that fits the schema, for `Prefer: dynamic=true`. Its randomness comes from the session's seeded
 * counter, so the same session asking the same things gets the same bodies.
 */
export function generateBody(schema: unknown, counter: IdCounter): unknown {
  faker.seed([ID_SEED, counter.next++]);
  JSONSchemaFaker.option({ random: () => faker.number.float({ min: 0, max: 1 }) });
  return JSONSchemaFaker.generate(structuredClone(schema) as never);
}
