import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ApiRuntime } from '../engine/api-runtime.js';
import { pickDocumented } from '../engine/spec/documented-responses.js';
import { HTTP_METHODS, type SpecOperation } from '../engine/spec/operation-index.js';
import { operationsOf } from '../engine/scenarios/scenario-loader.js';
import type { ScenarioRegistry } from '../engine/scenarios/scenario-registry.js';
import { fromRoot } from '../engine/paths.js';
import { SESSION_ID_PATTERN } from '../engine/sessions/session.js';

type Json = Record<string, any>;

/** Which scenario rules answer one documented response: `scenario` and, when the rule names one, `example`. */
export interface ScenarioReach {
  scenario: string;
  example?: string;
}

/**
 * The spec as the docs pages serve it: the file as written (its `$ref`s kept, so the renderer shows schema names),
 * with each response saying how the sandbox reaches it, `servers` pointing at this sandbox so "Try it out"
 * answers from the page's own origin, and the sandbox's own request headers on every operation so "Try it out" can
 * send them. Computed from the file on each call: the file itself is never changed (it says what the real API takes).
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
  addSandboxHeaders(spec, scenarioNamesOf(runtime, scenarios));
  spec.servers = [{ url: runtime.module.prefix, description: 'this sandbox' }];
  // A contact on the sandbox's default address (this project's own, the specs' `servers` address) is this sandbox,
  // on whichever port serves the page: the renderer resolves a path against the page's origin.
  const contact: Json | undefined = spec.info?.contact;
  if (typeof contact?.url === 'string' && contact.url.startsWith(`${DEFAULT_SPEC_ORIGIN}/`)) contact.url = contact.url.slice(DEFAULT_SPEC_ORIGIN.length);
  return spec;
}

/** The address the spec files name for the sandbox (`servers`, and the contact of the specs whose seed names none). */
const DEFAULT_SPEC_ORIGIN = 'http://127.0.0.1:4010';

/** `components/parameters` keys of the sandbox's headers; prefixed so they cannot meet a spec's own. */
const SANDBOX_HEADER_PARAMETERS = { session: 'SandboxSession', scenario: 'SandboxScenario', prefer: 'SandboxPrefer' } as const;

/**
 * `X-Mock-Session`, `X-Mock-Scenario` and `Prefer` as optional header parameters of every operation, defined once
 * in `components/parameters`. An operation (or its path item) that already declares one of these headers keeps its
 * own. [INF] No `example` or `default` on them: Swagger UI fills a parameter's example into the "Try it out" field,
 * and a pre-filled `Prefer` would force every answer the page asks for.
 */
function addSandboxHeaders(spec: Json, scenarioNames: string[]): void {
  const definitions: Record<keyof typeof SANDBOX_HEADER_PARAMETERS, Json> = {
    session: {
      name: 'X-Mock-Session',
      in: 'header',
      required: false,
      description:
        'Sandbox only: the real API does not take it. The session this request belongs to: its own state, journal and scenario counters, ' +
        'so a test run is isolated from others. Any id you choose (letters, digits, `._:~-`, up to 128); without it, the `default` session.',
      schema: { type: 'string', pattern: SESSION_ID_PATTERN.source },
    },
    scenario: {
      name: 'X-Mock-Scenario',
      in: 'header',
      required: false,
      description:
        'Sandbox only: the real API does not take it. A named scenario of this API for this request (`GET /__sandbox/scenarios` ' +
        "describes each): it wins over the session's sticky scenario, `Prefer` wins over it." +
        (scenarioNames.length ? '' : ' This API has no scenarios.'),
      schema: scenarioNames.length ? { type: 'string', enum: scenarioNames } : { type: 'string' },
    },
    prefer: {
      name: 'Prefer',
      in: 'header',
      required: false,
      description:
        "Sandbox only: the real API does not take it. Forces one documented response, as in Prism: `code=<status>` (e.g. `code=403`), " +
        '`example=<name>` (e.g. `example=already-linked`), `dynamic=true` (a schema-valid generated body), comma-separated ' +
        '(`code=403, example=already-linked`). State is not touched; an undocumented status or example answers 422.',
      schema: { type: 'string' },
    },
  };
  spec.components ??= {};
  spec.components.parameters ??= {};
  for (const [key, name] of Object.entries(SANDBOX_HEADER_PARAMETERS)) {
    if (spec.components.parameters[name]) throw new Error(`servedSpec: the spec already has a components/parameters/${name}`);
    spec.components.parameters[name] = definitions[key as keyof typeof SANDBOX_HEADER_PARAMETERS];
  }
  for (const item of Object.values((spec.paths ?? {}) as Record<string, Json>)) {
    const shared = declaredHeaders(spec, item.parameters);
    for (const [method, op] of Object.entries(item)) {
      if (!(HTTP_METHODS as readonly string[]).includes(method) || !op || typeof op !== 'object') continue;
      const declared = new Set([...shared, ...declaredHeaders(spec, op.parameters)]);
      const added = Object.entries(SANDBOX_HEADER_PARAMETERS)
        .filter(([key]) => !declared.has(definitions[key as keyof typeof SANDBOX_HEADER_PARAMETERS].name.toLowerCase()))
        .map(([, name]) => ({ $ref: `#/components/parameters/${name}` }));
      if (added.length) op.parameters = [...(op.parameters ?? []), ...added];
    }
  }
}

/** The header names (lower case: HTTP header names are case-insensitive) a `parameters` list declares. */
function declaredHeaders(spec: Json, parameters: unknown): string[] {
  if (!Array.isArray(parameters)) return [];
  return parameters
    .map((p) => resolveLocalRef(spec, p as Json))
    .filter((p) => p.in === 'header' && typeof p.name === 'string')
    .map((p) => (p.name as string).toLowerCase());
}

/** The scenario names `X-Mock-Scenario` takes on this API's operations, in the registry's order. */
function scenarioNamesOf(runtime: ApiRuntime, scenarios: ScenarioRegistry): string[] {
  return scenarios.names().filter((name) => scenarios.get(name)?.api === runtime.module.name);
}

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
