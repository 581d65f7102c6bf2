import { documentedResponses } from '../spec/documented-responses.js';
import type { SpecOperation } from '../spec/operation-index.js';
import type { CoverageEntry, ReachedVia } from './response-coverage.js';

/** One documented response (each named example its own row), and whether and how it was given. */
export interface CoverageRow {
  api: string;
  operationId: string;
  status: number;
  example: string | null;
  reached: boolean;
  /** The ways it was reached, most telling first: state, then a scenario, then a `Prefer`. */
  via: ReachedVia[];
  /** The scenarios that forced it. */
  scenarios: string[];
}

const ORDER: ReachedVia[] = ['state', 'scenario', 'prefer'];

/** Every documented response of these APIs' operations against what was answered. */
export function coverageRows(apis: { api: string; operations: SpecOperation[] }[], observed: CoverageEntry[]): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const { api, operations } of apis) {
    for (const op of operations) {
      for (const documented of documentedResponses(op)) {
        const examples: (string | null)[] = documented.examples.length ? documented.examples : [null];
        for (const example of examples) {
          const hits = observed.filter((e) => e.api === api && e.operationId === op.operationId && e.status === documented.status && (example === null || e.example === example));
          const via = ORDER.filter((v) => hits.some((h) => h.via === v));
          const scenarios = [...new Set(hits.flatMap((h) => (h.scenario ? [h.scenario] : [])))];
          rows.push({ api, operationId: op.operationId, status: documented.status, example, reached: hits.length > 0, via, scenarios });
        }
      }
    }
  }
  return rows;
}
