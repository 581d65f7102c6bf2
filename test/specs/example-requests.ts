import type { OpenAPIV3_1 } from 'openapi-types';
import type { SpecOperation } from '../../src/engine/spec/operation-index.js';

/**
 * Requests built from a spec's own examples, shared by the suites that drive real Prism (`prism.test.ts` against
 * `prism mock`, `prism-proxy-*.test.ts` through `prism proxy` in front of the sandbox).
 */

export interface ExampleRequest {
  operationId: string;
  /** The named request example the body comes from (none for an operation without a request body). */
  example?: string;
  mediaType?: string;
  /** The path under the API's mount point, with path values and required query values filled in. */
  path: string;
  init: RequestInit & { method: string; headers: Record<string, string> };
}

/** The default fixture's credentials (README "Mount points and fixture credentials"), by security scheme. */
const FIXTURE_CREDENTIALS: Record<string, Record<string, string>> = {
  bearerAuth: { authorization: 'Bearer integrator-sandbox-token' },
  provisionApiKey: { 'x-api-key': 'sandbox-provision-key' },
};

/** A request Prism accepts as valid: path values, required query values and the body from the spec's own examples. */
export function validRequest(op: SpecOperation): { path: string; init: RequestInit } {
  // The fixture's credentials, so Prism's security checks pass wherever a scheme is declared.
  const headers: Record<string, string> = Object.assign({}, ...Object.values(FIXTURE_CREDENTIALS));
  let body: string | undefined;
  const json = requestContent(op)?.['application/json'];
  if (json) {
    const example = Object.values(json.examples ?? {})[0] as OpenAPIV3_1.ExampleObject | undefined;
    body = JSON.stringify(example?.value ?? {});
    headers['content-type'] = 'application/json';
  }
  return { path: examplePath(op), init: { method: op.method.toUpperCase(), headers, body, redirect: 'manual' } };
}

/**
 * One request per named request example of every media type the operation accepts (JSON or form-encoded), or a
 * single request when it takes no body; each carries only the fixture credentials its security requirement names.
 */
export function exampleRequests(doc: OpenAPIV3_1.Document, op: SpecOperation): ExampleRequest[] {
  const method = op.method.toUpperCase();
  const path = examplePath(op);
  const credentials = credentialHeaders(doc, op);
  const content = requestContent(op);
  const requests: ExampleRequest[] = [];
  for (const [mediaType, media] of Object.entries(content ?? {})) {
    for (const [name, example] of Object.entries(media.examples ?? {}) as [string, OpenAPIV3_1.ExampleObject][]) {
      const body = encodeBody(mediaType, example.value);
      requests.push({ operationId: op.operationId, example: name, mediaType, path, init: { method, headers: { ...credentials, 'content-type': mediaType }, body, redirect: 'manual' } });
    }
  }
  if (requests.length === 0) requests.push({ operationId: op.operationId, path, init: { method, headers: { ...credentials }, redirect: 'manual' } });
  return requests;
}

/** The headers of the fixture credentials for the operation's security requirement (its own, else the document's). */
export function credentialHeaders(doc: OpenAPIV3_1.Document, op: SpecOperation): Record<string, string> {
  const requirements = op.operation.security ?? doc.security ?? [];
  const headers: Record<string, string> = {};
  // The first alternative is enough: every scheme it names gets its fixture credential.
  for (const scheme of Object.keys(requirements[0] ?? {})) {
    const credential = FIXTURE_CREDENTIALS[scheme];
    if (!credential) throw new Error(`${op.operationId}: no fixture credential for security scheme ${scheme}`);
    Object.assign(headers, credential);
  }
  return headers;
}

/** The operation's path with every path parameter's example, and a `?query` of its required query parameters. */
export function examplePath(op: SpecOperation): string {
  let path = op.pathTemplate;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const value = exampleOf(p);
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    if (p.in === 'query' && p.required) query.set(p.name, value);
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

export function exampleOf(p: OpenAPIV3_1.ParameterObject): string {
  const schema = (p.schema ?? {}) as { example?: unknown; examples?: unknown[]; default?: unknown };
  const named = Object.values(p.examples ?? {})[0] as OpenAPIV3_1.ExampleObject | undefined;
  const value = p.example ?? named?.value ?? schema.example ?? schema.examples?.[0] ?? schema.default;
  if (value === undefined && p.in === 'path') throw new Error(`path parameter ${p.name} needs an example`);
  return String(value ?? 'x');
}

function requestContent(op: SpecOperation): Record<string, OpenAPIV3_1.MediaTypeObject> | undefined {
  return (op.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content;
}

function encodeBody(mediaType: string, value: unknown): string {
  if (mediaType === 'application/json') return JSON.stringify(value ?? {});
  if (mediaType === 'application/x-www-form-urlencoded') {
    return new URLSearchParams(Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString();
  }
  throw new Error(`no encoder for request examples of ${mediaType}`);
}
