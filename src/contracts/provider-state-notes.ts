import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_FIXTURE_STATE } from '../admin/provider-states.js';
import { fromRoot } from '../engine/paths.js';

/**
 * What a provider state means, for a partner who must set it up: where the sandbox takes it from (the default
 * fixture, a scenario's description). The records it holds are listed under it from the pact (state-data.ts):
 * a partner's own provider holds those, not the sandbox's YAML.
 */
export function describeProviderState(state: string): string {
  if (state === DEFAULT_FIXTURE_STATE) return "the sandbox's default fixture (scenarios/default.yaml); a provider of your own needs at least the records these interactions use";
  const file = fromRoot(`scenarios/${state}.yaml`);
  if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(state) || !existsSync(file)) return 'not a sandbox scenario: the interactions below show what it needs';
  const scenario = parse(readFileSync(file, 'utf8')) as { description?: string };
  return `sandbox scenario: ${scenario.description ?? state}`;
}
