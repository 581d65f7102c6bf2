import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../engine/paths.js';

export const PACT_DIR = 'pacts';

/** What one interaction sends the provider and expects back: what `verify --list` shows a partner it must hold. */
export interface PactInteraction {
  description: string;
  states: string[];
  /** The params of each state, by state name, when the pact gives any. */
  stateParams: Record<string, Record<string, unknown>>;
  request: {
    method: string;
    path: string;
    query: Record<string, string[]>;
    headers: Record<string, string[]>;
    body?: unknown;
  };
  status: number;
}

/** What a pact file holds, as far as a partner needs to know before verifying against it. */
export interface PactSummary {
  name: string;
  file: string;
  consumer: string;
  provider: string;
  interactions: PactInteraction[];
  /** Every provider state the interactions need: the partner's state-change endpoint must set these up. */
  providerStates: string[];
}

/** A pact file that cannot be verified, said in one line (the CLI prints it as is). */
export class BadPactError extends Error {}

interface PactFileInteraction {
  description?: unknown;
  type?: unknown;
  providerStates?: { name?: unknown; params?: unknown }[];
  request?: { method?: unknown; path?: unknown; query?: unknown; headers?: unknown; body?: { content?: unknown } };
  response?: { status?: unknown };
}

export function readPact(file: string): PactSummary {
  const name = path.basename(file, '.json');
  const fail = (why: string) => new BadPactError(`${file} is not a pact this command can verify: ${why}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BadPactError(`cannot read pact ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let pact: { consumer?: { name?: unknown }; provider?: { name?: unknown }; interactions?: unknown };
  try {
    pact = JSON.parse(text) as typeof pact;
  } catch (err) {
    throw fail(`not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof pact !== 'object' || pact === null) throw fail('not a JSON object');
  if (typeof pact.consumer?.name !== 'string' || typeof pact.provider?.name !== 'string') throw fail('no consumer.name or provider.name');
  if (!Array.isArray(pact.interactions) || pact.interactions.length === 0) throw fail('no interactions');
  const interactions = (pact.interactions as PactFileInteraction[]).map((i, n) => toInteraction(i, n, fail));
  return {
    name,
    file,
    consumer: pact.consumer.name,
    provider: pact.provider.name,
    interactions,
    providerStates: [...new Set(interactions.flatMap((i) => i.states))],
  };
}

function toInteraction(i: PactFileInteraction, n: number, fail: (why: string) => Error): PactInteraction {
  // [INF] Only HTTP interactions: the verifier command talks HTTP to the partner; a message pact needs their own tooling.
  if (typeof i?.description !== 'string') throw fail(`interaction ${n} has no description`);
  if (i.type !== undefined && i.type !== 'Synchronous/HTTP') throw fail(`"${i.description}" is a ${String(i.type)} interaction, not HTTP`);
  if (typeof i.request?.method !== 'string' || typeof i.request.path !== 'string') throw fail(`"${i.description}" has no request method and path`);
  if (typeof i.response?.status !== 'number') throw fail(`"${i.description}" has no response status`);
  const given = (i.providerStates ?? []).filter((s): s is { name: string; params?: unknown } => typeof s?.name === 'string');
  return {
    description: i.description,
    states: given.map((s) => s.name),
    stateParams: Object.fromEntries(given.filter((s) => isRecord(s.params) && Object.keys(s.params).length > 0).map((s) => [s.name, s.params as Record<string, unknown>])),
    request: {
      method: i.request.method,
      path: i.request.path,
      query: isRecord(i.request.query) ? (i.request.query as Record<string, string[]>) : {},
      headers: isRecord(i.request.headers) ? (i.request.headers as Record<string, string[]>) : {},
      body: i.request.body?.content,
    },
    status: i.response.status,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The pacts this package ships. */
export function shippedPacts(dir = fromRoot(PACT_DIR)): PactSummary[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readPact(path.join(dir, f)));
}

/** A shipped pact by name (`centurylink-marketplace-saas-provider`), by provider name, or a path to a pact file. */
export function resolvePact(nameOrFile: string): PactSummary {
  if (nameOrFile.endsWith('.json')) return readPact(path.resolve(nameOrFile));
  const pacts = shippedPacts();
  const found = pacts.filter((p) => p.name === nameOrFile || p.provider === nameOrFile);
  if (found.length === 1) return found[0];
  const choices = pacts.map((p) => p.name).join(', ');
  throw new BadPactError(found.length ? `"${nameOrFile}" names several pacts; choose one of: ${choices}` : `no shipped pact named "${nameOrFile}"; choose one of: ${choices}`);
}
