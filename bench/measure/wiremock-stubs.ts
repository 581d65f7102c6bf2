/**
 * The WireMock stubs for the bench's cases (the `wiremock-nojournal` peer): pure, so they are checked without a JVM.
 * Each stub matches what a mock of the spec would check (method, path template, the case's auth header, the body
 * against the operation's request schema, as shared/bench/fixtures/wiremock does) and answers the case's status with
 * the body the sandbox itself gives, so both send the same bytes.
 */
import type { BenchCase } from '../cases.js';

/** What the spec says about a case's operation. */
export interface SpecOperation {
  /** The spec's path, `{param}` kept: WireMock's `urlPathTemplate` uses the same syntax. */
  template: string;
  /** The request body's JSON Schema, its `$ref`s resolved; none for a GET. */
  bodySchema?: unknown;
}

export interface WiremockStub {
  name: string;
  request: {
    method: string;
    urlPathTemplate: string;
    headers?: Record<string, { equalTo: string }>;
    bodyPatterns?: { matchesJsonSchema: string; schemaVersion: 'V202012' }[];
  };
  response: { status: number; headers: Record<string, string>; body: string };
}

/** Headers a stub requires: the case's credentials; [INF] not `content-type`, which WireMock would compare as text. */
const MATCHED_HEADERS = new Set(['authorization']);

/** One stub per case; `answers` holds the sandbox's body per case name. The specs are OpenAPI 3.1: JSON Schema 2020-12. */
export function wiremockStubs(cases: readonly BenchCase[], operations: Record<string, SpecOperation>, answers: Record<string, string>): WiremockStub[] {
  return cases.map((c) => {
    const op = operations[c.name];
    if (!op) throw new Error(`no spec operation for ${c.name}`);
    if (answers[c.name] === undefined) throw new Error(`no answer body for ${c.name}`);
    const headers = Object.fromEntries(Object.entries(c.headers).filter(([name]) => MATCHED_HEADERS.has(name.toLowerCase())).map(([name, value]) => [name, { equalTo: value }]));
    return {
      name: c.name,
      request: {
        method: c.method,
        urlPathTemplate: op.template,
        ...(Object.keys(headers).length ? { headers } : {}),
        ...(c.body !== undefined && op.bodySchema !== undefined ? { bodyPatterns: [{ matchesJsonSchema: JSON.stringify(op.bodySchema), schemaVersion: 'V202012' as const }] } : {}),
      },
      response: { status: c.expectedStatus, headers: { 'Content-Type': 'application/json' }, body: answers[c.name] },
    };
  });
}

/** The spec path a concrete path falls under (`/v1/integrations/{_id}` for `/v1/integrations/5541…`), literal segments first. */
export function templateOf(concrete: string, specPaths: string[]): string | undefined {
  const segs = concrete.split('/');
  const matches = specPaths.filter((p) => {
    const t = p.split('/');
    return t.length === segs.length && t.every((s, i) => /^\{[^}]+\}$/.test(s) || s === segs[i]);
  });
  const params = (p: string) => (p.match(/\{/g) ?? []).length;
  return matches.sort((a, b) => params(a) - params(b))[0];
}
