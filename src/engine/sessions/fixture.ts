import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { fromRoot } from '../paths.js';

export type Fixture = Record<string, unknown>;

/** The shipped default fixture, relative to the package root. */
export const DEFAULT_FIXTURE_FILE = 'scenarios/default.yaml';

/** A fixture file that cannot be used: start-up stops on it, a reload keeps the last good one. */
export class FixtureError extends Error {
  constructor(readonly file: string, readonly where: string, readonly problem: string) {
    super(`${file}: ${where || '(top)'}: ${problem}`);
  }
}

/**
 * The default fixture: each API's section seeds that API's state in every new session.
 * [INF] Without `file`, the shipped one (package root); a file the caller names resolves against the current
 * directory, as every path a user gives does, so an installed package reads the user's file, not its own.
 */
export function loadFixture(file?: string): Fixture {
  const shown = file ?? DEFAULT_FIXTURE_FILE;
  const doc = parseDocument(readFileSync(file === undefined ? fromRoot(DEFAULT_FIXTURE_FILE) : path.resolve(file), 'utf8'));
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw new FixtureError(shown, `line ${error.linePos?.[0].line ?? '?'}`, `not valid YAML: ${error.message.split('\n')[0]}`);
  }
  const parsed = doc.toJS() as unknown;
  if (!isMapping(parsed)) throw new FixtureError(shown, '', 'the fixture must be a YAML mapping of API names');
  for (const [api, section] of Object.entries(parsed)) {
    if (section !== null && !isMapping(section)) throw new FixtureError(shown, `/${api}`, "an API's section must be a mapping");
  }
  return parsed;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
