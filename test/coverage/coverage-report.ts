import type { OpenAPIV3_1 } from 'openapi-types';
import { coverageRows as rowsOf } from '../../src/engine/journal/coverage-report.js';
import { listOperations } from '../../src/engine/spec/operation-index.js';
import type { CoverageEntry } from '../../src/engine/journal/response-coverage.js';
import { loadDereferencedSpec } from '../../src/engine/spec/spec-loader.js';

export interface CoverageRow {
  api: string;
  operationId: string;
  status: number;
  example: string | null;
  /** `state`, `scenario <name>`, or `GAP`. */
  reachedBy: string;
}

/**
 * Every documented response (each named example its own row) and how the test run reached it. [INF] A `Prefer`
 * does not count here: the suite must reach each response through state or a named scenario.
 */
export async function coverageRows(apis: string[], observed: CoverageEntry[]): Promise<CoverageRow[]> {
  const specs = await Promise.all(apis.map(async (api) => ({ api, operations: listOperations((await loadDereferencedSpec(`specs/${api}.yaml`)) as OpenAPIV3_1.Document) })));
  return rowsOf(specs, observed.filter((e) => e.via !== 'prefer')).map((r) => ({
    api: r.api,
    operationId: r.operationId,
    status: r.status,
    example: r.example,
    reachedBy: r.via.includes('state') ? 'state' : r.reached ? `scenario ${r.scenarios[0]}` : 'GAP',
  }));
}

export function formatCoverage(rows: CoverageRow[]): string {
  const lines = rows.map((r) => `${r.reachedBy === 'GAP' ? '✗' : '✓'} ${r.api.padEnd(12)} ${r.operationId.padEnd(28)} ${String(r.status).padEnd(4)} ${(r.example ?? '(no body)').padEnd(30)} ${r.reachedBy}`);
  const gaps = rows.filter((r) => r.reachedBy === 'GAP').length;
  const state = rows.filter((r) => r.reachedBy === 'state').length;
  // The rest were forced by a named scenario.
  return `${lines.join('\n')}\n${rows.length} documented responses: ${state} reached through state and input, ${rows.length - state - gaps} through a named scenario, ${gaps} not reached`;
}
