import type { OpenAPIV3_1 } from 'openapi-types';
import { documentedResponses } from '../../src/engine/spec/documented-responses.js';
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

/** Every documented response (each named example its own row) and how the test run reached it. */
export async function coverageRows(apis: string[], observed: CoverageEntry[]): Promise<CoverageRow[]> {
  const rows: CoverageRow[] = [];
  for (const api of apis) {
    const spec = (await loadDereferencedSpec(`specs/${api}.yaml`)) as OpenAPIV3_1.Document;
    for (const op of listOperations(spec)) {
      for (const documented of documentedResponses(op)) {
        const examples: (string | null)[] = documented.examples.length ? documented.examples : [null];
        for (const example of examples) {
          const hits = observed.filter((e) => e.api === api && e.operationId === op.operationId && e.status === documented.status && (example === null || e.example === example));
          const byState = hits.find((h) => h.via === 'state');
          const byScenario = hits.find((h) => h.via === 'scenario');
          const reachedBy = byState ? 'state' : byScenario ? `scenario ${byScenario.scenario}` : 'GAP';
          rows.push({ api, operationId: op.operationId, status: documented.status, example, reachedBy });
        }
      }
    }
  }
  return rows;
}

export function formatCoverage(rows: CoverageRow[]): string {
  const lines = rows.map((r) => `${r.reachedBy === 'GAP' ? '✗' : '✓'} ${r.api.padEnd(12)} ${r.operationId.padEnd(28)} ${String(r.status).padEnd(4)} ${(r.example ?? '(no body)').padEnd(30)} ${r.reachedBy}`);
  const gaps = rows.filter((r) => r.reachedBy === 'GAP').length;
  const state = rows.filter((r) => r.reachedBy === 'state').length;
  // The rest were forced by a named scenario.
  return `${lines.join('\n')}\n${rows.length} documented responses: ${state} reached through state and input, ${rows.length - state - gaps} through a named scenario, ${gaps} not reached`;
}
