/**
 * OpenAPI `links`: every link names a real operation and real parameters, every runtime expression it uses resolves
 * on the spec's own examples, the body it builds is a valid request of its target, and, against the real sandbox,
 * following it after a successful source call succeeds with the same session and credentials.
 *
 * Expressions are read as Schemathesis reads them (the stateful tester the links are for): a plain runtime
 * expression, or `{…}` embedded in a string; inside an object `requestBody` each string is evaluated on its own;
 * `$response.header.<name>#regex:<re>` takes the regex's one capture group from the header value.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ajvForBodies } from '../../src/engine/spec/ajv-instances.js';
import type { SpecOperation } from '../../src/engine/spec/operation-index.js';
import { startSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { loadSpec, responsesOf, SPEC_FILES, type LoadedSpec } from './spec-files.js';

type Json = unknown;

interface LinkCase {
  spec: LoadedSpec;
  source: SpecOperation;
  status: string;
  response: OpenAPIV3_1.ResponseObject;
  name: string;
  link: OpenAPIV3_1.LinkObject;
}

type Expression =
  | { kind: 'url' | 'method' | 'statusCode' }
  | { kind: 'request'; location: 'path' | 'query' | 'header'; name: string }
  | { kind: 'request-body'; pointer?: string }
  | { kind: 'response-header'; name: string; regex?: RegExp }
  | { kind: 'response-body'; pointer?: string };

/** What an expression is evaluated on: one request of the source operation and its answer. */
interface Exchange {
  url: string;
  method: string;
  request: { path: Record<string, string>; query: Record<string, string>; headers: Record<string, string>; body?: Json };
  response: { status: number; header(name: string): string | undefined; body?: Json };
}

/** The fixture's credentials (scenarios/default.yaml), as a tester configures them once for a whole run. */
const CREDENTIALS: Record<string, string> = { authorization: 'Bearer integrator-sandbox-token', 'x-api-key': 'sandbox-provision-key' };

/** The chains a stateful tester must be able to follow at least (issue 17, point 6). */
const REQUIRED_PAIRS = [
  'integrator: createIntegration -> getIntegration',
  'integrator: createIntegration -> updateIntegration',
  'integrator: createIntegration -> deleteIntegration',
  'integrator: createIntegration -> cloneIntegration',
  'centurylink: provisionAccount -> updateSubscription',
  'oem: oemCreateIntegration -> oemUpdateIntegration',
  'cloud66: launchPartnerIntegration -> linkPartnerIntegration',
];

// ---------------------------------------------------------------------------------------------------------------
// Runtime expressions

function parseExpression(text: string): Expression {
  if (text === '$url') return { kind: 'url' };
  if (text === '$method') return { kind: 'method' };
  if (text === '$statusCode') return { kind: 'statusCode' };
  let m = /^\$request\.(path|query|header)\.([^#\s]+)$/.exec(text);
  if (m) return { kind: 'request', location: m[1] as 'path' | 'query' | 'header', name: m[2] };
  m = /^\$(request|response)\.body(?:#(\/.*|))?$/.exec(text);
  if (m) {
    const pointer = m[2];
    if (pointer !== undefined && pointer !== '' && !pointer.startsWith('/')) throw new Error(`bad JSON pointer in ${text}`);
    return m[1] === 'request' ? { kind: 'request-body', pointer } : { kind: 'response-body', pointer };
  }
  m = /^\$response\.header\.([!#$%&'*+\-.^_`|~0-9A-Za-z]+?)(?:#regex:(.+))?$/.exec(text);
  if (m) {
    if (m[2] === undefined) return { kind: 'response-header', name: m[1] };
    const regex = new RegExp(m[2]);
    const groups = new RegExp(`${m[2]}|`).exec('')!.length - 1;
    if (groups !== 1) throw new Error(`${text}: the regex must have exactly one capturing group, it has ${groups}`);
    return { kind: 'response-header', name: m[1], regex };
  }
  throw new Error(`not a runtime expression: ${text}`);
}

/** The expressions in a link value: a whole-string expression, or each `{…}` embedded in a string. */
function expressionsIn(value: string): string[] {
  if (value.startsWith('$')) return [value];
  return [...value.matchAll(/\{(\$[^}]+)\}/g)].map((m) => m[1]);
}

/** Every string in a link value (parameters, or a literal / nested requestBody). */
function stringsIn(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

const NOT_FOUND = Symbol('not found');

function resolvePointer(document: Json, pointer: string | undefined): Json | typeof NOT_FOUND {
  if (pointer === undefined || pointer === '') return document;
  let current: Json = document;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < current.length) current = current[Number(token)];
    else if (current && typeof current === 'object' && !Array.isArray(current) && Object.hasOwn(current, token)) current = (current as Record<string, Json>)[token];
    else return NOT_FOUND;
  }
  return current;
}

function evaluateExpression(text: string, ex: Exchange): Json | typeof NOT_FOUND {
  const e = parseExpression(text);
  switch (e.kind) {
    case 'url':
      return ex.url;
    case 'method':
      return ex.method;
    case 'statusCode':
      return ex.response.status;
    case 'request': {
      const bag = ex.request[e.location === 'header' ? 'headers' : e.location];
      const key = Object.keys(bag).find((k) => (e.location === 'header' ? k.toLowerCase() === e.name.toLowerCase() : k === e.name));
      return key === undefined ? NOT_FOUND : bag[key];
    }
    case 'request-body':
      return ex.request.body === undefined ? NOT_FOUND : resolvePointer(ex.request.body, e.pointer);
    case 'response-body':
      return ex.response.body === undefined ? NOT_FOUND : resolvePointer(ex.response.body, e.pointer);
    case 'response-header': {
      const value = ex.response.header(e.name);
      if (value === undefined) return NOT_FOUND;
      if (!e.regex) return value;
      const match = e.regex.exec(value);
      return match ? match[1] : NOT_FOUND;
    }
  }
}

/** A link value evaluated as Schemathesis does; `missing` lists the expressions that did not resolve. */
function evaluate(value: Json, ex: Exchange, missing: string[]): Json {
  if (typeof value === 'string') {
    if (value.startsWith('$')) {
      const result = evaluateExpression(value, ex);
      if (result === NOT_FOUND) missing.push(value);
      return result === NOT_FOUND ? undefined : result;
    }
    return value.replace(/\{(\$[^}]+)\}/g, (_, expr: string) => {
      const result = evaluateExpression(expr, ex);
      if (result === NOT_FOUND) missing.push(expr);
      return result === NOT_FOUND ? '' : typeof result === 'string' ? result : JSON.stringify(result);
    });
  }
  if (Array.isArray(value)) return value.map((v) => evaluate(v, ex, missing));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, ex, missing)]));
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Spec helpers

function allLinks(spec: LoadedSpec): LinkCase[] {
  return spec.operations.flatMap((source) =>
    responsesOf(source).flatMap(([status, response]) =>
      Object.entries(response.links ?? {}).map(([name, link]) => ({ spec, source, status, response, name, link: link as OpenAPIV3_1.LinkObject })),
    ),
  );
}

const where = (c: LinkCase) => `${c.spec.api} ${c.source.operationId} ${c.status} links.${c.name}`;
const pair = (c: LinkCase) => `${c.spec.api}: ${c.source.operationId} -> ${c.link.operationId}`;
const target = (c: LinkCase) => c.spec.operations.find((op) => op.operationId === c.link.operationId);

function jsonBody(op: SpecOperation): OpenAPIV3_1.MediaTypeObject | undefined {
  return (op.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content?.['application/json'];
}

function namedExamples(media: OpenAPIV3_1.MediaTypeObject | undefined): [string, Json][] {
  return Object.entries(media?.examples ?? {}).map(([name, ex]) => [name, (ex as OpenAPIV3_1.ExampleObject).value]);
}

function parameterExample(p: OpenAPIV3_1.ParameterObject): string | undefined {
  const schema = (p.schema ?? {}) as { example?: unknown; examples?: unknown[] };
  const named = Object.values(p.examples ?? {})[0] as OpenAPIV3_1.ExampleObject | undefined;
  const value = p.example ?? named?.value ?? schema.example ?? schema.examples?.[0];
  return value === undefined ? undefined : String(value);
}

/** The link's `parameters` key as `{in, name}`: a bare name, or one qualified by its location (`path.id`). */
function targetParameter(op: SpecOperation, key: string): OpenAPIV3_1.ParameterObject | undefined {
  const m = /^(path|query|header|cookie)\.(.+)$/.exec(key);
  const matches = op.parameters.filter((p) => (m ? p.in === m[1] && p.name === m[2] : p.name === key));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The properties a schema allows at its top level, over `allOf` / `anyOf` / `oneOf` (undefined: any key). */
function propertiesOf(schema: OpenAPIV3_1.SchemaObject | undefined): Map<string, OpenAPIV3_1.SchemaObject> | undefined {
  if (!schema) return undefined;
  const props = new Map<string, OpenAPIV3_1.SchemaObject>(Object.entries(schema.properties ?? {}) as [string, OpenAPIV3_1.SchemaObject][]);
  for (const sub of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    for (const [k, v] of propertiesOf(sub as OpenAPIV3_1.SchemaObject) ?? []) if (!props.has(k)) props.set(k, v);
  }
  return props;
}

/** Keys of a literal requestBody that the target's schema does not name (nested literal objects included). */
function unknownKeys(value: Json, schema: OpenAPIV3_1.SchemaObject | undefined, path = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const props = propertiesOf(schema);
  if (!props || props.size === 0) return Object.keys(value).map((k) => `${path}/${k}`);
  return Object.entries(value).flatMap(([k, v]) => (props.has(k) ? unknownKeys(v, props.get(k), `${path}/${k}`) : [`${path}/${k}`]));
}

/** The exchanges the spec itself documents for a link's source: each request example × each response example. */
function documentedExchanges(c: LinkCase): Exchange[] {
  const path: Record<string, string> = {};
  const query: Record<string, string> = {};
  const headers: Record<string, string> = { ...CREDENTIALS };
  for (const p of c.source.parameters) {
    const value = parameterExample(p);
    if (value === undefined) continue;
    if (p.in === 'path') path[p.name] = value;
    if (p.in === 'query') query[p.name] = value;
    if (p.in === 'header') headers[p.name.toLowerCase()] = value;
  }
  const requests: (Json | undefined)[] = namedExamples(jsonBody(c.source)).map(([, v]) => v);
  if (requests.length === 0) requests.push(undefined);
  const headerValues = new Map<string, string>();
  for (const [name, h] of Object.entries(c.response.headers ?? {}) as [string, OpenAPIV3_1.HeaderObject][]) {
    const value = h.example ?? (h.schema as { example?: unknown } | undefined)?.example;
    if (value !== undefined) headerValues.set(name.toLowerCase(), String(value));
  }
  const bodies: (Json | undefined)[] = Object.values(c.response.content ?? {}).flatMap((m) => namedExamples(m).map(([, v]) => v));
  if (bodies.length === 0) bodies.push(undefined);
  return requests.flatMap((body) =>
    bodies.map((responseBody) => ({
      url: `${c.spec.doc.servers?.[0]?.url ?? ''}${c.source.pathTemplate}`,
      method: c.source.method.toUpperCase(),
      request: { path, query, headers, body },
      response: { status: Number(c.status), header: (n: string) => headerValues.get(n.toLowerCase()), body: responseBody },
    })),
  );
}

/** Why an expression names nothing that exists on the source operation / response (empty: it does). */
function existenceProblem(c: LinkCase, text: string): string | undefined {
  const e = parseExpression(text);
  switch (e.kind) {
    case 'request':
      return c.source.parameters.some((p) => p.in === e.location && (e.location === 'header' ? p.name.toLowerCase() === e.name.toLowerCase() : p.name === e.name))
        ? undefined
        : `${text}: ${c.source.operationId} has no ${e.location} parameter ${e.name}`;
    case 'request-body':
      return c.source.operation.requestBody ? undefined : `${text}: ${c.source.operationId} takes no request body`;
    case 'response-header':
      return Object.keys(c.response.headers ?? {}).some((h) => h.toLowerCase() === e.name.toLowerCase())
        ? undefined
        : `${text}: the ${c.status} response documents no ${e.name} header`;
    case 'response-body':
      return c.response.content ? undefined : `${text}: the ${c.status} response has no body`;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The checks

const specs = await Promise.all(SPEC_FILES.map(loadSpec));
const links = specs.flatMap(allLinks);

describe('OpenAPI links', () => {
  it('exist, on success responses only, each with a description and an operationId', () => {
    expect(links.length).toBeGreaterThan(0);
    const failures = links.flatMap((c) => [
      ...(/^[23]\d\d$/.test(c.status) ? [] : [`${where(c)}: on a non-success response`]),
      ...(typeof c.link.description === 'string' && c.link.description.trim() ? [] : [`${where(c)}: no description`]),
      ...(c.link.operationRef !== undefined ? [`${where(c)}: uses operationRef (use operationId)`] : []),
    ]);
    expect(failures).toEqual([]);
  });

  it('cover the chains a stateful tester needs at least', () => {
    const pairs = new Set(links.map(pair));
    expect(REQUIRED_PAIRS.filter((p) => !pairs.has(p))).toEqual([]);
  });
});

describe.each(specs.map((s) => [s.file, s] as const))('links of %s', (_file, spec) => {
  const cases = allLinks(spec);

  it('target an operation of the same document', () => {
    expect(cases.filter((c) => !target(c)).map((c) => `${where(c)}: no operation ${c.link.operationId} in ${spec.file}`)).toEqual([]);
  });

  it('name real parameters of the target (path, query, header) and give every path parameter it needs', () => {
    const failures: string[] = [];
    for (const c of cases) {
      const op = target(c);
      if (!op) continue;
      for (const key of Object.keys(c.link.parameters ?? {})) {
        const p = targetParameter(op, key);
        if (!p || !['path', 'query', 'header'].includes(p.in)) failures.push(`${where(c)}: ${op.operationId} has no path, query or header parameter "${key}"`);
      }
      for (const p of op.parameters.filter((p) => p.in === 'path')) {
        if (!Object.keys(c.link.parameters ?? {}).some((k) => targetParameter(op, k) === p)) failures.push(`${where(c)}: path parameter ${p.name} of ${op.operationId} is not given`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('use runtime expressions that name something the source request or response has', () => {
    const failures: string[] = [];
    for (const c of cases) {
      for (const text of [...stringsIn(c.link.parameters ?? {}), ...stringsIn(c.link.requestBody)].flatMap(expressionsIn)) {
        try {
          const problem = existenceProblem(c, text);
          if (problem) failures.push(`${where(c)}: ${problem}`);
        } catch (err) {
          failures.push(`${where(c)}: ${(err as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('resolve every expression on every named example of the source request and response', () => {
    const failures: string[] = [];
    for (const c of cases) {
      for (const ex of documentedExchanges(c)) {
        const missing: string[] = [];
        evaluate(c.link.parameters ?? {}, ex, missing);
        evaluate(c.link.requestBody, ex, missing);
        for (const m of missing) failures.push(`${where(c)}: ${m} does not resolve on the example ${JSON.stringify(ex.response.body ?? ex.request.body)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('build a requestBody with the target schema\'s keys that, on the examples, is a valid request of the target', () => {
    const failures: string[] = [];
    for (const c of cases) {
      const op = target(c);
      if (!op || c.link.requestBody === undefined) continue;
      const media = jsonBody(op);
      if (!media) {
        failures.push(`${where(c)}: ${op.operationId} takes no JSON body`);
        continue;
      }
      const schema = media.schema as OpenAPIV3_1.SchemaObject;
      if (typeof c.link.requestBody === 'object' && c.link.requestBody !== null) {
        for (const key of unknownKeys(c.link.requestBody, schema)) failures.push(`${where(c)}: requestBody key ${key} is not in ${op.operationId}'s request schema`);
      }
      const validate = ajvForBodies().compile(schema as object);
      for (const ex of documentedExchanges(c)) {
        const body = evaluate(c.link.requestBody, ex, []);
        if (!validate(body)) failures.push(`${where(c)}: the body ${JSON.stringify(body)} is not a valid ${op.operationId} request: ${JSON.stringify(validate.errors)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('give parameter values that, on the examples, fit the target parameter\'s schema', () => {
    const failures: string[] = [];
    for (const c of cases) {
      const op = target(c);
      if (!op) continue;
      for (const [key, value] of Object.entries(c.link.parameters ?? {})) {
        const p = targetParameter(op, key);
        if (!p?.schema) continue;
        const validate = ajvForBodies().compile(p.schema as object);
        for (const ex of documentedExchanges(c)) {
          const v = evaluate(value, ex, []);
          if (!validate(v)) failures.push(`${where(c)}: ${key} = ${JSON.stringify(v)} does not fit ${op.operationId}'s ${p.name}: ${JSON.stringify(validate.errors)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Following every link against the sandbox

/** The source call: path and required query values from the parameter examples, the first body example. */
function sourceRequest(c: LinkCase): { path: string; query: Record<string, string>; body?: Json } {
  let path = c.source.pathTemplate;
  const query: Record<string, string> = {};
  for (const p of c.source.parameters) {
    const value = parameterExample(p);
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value ?? ''));
    if (p.in === 'query' && p.required && value !== undefined) query[p.name] = value;
  }
  return { path, query, body: namedExamples(jsonBody(c.source))[0]?.[1] };
}

function withQuery(path: string, query: Record<string, string>): string {
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}

describe('following every link in the sandbox', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(() => sb?.close());

  it('the target answers 2xx after a successful source call, same session and credentials', async () => {
    const failures: string[] = [];
    for (const c of links) {
      const op = target(c);
      if (!op) continue;
      const session = `links-${c.spec.api}-${c.source.operationId}-${c.status}-${c.name}`;
      const prefix = new URL(c.spec.doc.servers![0].url).pathname;
      const src = sourceRequest(c);
      const first = await sb.call(c.source.method.toUpperCase(), prefix + withQuery(src.path, src.query), { session, headers: CREDENTIALS, body: src.body });
      if (String(first.status) !== c.status) {
        failures.push(`${where(c)}: the source call answered ${first.status}, not ${c.status}: ${first.text.slice(0, 200)}`);
        continue;
      }
      const pathParams = Object.fromEntries(c.source.parameters.filter((p) => p.in === 'path').map((p) => [p.name, parameterExample(p) ?? '']));
      const ex: Exchange = {
        url: sb.baseUrl + prefix + withQuery(src.path, src.query),
        method: c.source.method.toUpperCase(),
        request: { path: pathParams, query: src.query, headers: CREDENTIALS, body: src.body },
        response: { status: first.status, header: (n) => first.headers.get(n) ?? undefined, body: first.body },
      };
      const missing: string[] = [];
      let path = op.pathTemplate;
      const query: Record<string, string> = {};
      const headers: Record<string, string> = { ...CREDENTIALS };
      for (const [key, value] of Object.entries(c.link.parameters ?? {})) {
        const p = targetParameter(op, key)!;
        const v = String(evaluate(value, ex, missing));
        if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(v));
        if (p.in === 'query') query[p.name] = v;
        if (p.in === 'header') headers[p.name] = v;
      }
      const required = (op.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.required;
      const body = c.link.requestBody !== undefined ? evaluate(c.link.requestBody, ex, missing) : required ? namedExamples(jsonBody(op))[0]?.[1] : undefined;
      if (missing.length) {
        failures.push(`${where(c)}: ${missing.join(', ')} did not resolve on the sandbox's answer`);
        continue;
      }
      const res = await sb.call(op.method.toUpperCase(), prefix + withQuery(path, query), { session, headers, body });
      if (res.status < 200 || res.status > 299) failures.push(`${where(c)}: ${op.operationId} answered ${res.status}: ${res.text.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  });
});
