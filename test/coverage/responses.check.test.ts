import { describe, expect, inject, it } from 'vitest';
import { API_NAMES } from '../../src/apis/index.js';
import { readCoverage } from './coverage-files.js';
import { coverageRows, formatCoverage } from './coverage-report.js';

/**
 * Runs after every other suite (see vitest.config.ts): each response the specs document must have been
 * reached by some test, through state and input alone or through a named scenario. Prefer does not count.
 */
describe('response coverage', () => {
  it('reaches every documented response of every operation through state or a named scenario', async () => {
    const rows = await coverageRows(API_NAMES, readCoverage(inject('runId')));
    console.log(formatCoverage(rows));
    expect(rows.filter((r) => r.reachedBy === 'GAP').map((r) => `${r.api} ${r.operationId} ${r.status} ${r.example ?? ''}`)).toEqual([]);
  });
});
