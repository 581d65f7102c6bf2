import type { OpenAPIV3_1 } from 'openapi-types';
import type { SpecOperation } from '../../src/engine/spec/operation-index.js';
import { examplePath } from './example-requests.js';

/** A request the Prism proxy checks send (prism-proxy-suite.ts). */
export interface Req {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** A JSON body (sent as application/json unless `contentType` says otherwise). */
  body?: unknown;
  /** A body sent exactly as given. */
  raw?: string;
  contentType?: string;
  /** `X-Mock-Scenario`, for the state or forced answer a case needs. */
  scenario?: string;
}

/** A documented failure: its request, and the status the sandbox must answer it with. */
export interface FailureCase extends Req {
  op: string;
  name: string;
  status: number;
}

const FULL = { authorization: 'Bearer integrator-sandbox-token' };
const READ = { authorization: 'Bearer integrator-readonly-token' };
const UNKNOWN_ID = 'ffffffffffffffffffffffff';

/**
 * The failures of an operation beyond integrations that need a request of their own: a 422 (or a 400 other than a
 * body that is not JSON), by operationId. The others come from the operation's spec (below).
 */
const SPECIFIC: Record<string, (path: string, body: unknown) => Omit<FailureCase, 'op' | 'method'>[]> = {
  createConnection: (path) => [{ name: 'type missing', status: 422, path, body: { name: 'No type' } }],
  updateConnection: (path) => [{ name: 'type missing', status: 422, path, body: { name: 'No type' } }],
  deleteConnection: (path) => [{ name: 'used by an export', status: 422, path }],
  createExport: (path, body) => [{ name: 'unknown connection', status: 422, path, body: { ...(body as object), _connectionId: UNKNOWN_ID } }],
  updateExport: (path, body) => [{ name: 'unknown connection', status: 422, path, body: { ...(body as object), _connectionId: UNKNOWN_ID } }],
  deleteExport: (path) => [{ name: 'used by a flow', status: 422, path }],
  createImport: (path, body) => [{ name: 'unknown connection', status: 422, path, body: { ...(body as object), _connectionId: UNKNOWN_ID } }],
  updateImport: (path, body) => [{ name: 'unknown connection', status: 422, path, body: { ...(body as object), _connectionId: UNKNOWN_ID } }],
  deleteImport: (path) => [{ name: 'used by a flow', status: 422, path }],
  createFlow: (path, body) => [{ name: 'unknown integration', status: 422, path, body: { ...(body as object), _integrationId: UNKNOWN_ID } }],
  updateFlow: (path, body) => [{ name: 'unknown integration', status: 422, path, body: { ...(body as object), _integrationId: UNKNOWN_ID } }],
  cloneFlow: (path, body) => [
    { name: 'unknown integration', status: 422, path, body: { ...(body as object), _integrationId: UNKNOWN_ID } },
    { name: 'connectionMap missing', status: 400, path, body: { _integrationId: '554155c853bb53af2900000b' } },
  ],
  runFlow: (path) => [{ name: 'connection offline', status: 422, path, body: {}, scenario: 'integrator/connection-offline' }],
  resolveFlowStepErrors: (path) => [{ name: 'no errors named', status: 422, path, body: {} }],
  retryFlowStepErrors: (path) => [{ name: 'nothing to retry named', status: 422, path, body: {} }],
  createScript: (path) => [{ name: 'name missing', status: 422, path, body: { content: 'function x () {}' } }],
  updateScript: (path) => [{ name: 'name missing', status: 422, path, body: { content: 'function x () {}' } }],
  deleteScript: (path) => [{ name: 'used by a hook', status: 422, path }],
  updateAshare: (path) => [{ name: 'unknown access level', status: 422, path, body: { accessLevel: 'owner' } }],
};

/**
 * Every documented failure of the integrator.io operations beyond integrations, from their spec: no token (401),
 * throttled (429), the read-only token (403), a body that is not JSON (400) or too large (413), a bad page (400 on
 * lists), an unknown id or key (404), plus the SPECIFIC ones. The request is the operation's own example request.
 */
export function integratorResourceCases(operations: SpecOperation[], tooLarge: unknown): FailureCase[] {
  const written = new Set(['listIntegrations', 'createIntegration', 'getIntegration', 'updateIntegration', 'deleteIntegration', 'cloneIntegration', 'getTokenInfo']);
  return operations.filter((op) => !written.has(op.operationId)).flatMap((op) => casesOf(op, tooLarge));
}

function casesOf(op: SpecOperation, tooLarge: unknown): FailureCase[] {
  const method = op.method.toUpperCase();
  const path = examplePath(op);
  const json = (op.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content?.['application/json'];
  const body = json ? ((Object.values(json.examples ?? {})[0] as OpenAPIV3_1.ExampleObject | undefined)?.value ?? {}) : undefined;
  const documented = new Set(Object.keys(op.operation.responses ?? {}));
  const c = (name: string, status: number, extra: Partial<FailureCase> = {}): FailureCase => ({ op: op.operationId, name, status, method, path, headers: FULL, body, ...extra });
  const cases: FailureCase[] = [c('no token', 401, { headers: {} }), c('rate limited', 429, { scenario: 'integrator/rate-limited' })];
  if (documented.has('403') && method !== 'GET') cases.push(c('read-only token', 403, { headers: READ }));
  if (json) {
    if (documented.has('413')) cases.push(c('body too large', 413, { body: tooLarge }));
    if (documented.has('400')) cases.push(c('not JSON', 400, { body: undefined, raw: '{"name":"x"}', contentType: 'text/plain' }));
  } else if (documented.has('400')) cases.push(c('limit 0', 400, { path: `${path}${path.includes('?') ? '&' : '?'}limit=0` }));
  if (documented.has('404')) cases.push(c('unknown id', 404, { path: withUnknownId(op, path) }));
  for (const specific of SPECIFIC[op.operationId]?.(path, body) ?? []) cases.push({ op: op.operationId, method, headers: FULL, ...specific });
  return cases;
}

/** The path with its first id parameter unknown (a state key: one no one stored). */
function withUnknownId(op: SpecOperation, path: string): string {
  const first = op.parameters.find((p) => p.in === 'path');
  if (!first) return path;
  const template = op.pathTemplate.split('/');
  const index = template.indexOf(`{${first.name}}`);
  const segments = path.split('?')[0].split('/');
  segments[index] = first.name === 'key' ? 'no-such-key' : UNKNOWN_ID;
  return segments.join('/');
}
