import type { Reply } from '../api-module.js';

/** How an answer came about: the API's own state and input, a `Prefer`, or a scenario's forced response. */
export type ReachedVia = 'state' | 'prefer' | 'scenario';

export interface CoverageEntry {
  api: string;
  operationId: string;
  status: number;
  example: string | null;
  via: ReachedVia;
  /** The scenario that forced it, when one did. */
  scenario: string | null;
  count: number;
}

/**
 * Which documented responses this sandbox has given since it started, and how: for a partner's own
 * "what did my test run exercise", and for our suite's check that every response is reachable.
 */
export class ResponseCoverage {
  private readonly entries = new Map<string, CoverageEntry>();

  /** `forcedBy` is the journal's `shapedBy` when the answer was forced (`prefer …`, `scenario <name> (…)`). */
  record(api: string, operationId: string, reply: Reply, forcedBy: string | undefined): void {
    const via: ReachedVia = forcedBy === undefined ? 'state' : forcedBy.startsWith('prefer') ? 'prefer' : 'scenario';
    const scenario = via === 'scenario' ? forcedBy!.split(' ')[1] : null;
    const key = `${api}|${operationId}|${reply.status}|${reply.example ?? ''}|${via}|${scenario ?? ''}`;
    const entry = this.entries.get(key);
    if (entry) entry.count++;
    else this.entries.set(key, { api, operationId, status: reply.status, example: reply.example ?? null, via, scenario, count: 1 });
  }

  list(): CoverageEntry[] {
    return [...this.entries.values()];
  }
}
