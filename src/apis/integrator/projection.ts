import { isObject } from './json-object.js';

/**
 * `include` / `exclude` on integrator.io lists. [SRC] The docs' summary projection keeps `_id` and `name` whatever
 * `include` names, and field names may use dot notation (`settings.commonresources`). [INF] `_id` is never
 * excluded (as MongoDB projections keep it); an empty `include=` or `exclude=` is no projection at all.
 */
export interface Projection {
  include?: string[];
  exclude?: string[];
}

const ALWAYS_INCLUDED = ['_id', 'name'];

/** The projection a request asks for; `both` when it names fields in `include` and in `exclude`. */
export function projectionOf(include: unknown, exclude: unknown): Projection | 'both' {
  const inc = fieldList(include);
  const exc = fieldList(exclude);
  if (inc && exc) return 'both';
  return inc ? { include: inc } : exc ? { exclude: exc } : {};
}

function fieldList(value: unknown): string[] | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return value.split(',');
}

/**
 * The document as projected. Values are not copied where they are kept whole: stored documents are never changed
 * in place, and the engine serialises the answer.
 */
export function project<T extends object>(doc: T, projection: Projection): Record<string, unknown> | T {
  if (projection.include) return includeOnly(doc as Record<string, unknown>, [...ALWAYS_INCLUDED, ...projection.include]);
  if (projection.exclude) return excludeAll(doc as Record<string, unknown>, projection.exclude.filter((f) => f !== '_id'));
  return doc;
}

function includeOnly(doc: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) copyPath(doc, out, field.split('.'));
  return out;
}

function copyPath(from: Record<string, unknown>, to: Record<string, unknown>, path: string[]): void {
  const [key, ...rest] = path;
  if (!Object.hasOwn(from, key)) return;
  const value = from[key];
  if (rest.length === 0) {
    to[key] = value;
    return;
  }
  if (!isObject(value)) return;
  const existing = to[key];
  // A parent kept whole by another field of the list stays whole.
  if (existing === value) return;
  const target = isObject(existing) ? existing : (to[key] = {});
  copyPath(value, target as Record<string, unknown>, rest);
}

function excludeAll(doc: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  let out: Record<string, unknown> = { ...doc };
  for (const field of fields) out = withoutPath(out, field.split('.'));
  return out;
}

// Copies only along the excluded path, so the stored document is left as it is.
function withoutPath(doc: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const [key, ...rest] = path;
  if (!Object.hasOwn(doc, key)) return doc;
  const { [key]: value, ...others } = doc;
  if (rest.length === 0) return others;
  if (!isObject(value)) return doc;
  return { ...doc, [key]: withoutPath(value, rest) };
}

/** The query parameters that carry a projection on to the next page (`Link`). */
export function projectionParams(projection: Projection): Record<string, string> {
  if (projection.include) return { include: projection.include.join(',') };
  if (projection.exclude) return { exclude: projection.exclude.join(',') };
  return {};
}
