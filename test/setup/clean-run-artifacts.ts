import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { LATEST_RUN_FILE, RUNS_DIR, runDir } from './run-dirs.js';

const KEEP_RUNS_MS = 60 * 60 * 1000;

/**
 * Gives this run its own output folders, and drops those of runs older than an hour. Every project inherits
 * this setup, so it runs once per project: the first call picks the id, the others reuse it.
 */
export default function setup(project: TestProject): void {
  const runId = (process.env.PARTNER_SANDBOX_RUN_ID ??= `${Date.now()}-${process.pid}`);
  mkdirSync(runDir(runId, 'response-coverage'), { recursive: true });
  mkdirSync(runDir(runId, 'pacts'), { recursive: true });
  for (const old of readdirSync(RUNS_DIR).filter((name) => name !== runId && name !== 'latest')) {
    const dir = path.join(RUNS_DIR, old);
    if (Date.now() - statSync(dir).mtimeMs > KEEP_RUNS_MS) rmSync(dir, { recursive: true, force: true });
  }
  writeFileSync(LATEST_RUN_FILE, runId);
  project.provide('runId', runId);
}
