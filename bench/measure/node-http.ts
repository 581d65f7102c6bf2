/**
 * The `node-http` peer: bench/node-http-peer.mjs, a bare `node:http` server doing only what each case needs (route,
 * credential, JSON parse, the request schema, a stored document for the create), the floor a Node.js mock can reach
 * on this machine. Started like WireMock: a free port, its config in a temp dir, timed to its first expected answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/helpers/free-port.js';
import { fromRoot } from '../../src/engine/paths.js';
import { CASES, type BenchCase } from '../cases.js';
import type { ChildTracker } from './children.js';
import { startPeerProcess } from './peer-process.js';
import { HOST } from './probe.js';
import type { RunningServer } from './servers.js';
import { operationsOf, sandboxAnswers } from './wiremock.js';
import type { SpecOperation } from './wiremock-stubs.js';

export const NODE_HTTP_LABEL = 'node-http';

/** One case as the peer serves it. */
export interface NodeHttpRoute {
  name: string;
  method: string;
  /** The case's own path: the peer's exact-match key. */
  path: string;
  /** The spec's path, `{param}` kept: the peer's fallback for other values of a parameter. */
  template: string;
  /** The header the case authenticates with, lower-cased as Node gives it; none when the case sends none. */
  credential?: { header: string; value: string };
  bodySchema?: unknown;
  status: number;
  /** The sandbox's answer; for a create, only the shape of what is built per request. */
  body: string;
  /** Store a document per request and answer it, as the sandbox's create does. */
  creates?: boolean;
}

export interface NodeHttpConfig {
  host: string;
  port: number;
  routes: NodeHttpRoute[];
}

/** [INF] The same credential rule as the WireMock stubs (MATCHED_HEADERS): the Authorization header when sent. */
const CREDENTIAL_HEADERS = new Set(['authorization']);

/** The peer's config (pure): what WireMock's stubs check and answer, as routes. */
export function nodeHttpConfig(cases: readonly BenchCase[], operations: Record<string, SpecOperation>, answers: Record<string, string>, port: number): NodeHttpConfig {
  const routes = cases.map((c): NodeHttpRoute => {
    const op = operations[c.name];
    if (!op) throw new Error(`no spec operation for ${c.name}`);
    if (answers[c.name] === undefined) throw new Error(`no answer body for ${c.name}`);
    const credential = Object.entries(c.headers).find(([name]) => CREDENTIAL_HEADERS.has(name.toLowerCase()));
    return {
      name: c.name,
      method: c.method,
      path: c.path,
      template: op.template,
      ...(credential ? { credential: { header: credential[0].toLowerCase(), value: credential[1] } } : {}),
      ...(c.body !== undefined && op.bodySchema !== undefined ? { bodySchema: op.bodySchema } : {}),
      status: c.expectedStatus,
      body: answers[c.name],
      ...(c.createsState ? { creates: true } : {}),
    };
  });
  return { host: HOST, port, routes };
}

/**
 * The peer with a route for every case (all of them, whatever `--cases` says, as WireMock), the answers fetched
 * from the sandbox or, for a test, given; timed from spawn to the first 200 on the integrator.io GET.
 */
export async function startNodeHttp(tracker: ChildTracker, source: { sandbox: RunningServer } | { answers: Record<string, string> }): Promise<RunningServer> {
  const answers = 'answers' in source ? source.answers : await sandboxAnswers(source.sandbox, CASES);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-node-http-'));
  const removeDir = tracker.cleanup(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort(HOST);
  const configFile = path.join(dir, 'config.json');
  writeFileSync(configFile, `${JSON.stringify(nodeHttpConfig(CASES, await operationsOf(CASES), answers, port))}\n`);
  const url = `http://${HOST}:${port}`;
  // The bench's own node binary, so the floor is the same Node as the sandbox's.
  const args = [fromRoot('bench/node-http-peer.mjs'), configFile];
  return startPeerProcess(tracker, { label: NODE_HTTP_LABEL, command: process.execPath, args, url, cwd: fromRoot('.'), removeFiles: removeDir });
}
