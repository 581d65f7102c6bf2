import { inject } from 'vitest';
import { fromRoot } from '../../src/engine/paths.js';
import { runDir } from '../setup/run-dirs.js';

/** Where this run's consumer tests write; a check compares the result with the committed `pacts/`. */
export function generatedPactDir(): string {
  return runDir(inject('runId'), 'pacts');
}

export const COMMITTED_PACT_DIR = fromRoot('pacts');
