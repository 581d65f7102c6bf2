/**
 * The `wiremock-nojournal` peer: WireMock standalone (the jar the npm `wiremock` package ships, run by Debian's JRE)
 * with `--no-request-journal`, its fastest configuration in shared/bench/peers.sh, serving stubs for every case.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { freePort } from '../../test/helpers/free-port.js';
import { fromRoot } from '../../src/engine/paths.js';
import { CASES, requestFor, type BenchCase } from '../cases.js';
import type { ChildTracker } from './children.js';
import { startPeerProcess } from './peer-process.js';
import { httpRequest, HOST, resetSandbox } from './probe.js';
import type { RunningServer } from './servers.js';
import { templateOf, wiremockStubs, type SpecOperation } from './wiremock-stubs.js';

export const WIREMOCK_LABEL = 'wiremock-nojournal';

/** The standalone jar inside node_modules/wiremock/build (a devDependency: nothing is downloaded). */
export function wiremockJar(): string {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = path.join(path.dirname(require.resolve('wiremock/package.json')), 'build');
  } catch {
    throw new Error('the npm package wiremock is not installed (a devDependency: npm install)');
  }
  const jar = readdirSync(dir).find((f) => /^wiremock-standalone-.*\.jar$/.test(f));
  if (!jar) throw new Error(`no wiremock-standalone-*.jar in ${dir}`);
  return path.join(dir, jar);
}

/** Each case's template and request schema, from its spec (dereferenced); the node-http peer gets the same. */
export async function operationsOf(cases: readonly BenchCase[]): Promise<Record<string, SpecOperation>> {
  const specs = new Map<string, OpenAPIV3_1.Document>();
  const out: Record<string, SpecOperation> = {};
  for (const c of cases) {
    if (!specs.has(c.api)) specs.set(c.api, (await SwaggerParser.dereference(fromRoot(`specs/${c.api}.yaml`))) as OpenAPIV3_1.Document);
    const spec = specs.get(c.api)!;
    const template = templateOf(c.path, Object.keys(spec.paths ?? {}));
    if (!template) throw new Error(`${c.name}: ${c.path} is in no path of specs/${c.api}.yaml`);
    const op = spec.paths![template]![c.method.toLowerCase() as 'get' | 'post'] as OpenAPIV3_1.OperationObject | undefined;
    const body = op?.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
    out[c.name] = { template, bodySchema: body?.content?.['application/json']?.schema };
  }
  return out;
}

/** What the sandbox answers each case (its body becomes the stub's, and node-http's); the sandbox is reset afterwards. */
export async function sandboxAnswers(sandbox: RunningServer, cases: readonly BenchCase[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const c of cases) {
    const res = await httpRequest(sandbox.url, requestFor(c, 'sandbox'));
    if (res.status !== c.expectedStatus) throw new Error(`${c.name} on the sandbox: expected ${c.expectedStatus}, got ${res.status} ${res.body.slice(0, 300)}`);
    out[c.name] = res.body;
  }
  await resetSandbox(sandbox.url);
  return out;
}

/**
 * WireMock with stubs for every case (all of them, whatever `--cases` says, so its start-up is always the same),
 * timed from spawn to the first 200 on the integrator.io GET, as the sandbox and Prism are.
 */
export async function startWiremock(tracker: ChildTracker, sandbox: RunningServer): Promise<RunningServer> {
  const root = mkdtempSync(path.join(tmpdir(), 'bench-wiremock-'));
  const removeRoot = tracker.cleanup(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'mappings'));
  const stubs = wiremockStubs(CASES, await operationsOf(CASES), await sandboxAnswers(sandbox, CASES));
  for (const stub of stubs) writeFileSync(path.join(root, 'mappings', `${stub.name}.json`), `${JSON.stringify(stub, null, 2)}\n`);
  const port = await freePort(HOST);
  const url = `http://${HOST}:${port}`;
  // The flags of peers.sh's wiremock-nojournal; -XX:-UsePerfData: no hsperfdata file in /tmp.
  const args = ['-XX:-UsePerfData', '-jar', wiremockJar(), '--port', String(port), '--bind-address', HOST, '--root-dir', root, '--disable-banner', '--no-request-journal'];
  return startPeerProcess(tracker, { label: WIREMOCK_LABEL, command: 'java', args, url, removeFiles: removeRoot });
}
