import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CoverageEntry } from '../../src/engine/response-coverage.js';
import { fromRoot } from '../../src/engine/spec-loader.js';

/** Where each test sandbox leaves the responses it gave, for the coverage check that runs last. */
export const COVERAGE_RUN_DIR = fromRoot('.tmp/response-coverage');

export function saveCoverage(entries: CoverageEntry[]): void {
  if (entries.length === 0) return;
  mkdirSync(COVERAGE_RUN_DIR, { recursive: true });
  writeFileSync(path.join(COVERAGE_RUN_DIR, `${randomUUID()}.json`), JSON.stringify(entries));
}

export function readCoverage(): CoverageEntry[] {
  let files: string[] = [];
  try {
    files = readdirSync(COVERAGE_RUN_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.flatMap((f) => JSON.parse(readFileSync(path.join(COVERAGE_RUN_DIR, f), 'utf8')) as CoverageEntry[]);
}
