/** Every server process of a run: started one at a time, stopped in the order they depend on each other. */
import { requestFor, startupProbe, type ApiName, type BenchCase } from '../cases.js';
import { log } from '../log.js';
import type { Options } from '../options.js';
import type { ServerKind } from '../types.js';
import type { ChildTracker } from './children.js';
import type { ProbeRequest } from './probe.js';
import { startRedis } from './redis.js';
import { startPrismServer, startSandbox, type RunningServer } from './servers.js';

export interface Fleet {
  sandbox: RunningServer;
  redis: RunningServer | undefined;
  replicas: RunningServer[];
  prisms: Map<ApiName, RunningServer>;
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
  const prisms = await startPrisms(options.withPrism ? apis : [], tracker);
  return { sandbox, redis, replicas, prisms };
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

async function startPrisms(apis: ApiName[], tracker: ChildTracker): Promise<Map<ApiName, RunningServer>> {
  const prisms = new Map<ApiName, RunningServer>();
  for (const api of apis) {
    log(`starting Prism on specs/${api}.yaml…`);
    const prism = await startPrismServer(tracker, api, startupProbe(api), 200);
    prisms.set(api, prism);
    log(`prism:${api}: first 200 after ${Math.round(prism.startupMs)} ms ("listening" after ${Math.round(prism.listeningMs ?? 0)} ms)`);
  }
  return prisms;
}

/** Every process, in the order of the servers table. */
export function everyProcess(f: Fleet): RunningServer[] {
  return [f.sandbox, ...(f.redis ? [f.redis] : []), ...f.replicas, ...f.prisms.values()];
}

export async function stopFleet(f: Fleet): Promise<void> {
  // Redis last: the replicas use it until they stop.
  await Promise.all(everyProcess(f).filter((s) => s !== f.redis).map((s) => s.stop()));
  await f.redis?.stop();
}

/** The processes one kind of server is for a case: one, or every replica. */
export function serversFor(f: Fleet, c: BenchCase, kind: ServerKind): RunningServer[] {
  return kind === 'sandbox' ? [f.sandbox] : kind === 'replicas' ? f.replicas : [f.prisms.get(c.api)!];
}

export function requestOf(c: BenchCase, kind: ServerKind): ProbeRequest {
  return requestFor(c, kind === 'prism' ? 'prism' : 'sandbox');
}

export function sessionsFor(kind: ServerKind, sessions: number): number | undefined {
  return kind !== 'prism' && sessions > 0 ? sessions : undefined;
}
