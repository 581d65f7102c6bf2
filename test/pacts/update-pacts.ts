// `npm run pacts:update`: after the consumer tests ran, the pacts they generated become the committed ones.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { latestRunId, runDir } from '../setup/run-dirs.js';
import { fromRoot } from '../../src/engine/paths.js';

const COMMITTED_PACT_DIR = fromRoot('pacts');

const runId = latestRunId();
if (!runId) throw new Error('no test run yet');
const generated = runDir(runId, 'pacts');
const files = readdirSync(generated).filter((f) => f.endsWith('.json'));
if (files.length === 0) throw new Error(`the last run (${runId}) generated no pacts`);
rmSync(COMMITTED_PACT_DIR, { recursive: true, force: true });
cpSync(generated, COMMITTED_PACT_DIR, { recursive: true });
process.stdout.write(`pacts/ now holds ${files.map((f) => path.basename(f)).join(', ')}\n`);
