// `npm run coverage:responses`: the table of the last `npm test` run, without running the tests again.
import { API_NAMES } from '../../src/apis/index.js';
import { latestRunId } from '../setup/run-dirs.js';
import { readCoverage } from './coverage-files.js';
import { coverageRows, formatCoverage } from './coverage-report.js';

const runId = latestRunId();
if (!runId) throw new Error('no test run yet: run npm test first');
const rows = await coverageRows(API_NAMES, readCoverage(runId));
process.stdout.write(`${formatCoverage(rows)}\n`);
process.exitCode = rows.some((r) => r.reachedBy === 'GAP') ? 1 : 0;
