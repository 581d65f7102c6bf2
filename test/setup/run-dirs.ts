import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../../src/engine/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    runId: string;
  }
}

/**
 * Each `vitest run` writes its response coverage and generated pacts under its own id, so runs side by side
 * (two terminals, parallel CI jobs on one checkout) never delete or mix each other's output.
 */
export const RUNS_DIR = fromRoot('.tmp/runs');
const LATEST = path.join(RUNS_DIR, 'latest');

export function runDir(runId: string, kind: 'response-coverage' | 'pacts'): string {
  return path.join(RUNS_DIR, runId, kind);
}

/** The id of the most recent run, for scripts that read its output afterwards. */
export function latestRunId(): string | undefined {
  return existsSync(LATEST) ? readFileSync(LATEST, 'utf8').trim() : undefined;
}

export const LATEST_RUN_FILE = LATEST;
