import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { servedSpec } from '../../src/admin/served-spec.js';
import { fromRoot } from '../../src/engine/paths.js';
import { createSandbox, type RunningSandbox } from '../../src/sandbox.js';
import { startSandbox, type TestSandbox } from '../helpers/sandbox.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SANDBOX_HEADERS = ['x-mock-session', 'x-mock-scenario', 'prefer'];

type Json = Record<string, any>;
const resolved = (spec: Json, p: Json): Json =>
  typeof p.$ref === 'string' ? p.$ref.slice(2).split('/').reduce((node: Json, part: string) => node[part], spec) : p;
/** Every operation of a spec with the parameters it takes: its path item's and its own, `$ref`s resolved. */
function operationsWithParameters(spec: Json): { where: string; operationId: string; parameters: Json[] }[] {
  return Object.entries(spec.paths as Record<string, Json>).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({
        where: `${method} ${p}`,
        operationId: op.operationId,
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])].map((param: Json) => resolved(spec, param)),
      })),
  );
}
const headersOf = (parameters: Json[]) => parameters.filter((p) => p.in === 'header').map((p) => String(p.name).toLowerCase());

describe('GET /__sandbox/sessions', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => {
    await sb?.close();
  });

  it('lists the sessions with their sticky scenario, most recently used first, creating none', async () => {
    expect((await sb.admin('GET', '/sessions')).body).toEqual({ total: 0, sessions: [] });
    await sb.call('GET', '/integrator/v1/tokenInfo', { session: 'first', headers: { authorization: 'Bearer integrator-sandbox-token' } });
    await sb.admin('PUT', '/sessions/second/scenario', { scenario: 'centurylink/server-error' });
    const { body } = await sb.admin('GET', '/sessions');
    expect(body.total).toBe(2);
    expect(body.sessions.map((s: { id: string; scenario: string | null }) => [s.id, s.scenario])).toEqual([
      ['second', 'centurylink/server-error'],
      ['first', null],
    ]);
    expect(Date.parse(body.sessions[0].lastUsed)).not.toBeNaN();
    expect((await sb.admin('GET', '/sessions?limit=1')).body.sessions).toHaveLength(1);
    expect((await sb.sandbox.sessions.list(10)).total).toBe(2);
  });
});

describe('the dashboard and docs pages over HTTP', () => {
  let sb: TestSandbox;
  let exposed: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
    exposed = await (await createSandbox({ adminToken: 'dashboard-admin-token' })).listen(0, '0.0.0.0');
  });
  afterAll(async () => {
    await Promise.all([sb?.close(), exposed?.close()]);
  });

  const get = (path: string, init?: RequestInit) => fetch(sb.baseUrl + path, { redirect: 'manual', ...init });

  it('serves the page at /__sandbox/ (redirecting /__sandbox there) with its own assets only, under a strict CSP', async () => {
    const bare = await get('/__sandbox?session=run-1');
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/__sandbox/?session=run-1');
    const page = await get('/__sandbox/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).not.toMatch(/https?:\/\//);
    const script = await get('/__sandbox/dashboard/dashboard.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await get('/__sandbox/dashboard/missing.js')).headers.get('content-type')).toContain('application/problem+json');
  });

  it('keeps the pages behind the admin guard, like the API', async () => {
    const at = (path: string, token?: string) =>
      fetch(`http://127.0.0.1:${exposed.port}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    for (const path of ['/__sandbox/', '/__sandbox/dashboard/dashboard.js', '/__sandbox/docs/', '/__sandbox/docs/oem', '/__sandbox/docs/oem/openapi.json', '/__sandbox/docs/assets/swagger-ui-bundle.js', '/__sandbox/sessions']) {
      expect((await at(path)).status, path).toBe(401);
      expect((await at(path, 'dashboard-admin-token')).status, path).toBe(200);
    }
  });

  it('sends no CORS headers on the pages either', async () => {
    for (const path of ['/__sandbox/', '/__sandbox/docs/cloud66/openapi.json']) {
      const res = await get(path, { headers: { origin: 'https://evil.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('serves only the named renderer files, and 404s unknown APIs as problem+json', async () => {
    expect((await get('/__sandbox/docs/assets/swagger-ui.css')).status).toBe(200);
    for (const path of ['/__sandbox/docs/assets/package.json', '/__sandbox/docs/assets/constructor', '/__sandbox/docs/nope', '/__sandbox/docs/nope/openapi.json']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it.each(['cloud66', 'centurylink', 'integrator', 'oem'])('serves the %s spec with every response saying how the sandbox reaches it, and leaves the file alone', async (api) => {
    const file = fromRoot(`specs/${api}.yaml`);
    const before = readFileSync(file, 'utf8');
    const { body: spec } = await sb.admin('GET', `/docs/${api}/openapi.json`);
    expect(spec.servers).toEqual([{ url: `/${api}`, description: 'this sandbox' }]);
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(item).filter(([m]) => METHODS.includes(m))) {
        for (const [code, response] of Object.entries(op.responses as Record<string, { description: string; $ref?: string }>)) {
          expect(response.$ref, `${method} ${path} ${code}`).toBeUndefined();
          expect(response.description, `${method} ${path} ${code}`).toMatch(/Reached in the sandbox (by scenarios? `[a-z0-9]+\/[a-z0-9-]+`|through state\.)/);
        }
      }
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('names the scenarios a response comes from, as the shaper would pick them', async () => {
    const { body: spec } = await sb.admin('GET', '/docs/centurylink/openapi.json');
    const update500 = spec.paths['/update-subscription/'].post.responses['500'].description;
    expect(update500).toContain('Reached in the sandbox by scenarios `centurylink/flaky-update` (example `server-error`), `centurylink/server-error` (example `server-error`).');
    // flaky-update only touches update-subscription: provision-account's 500 is server-error's alone.
    const provision = Object.values(spec.paths as Record<string, any>).find((item) => item.post?.operationId === 'provisionAccount').post;
    expect(provision.responses['500'].description).toMatch(/by scenario `centurylink\/server-error` \(example `server-error`\)\.$/);
    expect(provision.responses['201'].description).toMatch(/Reached in the sandbox through state\.$/);
  });

  it.each(['cloud66', 'centurylink', 'integrator', 'oem'])(
    'declares X-Mock-Session, X-Mock-Scenario and Prefer once on every operation of the served %s spec, a valid OpenAPI document, not in the file',
    async (api) => {
      const file = fromRoot(`specs/${api}.yaml`);
      const before = readFileSync(file, 'utf8');
      const { body: spec } = await sb.admin('GET', `/docs/${api}/openapi.json`);
      const scenarioNames = ((await sb.admin('GET', '/scenarios')).body as { name: string }[]).map((s) => s.name).filter((n) => n.startsWith(`${api}/`));
      const operations = operationsWithParameters(spec);
      expect(operations.length).toBeGreaterThan(0);
      for (const { where, parameters } of operations) {
        const headers = headersOf(parameters);
        for (const name of SANDBOX_HEADERS) expect(headers.filter((h) => h === name), `${where} ${name}`).toHaveLength(1);
        for (const p of parameters.filter((q) => SANDBOX_HEADERS.includes(String(q.name).toLowerCase()))) {
          expect(p.required, `${where} ${p.name}`).toBe(false);
          expect(p.description, `${where} ${p.name}`).toMatch(/^Sandbox only/);
          // Swagger UI would pre-fill "Try it out" with either, forcing every answer.
          expect(p.example ?? p.schema?.default ?? p.examples, `${where} ${p.name}`).toBeUndefined();
        }
        const scenario = parameters.find((p) => p.name === 'X-Mock-Scenario')!;
        expect(scenario.schema.enum, where).toEqual(scenarioNames);
        expect(parameters.find((p) => p.name === 'Prefer')!.description).toMatch(/`code=403`.*`example=already-linked`.*`dynamic=true`/);
      }
      expect(scenarioNames.length).toBeGreaterThan(0);
      await expect(SwaggerParser.validate(structuredClone(spec))).resolves.toBeTruthy();
      // The file says what the real API takes: none of its operations gains the sandbox's headers.
      expect(readFileSync(file, 'utf8')).toBe(before);
      for (const { where, parameters } of operationsWithParameters(parse(before))) {
        expect(headersOf(parameters).filter((h) => SANDBOX_HEADERS.includes(h)), where).toEqual([]);
      }
    },
  );

  it('adds none of the three headers to an operation that declares it already, on the operation or its path', async () => {
    const runtime = sb.sandbox.runtimes.find((r) => r.module.name === 'cloud66')!;
    const spec = parse(readFileSync(fromRoot(runtime.module.specFile), 'utf8'));
    spec.paths['/partners/{partnerId}/integrations'].post.parameters.push({ name: 'prefer', in: 'header', schema: { type: 'string' } });
    spec.paths['/partners/{partnerId}/launch'].parameters = [{ name: 'X-Mock-Session', in: 'header', schema: { type: 'string' } }];
    const dir = mkdtempSync(path.join(tmpdir(), 'served-spec-'));
    try {
      const specFile = path.join(dir, 'cloud66.yaml');
      writeFileSync(specFile, stringify(spec));
      const served = servedSpec({ ...runtime, module: { ...runtime.module, specFile } }, sb.sandbox.scenarios);
      const byId = new Map(operationsWithParameters(served).map((op) => [op.operationId, headersOf(op.parameters)]));
      expect(byId.get('linkPartnerIntegration')!.sort()).toEqual(['prefer', 'x-mock-scenario', 'x-mock-session']);
      expect(byId.get('launchPartnerIntegration')!.sort()).toEqual(['prefer', 'x-mock-scenario', 'x-mock-session']);
      expect(served.paths['/partners/{partnerId}/integrations'].post.parameters.at(-3)).toEqual({ name: 'prefer', in: 'header', schema: { type: 'string' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('offers the scenarios loaded now: a scenario added under --watch is a choice on the next load of the spec', async () => {
    const registry = sb.sandbox.scenarios;
    const shipped = registry.names().map((name) => registry.get(name)!);
    const enumOf = async () => (await sb.admin('GET', '/docs/oem/openapi.json')).body.components.parameters.SandboxScenario.schema.enum as string[];
    expect(await enumOf()).not.toContain('oem/added-later');
    registry.replace([...shipped, { ...shipped.find((s) => s.api === 'oem')!, name: 'oem/added-later' }]);
    try {
      expect(await enumOf()).toContain('oem/added-later');
    } finally {
      registry.replace(shipped);
    }
    expect(await enumOf()).not.toContain('oem/added-later');
  });
});
