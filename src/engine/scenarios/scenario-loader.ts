import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import { ajvForBodies } from '../spec/ajv-instances.js';
import type { ApiRuntime } from '../api-runtime.js';
import { pickDocumented } from '../spec/documented-responses.js';
import { fromRoot } from '../paths.js';
import { checkFixtureSection } from '../sessions/fixture.js';
import type { Scenario, ScenarioFile, ScenarioRule } from './scenario-types.js';

export const SCENARIO_DIR = 'scenarios';
export const SCENARIO_SCHEMA_FILE = 'scenarios/scenario.schema.json';

/** A scenario file that cannot be used; start-up stops on it. */
export class ScenarioError extends Error {
  constructor(readonly file: string, readonly where: string, readonly problem: string) {
    super(`${file}: ${where || '(top)'}: ${problem}`);
  }
}

/**
 * Every `<dir>/<api>/<name>.yaml`, checked against the schema and against the API's spec.
 * [INF] Without `dir`, the shipped `scenarios/` (package root); a folder the caller names resolves against the
 * current directory, like every path a user gives. Files are named in errors as the caller wrote the folder.
 */
export function loadScenarios(runtimes: ApiRuntime[], dir?: string): Scenario[] {
  // [INF] The shipped scenarios are checked against both schemas by the test suite (fixture-schema.test.ts), so
  // start-up does not compile them for those; a folder the caller names is always checked. Their spec checks stay.
  const validate = dir === undefined ? undefined : scenarioSchemaValidator();
  const shownDir = dir ?? SCENARIO_DIR;
  const baseDir = scenarioDirPath(dir);
  const scenarios: Scenario[] = [];
  for (const runtime of runtimes) {
    const apiDir = path.join(baseDir, runtime.module.name);
    if (!existsSync(apiDir)) continue;
    // `proxy --record` writes, beside its scenarios, `*.example.yaml` (OpenAPI examples, for the spec) and
    // `*.drift.yaml` (recordings that do not fit the spec, for the user to decide on): neither is a scenario.
    for (const entry of readdirSync(apiDir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.example.yaml') && !f.endsWith('.drift.yaml')).sort()) {
      const file = path.join(shownDir, runtime.module.name, entry);
      const parsed = readScenarioFile(path.join(apiDir, entry), file);
      if (validate && !validate(parsed)) {
        const error = validate.errors![0];
        throw new ScenarioError(file, error.instancePath, `${error.message}${error.params && 'allowedValues' in error.params ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : ''}`);
      }
      if (validate) checkSetup(file, runtime.module.name, parsed as ScenarioFile);
      scenarios.push(checkAgainstSpec(file, `${runtime.module.name}/${entry.replace(/\.yaml$/, '')}`, parsed as ScenarioFile, runtime));
    }
  }
  return scenarios;
}

/** A setup is laid over the API's fixture section, so it must be what that section may hold (scenarios/fixture.schema.json). */
function checkSetup(file: string, api: string, parsed: ScenarioFile): void {
  if (parsed.setup === undefined) return;
  const found = checkFixtureSection(api, parsed.setup);
  if (found) throw new ScenarioError(file, `/setup${found.where}`, found.problem);
}

let compiledSchema: ValidateFunction | undefined;

/** Compiled once: the schema has an `$id`, and Ajv holds one schema per id. */
function scenarioSchemaValidator(): ValidateFunction {
  return (compiledSchema ??= ajvForBodies().compile(JSON.parse(readFileSync(fromRoot(SCENARIO_SCHEMA_FILE), 'utf8')) as object));
}

/** Where a scenario folder is on disk: the shipped one from the package root, a given one from the current directory. */
export function scenarioDirPath(dir?: string): string {
  return dir === undefined ? fromRoot(SCENARIO_DIR) : path.resolve(dir);
}

function readScenarioFile(absolute: string, file: string): unknown {
  const doc = parseDocument(readFileSync(absolute, 'utf8'));
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw new ScenarioError(file, `line ${error.linePos?.[0].line ?? '?'}`, `not valid YAML: ${error.message.split('\n')[0]}`);
  }
  return doc.toJS();
}

function checkAgainstSpec(file: string, name: string, parsed: ScenarioFile, runtime: ApiRuntime): Scenario {
  const known = runtime.operations.map((op) => op.operationId);
  const rules = parsed.rules ?? [];
  const touched = new Set<string>();
  rules.forEach((rule, i) => {
    for (const operationId of operationsOf(rule, known)) {
      const op = runtime.operations.find((o) => o.operationId === operationId);
      if (!op) throw new ScenarioError(file, `/rules/${i}/operation`, `${runtime.module.name} has no operation "${operationId}" (it has: ${known.join(', ')})`);
      touched.add(operationId);
      checkRule(file, i, rule, op, rule.operation === '*');
    }
  });
  return { ...parsed, name, api: runtime.module.name, file, rules, operations: [...touched] };
}

function checkRule(file: string, i: number, rule: ScenarioRule, op: Parameters<typeof pickDocumented>[0], wildcard: boolean): void {
  if (rule.respond) {
    const pick = pickDocumented(op, { code: rule.respond.status, example: rule.respond.example });
    // A wildcard rule may name a status only some operations document; those answer normally.
    if (!pick.ok && !wildcard) {
      const documented = pick.documented.map((d) => `${d.status}${d.examples.length ? ` (${d.examples.join(', ')})` : ''}`).join('; ');
      throw new ScenarioError(file, `/rules/${i}/respond`, `${pick.reason}; it documents ${documented}`);
    }
    if (pick.ok && rule.respond.body !== undefined) checkInlineBody(file, i, op.operationId, pick, rule.respond.body);
  }
  if (rule.rateLimit && !wildcard && !pickDocumented(op, { code: 429 }).ok) {
    throw new ScenarioError(file, `/rules/${i}/rateLimit`, `${op.operationId} documents no 429 to answer with`);
  }
}

const bodyValidators = new WeakMap<object, ValidateFunction>();

/** An inline `respond.body` must be what the operation documents for that status, or the sandbox would answer off-spec. */
function checkInlineBody(file: string, i: number, operationId: string, pick: Extract<ReturnType<typeof pickDocumented>, { ok: true }>, body: unknown): void {
  const where = `/rules/${i}/respond/body`;
  if (!pick.mediaType) throw new ScenarioError(file, where, `${operationId} ${pick.status} is documented without a body`);
  const schema = (pick.schema ?? {}) as object;
  let validate = bodyValidators.get(schema);
  if (!validate) bodyValidators.set(schema, (validate = ajvForBodies().compile(schema)));
  if (validate(body)) return;
  const reasons = (validate.errors ?? []).slice(0, 5).map((e) => `body${e.instancePath} ${e.message ?? 'is invalid'}`);
  throw new ScenarioError(file, where, `does not fit the schema of ${operationId} ${pick.status} (${pick.mediaType}): ${reasons.join('; ')}`);
}

export function operationsOf(rule: ScenarioRule, all: string[]): string[] {
  if (rule.operation === '*') return all;
  return Array.isArray(rule.operation) ? rule.operation : [rule.operation];
}
