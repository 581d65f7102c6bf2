import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fromRoot } from './spec-loader.js';

export type Fixture = Record<string, unknown>;

export const DEFAULT_FIXTURE_FILE = 'scenarios/default.yaml';

/** The default fixture: each API's section seeds that API's state in every new session. */
export function loadFixture(file = DEFAULT_FIXTURE_FILE): Fixture {
  const parsed = parse(readFileSync(fromRoot(file), 'utf8')) as unknown;
  if (!parsed || typeof parsed !== 'object') throw new Error(`${file}: the fixture must be a YAML mapping of API names`);
  return parsed as Fixture;
}
