import fc from 'fast-check';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import type { SpecOperation } from '../../src/engine/spec/operation-index.js';
import { ResponseValidator } from '../../src/engine/spec/response-validator.js';
import { useSandbox } from '../helpers/sandbox.js';

/** Runs per operation, and the seed: fixed so CI is repeatable; FUZZ_RUNS=2000 FUZZ_SEED=<n> to search wider. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 4010);

const sb = useSandbox();

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const PROTOTYPE_BEFORE = prototypeKeys();

interface FuzzRequest {
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Adversarial values: wrong types, huge and odd strings, unicode, prototype keys. */
const nastyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 30, unit: 'grapheme' }),
  fc.constantFrom('', ' ', '__proto__', 'constructor', 'null', '0', '-1', 'true', '💥', '\u0000', 'x'.repeat(70_000), '<script>', "' OR 1=1 --"),
  fc.integer(),
  fc.double(),
  // Boundary numbers: the largest doubles (two of them add up past range), the smallest, -0, past 2^53.
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 1.7e308, Number.MIN_VALUE, -0, 2 ** 53, 2 ** 53 + 2, 1e21),
  // Numeric strings past any range, and whole-Unicode text: astral characters, lone surrogates (sent as JSON escapes).
  fc.constantFrom('1'.repeat(400), `${'9'.repeat(20)}.${'9'.repeat(20)}`, '1e400', '\ud83d', 'a\udc00b', '😀'.repeat(60), '\u{10FFFF}'),
  fc.string({ maxLength: 20, unit: 'binary' }),
  fc.boolean(),
  fc.constant(null),
);

/** Literals JSON.stringify cannot write: numbers past the largest double, and long digit runs. */
const RAW_NUMBERS = ['1e400', '-1e400', '1'.repeat(400), '1.7976931348623157e309', '0.' + '0'.repeat(400) + '1', '-0'];

/** A valid request example of the operation, if the spec has one, to mutate into near-valid bodies. */
function exampleBody(op: SpecOperation): Record<string, unknown> | undefined {
  const media = (op.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content?.['application/json'];
  const example = Object.values(media?.examples ?? {})[0] as OpenAPIV3_1.ExampleObject | undefined;
  return example?.value && typeof example.value === 'object' ? (example.value as Record<string, unknown>) : undefined;
}

function bodyArbitrary(op: SpecOperation): fc.Arbitrary<{ contentType?: string; text?: string }> {
  const example = exampleBody(op) ?? {};
  const keys = Object.keys(example);
  const mutated = fc
    .tuple(fc.subarray(keys), fc.dictionary(fc.constantFrom(...keys, 'extra', '__proto__', 'constructor'), nastyValue, { maxKeys: 3 }))
    .map(([dropped, changes]) => {
      const copy: Record<string, unknown> = { ...example };
      for (const key of dropped) delete copy[key];
      for (const [key, value] of Object.entries(changes)) Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
      return { contentType: 'application/json', text: JSON.stringify(copy) };
    });
  return fc.oneof(
    fc.constant({}),
    mutated,
    fc.jsonValue({ maxDepth: 5 }).map((v) => ({ contentType: 'application/json', text: JSON.stringify(v) })),
    fc.string({ maxLength: 60 }).map((text) => ({ contentType: 'application/json', text: `{${text}` })),
    fc.constant({ contentType: 'application/json', text: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}' }),
    // The example with one field's value written as a raw out-of-range literal.
    fc.tuple(fc.constantFrom(...(keys.length ? keys : ['count'])), fc.constantFrom(...RAW_NUMBERS)).map(([key, literal]) => ({
      contentType: 'application/json',
      text: JSON.stringify({ ...example, [key]: '__RAW__' }).replace('"__RAW__"', literal),
    })),
    fc.constant({ contentType: 'application/json', text: `${'['.repeat(5000)}${']'.repeat(5000)}` }),
    fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })).map((d) => ({ contentType: 'application/x-www-form-urlencoded', text: new URLSearchParams(d).toString() })),
    fc.tuple(fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin-9'), fc.string({ maxLength: 40 })).map(([contentType, text]) => ({ contentType, text })),
  );
}

function requestArbitrary(op: SpecOperation): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const segment = fc.oneof(fc.constant(String(pathParams[0]?.example ?? 'x')), fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' })).filter((s) => s !== '.' && s !== '..');
  const queryNames = [...op.parameters.filter((p) => p.in === 'query').map((p) => p.name), 'x', '__proto__'];
  return fc.record({
    params: fc.tuple(...pathParams.map(() => segment)),
    query: fc.dictionary(fc.constantFrom(...queryNames), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    authorization: fc.constantFrom(undefined, 'Bearer integrator-sandbox-token', 'Bearer integrator-readonly-token', 'Bearer x', 'Basic eDp5', ''),
    apiKey: fc.constantFrom(undefined, 'sandbox-provision-key', 'wrong'),
    body: op.operation.requestBody ? bodyArbitrary(op) : fc.constant({} as { contentType?: string; text?: string }),
  }).map(({ params, query, authorization, apiKey, body }) => {
    let path = op.pathTemplate;
    pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, encodeURIComponent(params[i]))));
    const qs = new URLSearchParams(query).toString();
    const headers: Record<string, string> = {};
    if (authorization !== undefined) headers.authorization = authorization;
    if (apiKey !== undefined) headers['x-api-key'] = apiKey;
    if (body.contentType) headers['content-type'] = body.contentType;
    return { path: qs ? `${path}?${qs}` : path, headers, body: body.text };
  });
}

const validator = new ResponseValidator();

describe('fuzzing every operation of every spec against the running sandbox', async () => {
  const { createSandbox } = await import('../../src/sandbox.js');
  const runtimes = (await createSandbox()).runtimes;
  const cases = runtimes.flatMap((r) => r.operations.map((op) => [`${r.module.name} ${op.operationId}`, r.module.prefix, op] as const));

  it.each(cases)('%s: no 5xx, documented answers, rejected requests change nothing', async (_name, prefix, op) => {
    const session = `fuzz-${op.operationId}`;
    const state = async () => (await fetch(`${sb.baseUrl}/__sandbox/state?session=${session}`)).text();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(op), async (req) => {
        const before = await state();
        const res = await fetch(sb.baseUrl + prefix + req.path, { method: op.method.toUpperCase(), headers: { ...req.headers, 'x-mock-session': session }, body: req.body, redirect: 'manual' });
        const text = await res.text();
        const mediaType = res.headers.get('content-type')?.split(';')[0];
        expect(res.status, text.slice(0, 300)).toBeLessThan(500);
        // JSON, unless the answer says it is text (integrator.io's state API answers `Created` / `OK`); the
        // validator then checks the media type is the documented one.
        const isText = mediaType?.startsWith('text/') ?? false;
        if (text && !isText) expect(() => JSON.parse(text), `not JSON: ${text.slice(0, 200)}`).not.toThrow();
        const body = text ? (isText ? text : JSON.parse(text)) : undefined;
        expect(validator.check(op, { status: res.status, mediaType: text ? mediaType : undefined, body })).toEqual([]);
        if (res.status >= 400) expect(await state(), `${res.status} changed the state`).toBe(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(prototypeKeys()).toBe(PROTOTYPE_BEFORE);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 120_000);

  // A scenario's answer is the account's (a licence 403, a 5xx, a rate limit per token): a request without a valid
  // token never gets it, whatever scenario it names; it gets the API's 401, as without any scenario.
  const integrator = runtimes.find((r) => r.module.name === 'integrator')!;
  const answering = (await createSandbox()).scenarios
    .list()
    .filter((s) => s.name.startsWith('integrator/'))
    .map((s) => s.name)
    .filter((name) => !/connection-reset|slow/.test(name));
  it.each(integrator.operations.map((op) => [op.operationId, op] as const))('integrator %s: no scenario answers before authentication', async (_name, op) => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(op), fc.constantFrom(...answering), fc.constantFrom(undefined, '', 'Bearer x', 'Bearer integrator-eu-token'), async (req, scenario, authorization) => {
        const headers: Record<string, string> = { ...req.headers };
        delete headers.authorization;
        if (authorization !== undefined) headers.authorization = authorization;
        const send = (extra: Record<string, string>) =>
          fetch(sb.baseUrl + integrator.module.prefix + req.path, { method: op.method.toUpperCase(), headers: { ...headers, ...extra }, body: req.body, redirect: 'manual' });
        // The same request without the scenario, in a session of its own: the API's answer (401, or a body the
        // engine cannot read, or a path no operation has), which the scenario must not change.
        const plain = await send({ 'x-mock-session': `fuzz-plain-${op.operationId}` });
        const shaped = await send({ 'x-mock-session': `fuzz-auth-${op.operationId}`, 'x-mock-scenario': scenario });
        const text = await shaped.text();
        expect(plain.status).not.toBeLessThan(400);
        expect(shaped.status, `${scenario} with ${JSON.stringify(authorization)}: ${text.slice(0, 200)}`).toBe(plain.status);
      }),
      { numRuns: Math.max(10, RUNS / 2), seed: SEED, endOnFailure: true },
    );
  }, 120_000);

  it('is still up and healthy afterwards', async () => {
    expect((await fetch(`${sb.baseUrl}/__sandbox/health`)).status).toBe(200);
  });
});
