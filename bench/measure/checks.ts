import type { BenchCase } from '../cases.js';
import type { ServerKind } from '../types.js';
import { requestOf, serversFor, type Fleet } from './fleet.js';
import { httpRequest } from './probe.js';
import type { RunningServer } from './servers.js';

export async function checkAnswers(fleet: Fleet, cases: BenchCase[], kinds: ServerKind[]): Promise<void> {
  for (const c of cases) {
    for (const kind of kinds) {
      for (const server of serversFor(fleet, c, kind)) {
        const res = await httpRequest(server.url, requestOf(c, kind));
        if (res.status !== c.expectedStatus) throw new Error(`${c.name} on ${server.label}: expected ${c.expectedStatus}, got ${res.status} ${res.body.slice(0, 500)}`);
      }
    }
  }
}

/**
 * An integration created on the first replica (in a session of its own) must be readable on every other one, or
 * the replicas are not sharing a store and the comparison would mean nothing. The session is reset afterwards.
 */
export async function checkSharing(replicas: RunningServer[]): Promise<void> {
  const session = { 'x-mock-session': 'bench-sharing-check' };
  const auth = { authorization: 'Bearer integrator-sandbox-token' };
  const body = JSON.stringify({ name: 'bench sharing check' });
  const created = await httpRequest(replicas[0].url, { method: 'POST', path: '/integrator/v1/integrations', headers: { ...auth, ...session, 'content-type': 'application/json' }, body });
  if (created.status !== 201) throw new Error(`sharing check: create on ${replicas[0].label} answered ${created.status} ${created.body.slice(0, 300)}`);
  const id = (JSON.parse(created.body) as { _id: string })._id;
  for (const other of replicas.slice(1)) {
    const read = await httpRequest(other.url, { method: 'GET', path: `/integrator/v1/integrations/${id}`, headers: { ...auth, ...session } });
    if (read.status !== 200) throw new Error(`sharing check: ${other.label} cannot see the integration ${replicas[0].label} created (${read.status}): are they on one store?`);
  }
  const reset = await httpRequest(replicas[0].url, { method: 'POST', path: '/__sandbox/reset?session=bench-sharing-check', headers: {} });
  if (reset.status !== 200) throw new Error(`sharing check: reset answered ${reset.status} ${reset.body.slice(0, 300)}`);
}
