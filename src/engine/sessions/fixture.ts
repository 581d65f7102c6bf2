import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';
import { fromRoot } from '../paths.js';
import { ajvForBodies } from '../spec/ajv-instances.js';

export type Fixture = Record<string, unknown>;

/** The shipped default fixture, relative to the package root. */
export const DEFAULT_FIXTURE_FILE = 'scenarios/default.yaml';
/** What each API's section may hold; a scenario's `setup` is checked against its API's section too. */
export const FIXTURE_SCHEMA_FILE = 'scenarios/fixture.schema.json';

/** A fixture file that cannot be used: start-up stops on it, a reload keeps the last good one. */
export class FixtureError extends Error {
  constructor(readonly file: string, readonly where: string, readonly problem: string) {
    super(`${file}: ${where || '(top)'}: ${problem}`);
  }
}

/** Where a value breaks the fixture schema (a JSON pointer into it) and why, in words. */
export interface SchemaProblem {
  where: string;
  problem: string;
}

/**
 * The default fixture: each API's section seeds that API's state in every new session.
 * [INF] Without `file`, the shipped one (package root); a file the caller names resolves against the current
 * directory, as every path a user gives does, so an installed package reads the user's file, not its own.
 */
export function loadFixture(file?: string): Fixture {
  const shown = file ?? DEFAULT_FIXTURE_FILE;
  const doc = parseDocument(readFileSync(file === undefined ? fromRoot(DEFAULT_FIXTURE_FILE) : path.resolve(file), 'utf8'));
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    throw new FixtureError(shown, `line ${error.linePos?.[0].line ?? '?'}`, `not valid YAML: ${error.message.split('\n')[0]}`);
  }
  const parsed = doc.toJS() as unknown;
  if (!isMapping(parsed)) throw new FixtureError(shown, '', 'the fixture must be a YAML mapping of API names');
  // [INF] The shipped fixture is checked by the test suite (test/engine/fixture-schema.test.ts), so start-up skips
  // compiling the schema for it: ~95 ms, a fifth of the time to the first answer. A user's file is always checked.
  if (file === undefined) return parsed;
  const { schema, validate } = fixtureSchema();
  const found = firstProblem(validate, parsed, schema, schema);
  if (found) throw new FixtureError(shown, found.where, found.problem);
  return parsed;
}

/**
 * How `section` breaks the schema of `api`'s fixture section, if it does. [INF] An API the schema does not describe
 * (a module passed to createSandbox by its caller) is not checked: its createState is the only judge of its data.
 */
export function checkFixtureSection(api: string, section: unknown): SchemaProblem | undefined {
  const { schema } = fixtureSchema();
  const ref = Object.hasOwn(schema.properties, api) ? schema.properties[api].$ref : undefined;
  if (ref === undefined) return undefined;
  const validate = ajvForBodies().getSchema(`${schema.$id}${ref}`)!;
  return firstProblem(validate, section, resolve(schema.properties[api], schema)!, schema);
}

interface SchemaNode {
  $id?: string;
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  $defs?: Record<string, SchemaNode>;
}
type FixtureSchema = SchemaNode & { $id: string; properties: Record<string, { $ref: string }> };

let compiled: { schema: FixtureSchema; validate: ValidateFunction } | undefined;

/** Compiled once, on the instance the scenario schema uses: Ajv holds one schema per `$id`. */
function fixtureSchema(): { schema: FixtureSchema; validate: ValidateFunction } {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(fromRoot(FIXTURE_SCHEMA_FILE), 'utf8')) as FixtureSchema;
    compiled = { schema, validate: ajvForBodies().compile(schema) };
  }
  return compiled;
}

/**
 * The first error only, [INF] like the scenario loader: with `allErrors` one typo can be reported several ways, and
 * one line naming one path is what a user fixes first.
 */
function firstProblem(validate: ValidateFunction, value: unknown, base: SchemaNode, whole: FixtureSchema): SchemaProblem | undefined {
  if (validate(value)) return undefined;
  const error = validate.errors![0];
  return { where: error.instancePath, problem: reasonFor(error, base, whole) };
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

/** Ajv's error in the words of a YAML file's author: mappings and lists, the key that is wrong, the values allowed. */
function reasonFor(error: ErrorObject, base: SchemaNode, whole: FixtureSchema): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      // The fixture's own top level: the message the loader has always given for a section that is not a mapping.
      if (base === whole && /^\/[^/]+$/.test(error.instancePath)) return "an API's section must be a mapping";
      const types = String(params.type).split(',');
      return `must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`;
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(resolve(schemaAt(base, error.instancePath, whole), whole)?.properties ?? {});
      if (base === whole && error.instancePath === '') return `unknown API "${key}" (the sections are ${known.join(', ')})`;
      return `unknown key "${key}"${known.length > 0 ? ` (known keys: ${known.join(', ')})` : ''}`;
    }
    case 'required':
      return `missing required key "${String(params.missingProperty)}"`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters`;
    case 'minimum':
      return `must be at least ${String(params.limit)}`;
    case 'maximum':
      // Only ids carry this limit: beyond it a YAML number has already lost digits before String() sees it.
      if (params.limit === Number.MAX_SAFE_INTEGER) return 'is too large a number to keep every digit: quote it';
      return `must be at most ${String(params.limit)}`;
    case 'format':
      return params.format === 'date-time' ? 'must be an ISO 8601 date-time (like 2017-08-01T09:00:00.000Z)' : `must be a valid ${String(params.format)}`;
    default:
      return error.message ?? 'is not valid';
  }
}

/** The schema node that describes the value at `pointer`, walking properties, map values and list items. */
function schemaAt(base: SchemaNode, pointer: string, whole: FixtureSchema): SchemaNode | undefined {
  let node = resolve(base, whole);
  for (const segment of pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (!node) return undefined;
    const next = node.properties && Object.hasOwn(node.properties, segment) ? node.properties[segment] : typeof node.additionalProperties === 'object' ? node.additionalProperties : node.items;
    node = next && resolve(next, whole);
  }
  return node;
}

/** The node a same-file `$ref` (`#/$defs/<name>`) points at, or the node itself. */
function resolve(node: SchemaNode | undefined, whole: FixtureSchema): SchemaNode | undefined {
  const name = node?.$ref?.startsWith('#/$defs/') ? node.$ref.slice('#/$defs/'.length) : undefined;
  return name === undefined ? node : whole.$defs?.[name];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
