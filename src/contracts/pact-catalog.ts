import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from '../engine/spec-loader.js';

export const PACT_DIR = 'pacts';

/** What a pact file holds, as far as a partner needs to know before verifying against it. */
export interface PactSummary {
  name: string;
  file: string;
  consumer: string;
  provider: string;
  interactions: { description: string; states: string[] }[];
  /** Every provider state the interactions need: the partner's state-change endpoint must set these up. */
  providerStates: string[];
}

interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: { description: string; providerStates?: { name: string }[] }[];
}

export function readPact(file: string): PactSummary {
  const pact = JSON.parse(readFileSync(file, 'utf8')) as PactFile;
  const interactions = pact.interactions.map((i) => ({ description: i.description, states: (i.providerStates ?? []).map((s) => s.name) }));
  return {
    name: path.basename(file, '.json'),
    file,
    consumer: pact.consumer.name,
    provider: pact.provider.name,
    interactions,
    providerStates: [...new Set(interactions.flatMap((i) => i.states))],
  };
}

/** The pacts this package ships. */
export function shippedPacts(dir = fromRoot(PACT_DIR)): PactSummary[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readPact(path.join(dir, f)));
}

/** A shipped pact by name (`cloud66-cloud66-partner-landing`), by provider name, or a path to a pact file. */
export function resolvePact(nameOrFile: string): PactSummary {
  if (nameOrFile.endsWith('.json')) return readPact(path.resolve(nameOrFile));
  const pacts = shippedPacts();
  const found = pacts.filter((p) => p.name === nameOrFile || p.provider === nameOrFile);
  if (found.length === 1) return found[0];
  const choices = pacts.map((p) => p.name).join(', ');
  throw new Error(found.length ? `"${nameOrFile}" names several pacts; choose one of: ${choices}` : `no shipped pact named "${nameOrFile}"; choose one of: ${choices}`);
}
