import { JSONSchemaFaker } from 'json-schema-faker';
import { idSourceFor, type IdCounter } from './id-source.js';

JSONSchemaFaker.option({ alwaysFakeOptionals: false, useExamplesValue: false, failOnInvalidFormat: false, maxItems: 3 });

/**
 * A body that fits the schema, for `Prefer: dynamic=true`. Its randomness comes from the session's seeded
 * counter, so the same session asking the same things gets the same bodies.
 */
export function dynamicBody(schema: unknown, counter: IdCounter): unknown {
  const faker = idSourceFor(counter).faker;
  JSONSchemaFaker.option({ random: () => faker.number.float({ min: 0, max: 1 }) });
  return JSONSchemaFaker.generate(structuredClone(schema) as never);
}
