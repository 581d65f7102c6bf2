import type { SpecOperation } from '../engine/spec/operation-index.js';
import type { Violation } from './violation.js';

interface Finding {
  /** Array indices as `*`, so one drifted field of a 50-item list is one line counted 50 times. */
  location: string[];
  code?: string;
  severity: Violation['severity'];
  /** The first message seen for it. */
  message: string;
  count: number;
}

interface OperationDrift {
  api: string;
  operationId: string;
  method: string;
  path: string;
  exchanges: number;
  statuses: Record<string, number>;
  undocumentedStatuses: Record<string, number>;
  response: Map<string, Finding>;
  request: Map<string, Finding>;
}

// [INF] Paths no operation matched are kept up to this many distinct ones: an id in the path makes each one new.
const MAX_UNMATCHED = 100;

/**
 * What the proxy saw differ from the spec, per operation. Only locations, Ajv keywords and the validator's
 * sentences are kept, never a value sent or received, so nothing here can carry a secret.
 */
export class DriftReport {
  private readonly operations = new Map<string, OperationDrift>();
  private readonly unmatched = new Map<string, number>();

  constructor(private readonly api: string, private readonly upstream: string) {}

  add(op: SpecOperation, status: number | undefined, request: Violation[], response: Violation[], undocumented: boolean): void {
    let drift = this.operations.get(op.operationId);
    if (!drift) {
      drift = { api: this.api, operationId: op.operationId, method: op.method.toUpperCase(), path: op.pathTemplate, exchanges: 0, statuses: {}, undocumentedStatuses: {}, response: new Map(), request: new Map() };
      this.operations.set(op.operationId, drift);
    }
    drift.exchanges++;
    if (status !== undefined) {
      drift.statuses[status] = (drift.statuses[status] ?? 0) + 1;
      if (undocumented) drift.undocumentedStatuses[status] = (drift.undocumentedStatuses[status] ?? 0) + 1;
    }
    for (const v of request) count(drift.request, v);
    for (const v of response) count(drift.response, v);
  }

  addUnmatched(method: string, path: string): void {
    const key = `${method} ${path}`;
    if (this.unmatched.has(key) || this.unmatched.size < MAX_UNMATCHED) this.unmatched.set(key, (this.unmatched.get(key) ?? 0) + 1);
  }

  toJSON(): unknown {
    return {
      api: this.api,
      upstream: this.upstream,
      operations: [...this.operations.values()].map((d) => ({
        api: d.api,
        operationId: d.operationId,
        method: d.method,
        path: d.path,
        exchanges: d.exchanges,
        statuses: d.statuses,
        undocumentedStatuses: d.undocumentedStatuses,
        responseViolations: [...d.response.values()],
        requestViolations: [...d.request.values()],
      })),
      unmatched: [...this.unmatched].map(([route, n]) => ({ method: route.split(' ')[0], path: route.slice(route.indexOf(' ') + 1), count: n })),
    };
  }

  /** The report as lines for a person, printed when the proxy stops. */
  summary(): string {
    const lines = [`drift against ${this.upstream} (${this.api}):`];
    if (this.operations.size === 0 && this.unmatched.size === 0) return `${lines[0]} no exchanges`;
    for (const d of this.operations.values()) {
      const findings = d.response.size + d.request.size + Object.keys(d.undocumentedStatuses).length;
      lines.push(`  ${d.operationId} (${d.method} ${d.path}): ${d.exchanges} exchange${d.exchanges === 1 ? '' : 's'}${findings ? '' : ', no drift'}`);
      for (const [status, n] of Object.entries(d.undocumentedStatuses)) lines.push(`    status ${status} not documented ×${n}`);
      for (const f of [...d.request.values(), ...d.response.values()]) lines.push(`    ${f.location.join('.')} ${f.code ?? ''}${f.code ? ': ' : ''}${f.message} ×${f.count}`);
    }
    for (const [route, n] of this.unmatched) lines.push(`  ${route}: no operation in the spec ×${n}`);
    return lines.join('\n');
  }
}

function count(into: Map<string, Finding>, v: Violation): void {
  const location = v.location.map((s) => (/^\d+$/.test(s) ? '*' : s));
  const key = `${location.join('\u0000')}|${v.code ?? ''}`;
  const found = into.get(key);
  if (found) found.count++;
  else into.set(key, { location, code: v.code, severity: v.severity, message: v.message, count: 1 });
}
