/** Every server process of a run: started one at a time, stopped in the order they depend on each other. */
import { requestFor, startupProbe, type ApiName, type BenchCase } from '../cases.js';
import { log } from '../log.js';
import type { Options } from '../options.js';
import type { ServerKind } from '../types.js';
import type { ChildTracker } from './children.js';
import { pinTree } from './pin.js';
import type { ProbeRequest } from './probe.js';
import { startRedis } from './redis.js';
import { startPrismServer, startSandbox, type RunningServer } from './servers.js';
import { NODE_HTTP_LABEL, startNodeHttp } from './node-http.js';
import { startWiremock } from './wiremock.js';

export interface Fleet {
  sandbox: RunningServer;
  redis: RunningServer | undefined;
  replicas: RunningServer[];
  prisms: Map<ApiName, RunningServer>;
  /** `--peers prism-silent`: Prism with `-v silent`, one process per spec as for Prism. */
  silentPrisms: Map<ApiName, RunningServer>;
  /** `--peers wiremock-nojournal`: one WireMock serving every case. */
  wiremock: RunningServer | undefined;
  /** `--peers node-http`: one bare node:http process serving every case. */
  nodeHttp: RunningServer | undefined;
}

/** Start-ups one at a time, nothing else running, so each is measured alone. */
export async function startFleet(options: Options, tracker: ChildTracker): Promise<Fleet> {
  const probe = startupProbe('integrator');
  const sandboxProbe = { ...probe, path: `/integrator${probe.path}` };
  log(`starting the sandbox (4 specs${options.store === 'redis' ? ', sessions in memory' : ''})…`);
  const sandbox = await startSandbox(tracker, sandboxProbe, 200, { store: 'memory' });
  log(`sandbox: first 200 after ${Math.round(sandbox.startupMs)} ms`);
  const { redis, replicas } = options.store === 'redis' ? await startReplicas(options.replicas, tracker, sandboxProbe) : { redis: undefined, replicas: [] };
  const apis = [...new Set(options.cases.map((c) => c.api))] as ApiName[];
  const prisms = await startPrisms(options.peers.includes('prism') ? apis : [], tracker);
  const silentPrisms = await startPrisms(options.peers.includes('prism-silent') ? apis : [], tracker, { silent: true });
  let wiremock: RunningServer | undefined;
  if (options.peers.includes('wiremock-nojournal')) {
    log('starting WireMock (--no-request-journal, stubs for every case)…');
    wiremock = await startWiremock(tracker, sandbox);
    log(`wiremock-nojournal: first 200 after ${Math.round(wiremock.startupMs)} ms`);
  }
  let nodeHttp: RunningServer | undefined;
  if (options.peers.includes('node-http')) {
    log('starting the node-http peer (bare node:http, a route for every case)…');
    nodeHttp = await startNodeHttp(tracker, { sandbox });
    log(`${NODE_HTTP_LABEL}: first 200 after ${Math.round(nodeHttp.startupMs)} ms`);
  }
  const fleet = { sandbox, redis, replicas, prisms, silentPrisms, wiremock, nodeHttp };
  if (options.pin) {
    // After the start-ups (timed alone, as before): each server's process tree onto the server core, and this
    // process, which drains Prism's logs and runs autocannon, onto the load generator's.
    for (const s of everyProcess(fleet)) pinTree(s.pid, options.pin.server);
    pinTree(process.pid, options.pin.loadgen);
    log(`pinned: servers on core ${options.pin.server}, the load generator on core ${options.pin.loadgen} (taskset)`);
  }
  return fleet;
}

async function startReplicas(count: number, tracker: ChildTracker, probe: ProbeRequest): Promise<{ redis: RunningServer; replicas: RunningServer[] }> {
  log('starting redis-server (no persistence, own temp dir)…');
  const redis = await startRedis(tracker);
  log(`redis: PONG after ${Math.round(redis.startupMs)} ms on ${redis.url}`);
  const replicas: RunningServer[] = [];
  for (let i = 1; i <= count; i++) {
    log(`starting replica-${i} (--store ${redis.url})…`);
    const replica = await startSandbox(tracker, probe, 200, { label: `replica-${i}`, store: redis.url });
    replicas.push(replica);
    log(`replica-${i}: first 200 after ${Math.round(replica.startupMs)} ms`);
  }
  return { redis, replicas };
}

async function startPrisms(apis: ApiName[], tracker: ChildTracker, options: { silent?: boolean } = {}): Promise<Map<ApiName, RunningServer>> {
  const prisms = new Map<ApiName, RunningServer>();
  for (const api of apis) {
    log(`starting Prism${options.silent ? ' -v silent' : ''} on specs/${api}.yaml…`);
    const prism = await startPrismServer(tracker, api, startupProbe(api), 200, options);
    prisms.set(api, prism);
    const listening = prism.listeningMs === undefined ? '' : ` ("listening" after ${Math.round(prism.listeningMs)} ms)`;
    log(`${prism.label}: first 200 after ${Math.round(prism.startupMs)} ms${listening}`);
  }
  return prisms;
}

/** Every process, in the order of the servers table. */
export function everyProcess(f: Fleet): RunningServer[] {
  return [f.sandbox, ...(f.redis ? [f.redis] : []), ...f.replicas, ...f.prisms.values(), ...f.silentPrisms.values(), ...(f.wiremock ? [f.wiremock] : []), ...(f.nodeHttp ? [f.nodeHttp] : [])];
}

export async function stopFleet(f: Fleet): Promise<void> {
  // Redis last: the replicas use it until they stop.
  await Promise.all(everyProcess(f).filter((s) => s !== f.redis).map((s) => s.stop()));
  await f.redis?.stop();
}

/** The processes one kind of server is for a case: one, or every replica. */
export function serversFor(f: Fleet, c: BenchCase, kind: ServerKind): RunningServer[] {
  switch (kind) {
    case 'sandbox':
      return [f.sandbox];
    case 'replicas':
      return f.replicas;
    case 'prism':
      return [f.prisms.get(c.api)!];
    case 'prism-silent':
      return [f.silentPrisms.get(c.api)!];
    case 'wiremock-nojournal':
      return [f.wiremock!];
    case 'node-http':
      return [f.nodeHttp!];
  }
}

export function requestOf(c: BenchCase, kind: ServerKind): ProbeRequest {
  return requestFor(c, kind === 'sandbox' || kind === 'replicas' ? 'sandbox' : kind === 'prism' || kind === 'prism-silent' ? 'prism' : 'peer');
}

/** Sessions are the sandbox's: no peer has them. */
export function sessionsFor(kind: ServerKind, sessions: number): number | undefined {
  return (kind === 'sandbox' || kind === 'replicas') && sessions > 0 ? sessions : undefined;
}
