import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CoverageEntry } from '../../src/engine/journal/response-coverage.js';
import { runDir } from '../setup/run-dirs.js';

/** Each test sandbox leaves the responses it gave in this run's folder, for the coverage check that runs last. */
export function saveCoverage(runId: string, entries: CoverageEntry[]): void {
  if (entries.length === 0) return;
  const dir = runDir(runId, 'response-coverage');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${randomUUID()}.json`), JSON.stringify(entries));
}

export function readCoverage(runId: string): CoverageEntry[] {
  const dir = runDir(runId, 'response-coverage');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.flatMap((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as CoverageEntry[]);
}
