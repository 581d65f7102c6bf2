import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_FIXTURE_STATE } from '../admin/provider-states.js';
import { fromRoot } from '../engine/spec-loader.js';

/** What a provider state means, for a partner who must set it up: the scenario's description, or the fixture's. */
export function describeProviderState(state: string): string {
  if (state === DEFAULT_FIXTURE_STATE) return 'the data of scenarios/default.yaml, nothing else';
  const file = fromRoot(`scenarios/${state}.yaml`);
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(state) || !existsSync(file)) return 'not a sandbox scenario: see the pact';
  const scenario = parse(readFileSync(file, 'utf8')) as { description?: string };
  return scenario.description ?? '';
}
