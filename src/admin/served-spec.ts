import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ApiRuntime } from '../engine/api-runtime.js';
import { pickDocumented } from '../engine/spec/documented-responses.js';
import type { SpecOperation } from '../engine/spec/operation-index.js';
import { operationsOf } from '../engine/scenarios/scenario-loader.js';
import type { ScenarioRegistry } from '../engine/scenarios/scenario-registry.js';
import { fromRoot } from '../engine/paths.js';

type Json = Record<string, any>;

/** Which scenario rules answer one documented response: `scenario` and, when the rule names one, `example`. */
export interface ScenarioReach {
  scenario: string;
  example?: string;
}

/**
 * The spec as the docs pages serve it: the file as written (its `$ref`s kept, so the renderer shows schema names),
 * with each response saying how the sandbox reaches it, and `servers` pointing at this sandbox so "Try it out"
 * answers from the page's own origin. Computed from the file on each call: the file itself is never changed.
 */
export function servedSpec(runtime: ApiRuntime, scenarios: ScenarioRegistry): Json {
  const spec = parse(readFileSync(fromRoot(runtime.module.specFile), 'utf8')) as Json;
  const reaches = scenarioReaches(runtime, scenarios);
  for (const op of runtime.operations) {
    const responses: Json | undefined = spec.paths?.[op.pathTemplate]?.[op.method]?.responses;
    if (!responses) continue;
    for (const [code, response] of Object.entries(responses)) {
      // A shared `components/responses` entry is inlined here, since its note differs per operation.
      const inlined = { ...resolveLocalRef(spec, response as Json) };
      inlined.description = [inlined.description, reachNote(reaches.get(`${op.operationId} ${code}`))].filter(Boolean).join('\n\n');
      responses[code] = inlined;
    }
  }
  spec.servers = [{ url: runtime.module.prefix, description: 'this sandbox' }];
  // A contact on the sandbox's default address (this project's own, the specs' `servers` address) is this sandbox,
  // on whichever port serves the page: the renderer resolves a path against the page's origin.
  const contact: Json | undefined = spec.info?.contact;
  if (typeof contact?.url === 'string' && contact.url.startsWith(`${DEFAULT_SPEC_ORIGIN}/`)) contact.url = contact.url.slice(DEFAULT_SPEC_ORIGIN.length);
  return spec;
}

/** The address the spec files name for the sandbox (`servers`, and the contact of the specs whose seed names none). */
const DEFAULT_SPEC_ORIGIN = 'http://127.0.0.1:4010';

/** `operationId status` → the scenario rules that answer it, as the response shaper would pick them. */
export function scenarioReaches(runtime: ApiRuntime, scenarios: ScenarioRegistry): Map<string, ScenarioReach[]> {
  const reaches = new Map<string, ScenarioReach[]>();
  const known = runtime.operations.map((op) => op.operationId);
  const add = (op: SpecOperation, status: number, reach: ScenarioReach) => {
    const key = `${op.operationId} ${status}`;
    const list = reaches.get(key) ?? [];
    if (!list.some((r) => r.scenario === reach.scenario && r.example === reach.example)) list.push(reach);
    reaches.set(key, list);
  };
  for (const name of scenarios.names()) {
    const scenario = scenarios.get(name)!;
    if (scenario.api !== runtime.module.name) continue;
    for (const rule of scenario.rules) {
      for (const operationId of operationsOf(rule, known)) {
        const op = runtime.operations.find((o) => o.operationId === operationId);
        if (!op) continue;
        // The same picks the shaper makes: a wildcard rule skips operations that do not document its answer.
        const wishes = [rule.respond && { code: rule.respond.status, example: rule.respond.example }, rule.rateLimit && { code: 429 }];
        for (const wish of wishes) {
          if (!wish) continue;
          const pick = pickDocumented(op, wish);
          if (pick.ok) add(op, pick.status, { scenario: name, example: wish.example });
        }
      }
    }
  }
  return reaches;
}

function reachNote(reaches: ScenarioReach[] | undefined): string {
  if (!reaches?.length) return 'Reached in the sandbox through state.';
  const named = reaches.map((r) => `\`${r.scenario}\`${r.example ? ` (example \`${r.example}\`)` : ''}`);
  return `Reached in the sandbox by scenario${named.length > 1 ? 's' : ''} ${named.join(', ')}.`;
}

function resolveLocalRef(spec: Json, value: Json, depth = 0): Json {
  const ref = value.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || depth > 10) return value;
  const target = ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Json | undefined>((node, part) => node?.[part], spec);
  return target ? resolveLocalRef(spec, target, depth + 1) : value;
}
