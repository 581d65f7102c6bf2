import { isDeepStrictEqual } from 'node:util';

/**
 * The matchers a request pattern (request-search.ts) applies to one value: a header's, `shapedBy`, or the request
 * body. WireMock's names where it has one (`equalTo`, `contains`, `matches`, `absent`, `equalToJson`,
 * `matchesJsonPath`), so a pattern written for WireMock reads the same here; [INF] `matchesJsonPointer` is ours
 * (RFC 6901), since the specs' own validation problems name fields by JSON pointer.
 */

export type Test = (value: unknown) => boolean;
type Parsed = { ok: true; test: Test } | { ok: false; detail: string };

const VALUE_MATCHERS = ['equalTo', 'contains', 'matches', 'absent'] as const;
const BODY_MATCHERS = ['equalTo', 'contains', 'matches', 'equalToJson', 'matchesJsonPointer', 'matchesJsonPath'] as const;
/** A pattern's regular expression is the user's own; the bound keeps a typo from freezing the admin API on a long one. */
const MAX_REGEX_LENGTH = 500;

const fail = (detail: string): Parsed => ({ ok: false, detail });

/**
 * A text matcher: a string is `equalTo`; an object names one of `equalTo`, `contains`, `matches` (a regular
 * expression the whole value matches, as WireMock's does) or `absent: true`. A value that is not a string
 * (a number in a JSON body) is compared as its JSON text.
 */
export function valueMatcher(spec: unknown, what: string): Parsed {
  if (typeof spec === 'string') return { ok: true, test: (v) => v !== undefined && text(v) === spec };
  const entry = singleKey(spec, VALUE_MATCHERS, what);
  if (!entry.ok) return entry;
  const [kind, arg] = entry.pair;
  if (kind === 'absent') {
    if (arg !== true) return fail(`${what}: absent takes true`);
    return { ok: true, test: (v) => v === undefined };
  }
  if (typeof arg !== 'string') return fail(`${what}: ${kind} takes a string`);
  if (kind === 'equalTo') return { ok: true, test: (v) => v !== undefined && text(v) === arg };
  if (kind === 'contains') return { ok: true, test: (v) => v !== undefined && text(v).includes(arg) };
  const re = wholeRegex(arg, what);
  if (!re.ok) return re;
  return { ok: true, test: (v) => v !== undefined && re.re.test(text(v)) };
}

/**
 * A body matcher, or an array of them that must all match (WireMock's `bodyPatterns`): `equalToJson` (the same
 * JSON value, key order aside), `contains` / `equalTo` / `matches` on the body's JSON text, `matchesJsonPointer`
 * and `matchesJsonPath` (`"$.a.b[0]"`; with `equalTo`/`contains`/`matches` beside them, the value found must
 * match that too). The body is the journal's: parsed, secrets already redacted.
 */
export function bodyMatcher(spec: unknown): Parsed {
  if (Array.isArray(spec)) {
    const parts: Test[] = [];
    for (const [i, one] of spec.entries()) {
      const parsed = bodyMatcher(one);
      if (!parsed.ok) return fail(`body[${i}]: ${parsed.detail}`);
      parts.push(parsed.test);
    }
    return { ok: true, test: (v) => parts.every((t) => t(v)) };
  }
  if (!isRecord(spec)) return fail('body is a matcher object, e.g. {"matchesJsonPointer": "/name"} or {"equalToJson": {…}}, or an array of them');
  const keys = Object.keys(spec);
  const locator = keys.find((k) => k === 'matchesJsonPointer' || k === 'matchesJsonPath');
  if (locator) {
    const rest = keys.filter((k) => k !== locator);
    if (rest.length > 1 || (rest.length === 1 && !['equalTo', 'contains', 'matches'].includes(rest[0]))) {
      return fail(`body: beside ${locator} only one of equalTo, contains or matches`);
    }
    const find = locator === 'matchesJsonPointer' ? jsonPointer(spec[locator]) : jsonPath(spec[locator]);
    if (!find.ok) return fail(`body.${locator}: ${find.detail}`);
    if (rest.length === 0) return { ok: true, test: (v) => find.find(v).length > 0 };
    const value = valueMatcher({ [rest[0]]: spec[rest[0]] }, `body.${rest[0]}`);
    if (!value.ok) return value;
    return { ok: true, test: (v) => find.find(v).some(value.test) };
  }
  const entry = singleKey(spec, BODY_MATCHERS, 'body');
  if (!entry.ok) return entry;
  const [kind, arg] = entry.pair;
  if (kind === 'equalToJson') return { ok: true, test: (v) => v !== undefined && isDeepStrictEqual(v, arg) };
  return valueMatcher({ [kind]: arg }, 'body');
}

type Finder = { ok: true; find: (root: unknown) => unknown[] } | { ok: false; detail: string };

/** RFC 6901: `""` is the whole body, `/a/0/b` steps by key or array index, `~1` is `/` and `~0` is `~`. */
function jsonPointer(pointer: unknown): Finder {
  if (typeof pointer !== 'string' || (pointer !== '' && !pointer.startsWith('/'))) return { ok: false, detail: 'a JSON pointer is "" or starts with /, e.g. "/connection/type"' };
  const steps = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return {
    ok: true,
    find: (root) => {
      let at: unknown = root;
      for (const step of steps) {
        at = child(at, step);
        if (at === undefined) return [];
      }
      return at === undefined ? [] : [at];
    },
  };
}

/**
 * [INF] The part of JSONPath (RFC 9535) request patterns use: `$`, `.name`, `['name']`, `[0]`, `[*]` and `.*`.
 * Filters and recursive descent are refused by name rather than half-supported.
 */
function jsonPath(path: unknown): Finder {
  if (typeof path !== 'string' || !path.startsWith('$')) return { ok: false, detail: 'a JSONPath starts with $, e.g. "$.flows[0].name"' };
  const steps: string[] = [];
  const token = /^(?:\.([A-Za-z_$][\w$-]*)|\.\*|\[(\d+)\]|\[\*\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\])/;
  let rest = path.slice(1);
  while (rest.length > 0) {
    const m = token.exec(rest);
    if (!m) return { ok: false, detail: `${JSON.stringify(path)} uses more of JSONPath than patterns take ($, .name, ['name'], [0], [*])` };
    steps.push(m[1] ?? m[2] ?? m[3]?.replace(/\\(.)/g, '$1') ?? m[4]?.replace(/\\(.)/g, '$1') ?? '*');
    rest = rest.slice(m[0].length);
  }
  return {
    ok: true,
    find: (root) => {
      let found: unknown[] = root === undefined ? [] : [root];
      for (const step of steps) {
        found = found.flatMap((v) => (step === '*' ? every(v) : [child(v, step)])).filter((v) => v !== undefined);
      }
      return found;
    },
  };
}

function child(v: unknown, step: string): unknown {
  if (Array.isArray(v)) return /^(0|[1-9]\d*)$/.test(step) ? v[Number(step)] : undefined;
  return isRecord(v) && Object.hasOwn(v, step) ? v[step] : undefined;
}

function every(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return isRecord(v) ? Object.values(v) : [];
}

function singleKey<K extends string>(spec: unknown, allowed: readonly K[], what: string): { ok: true; pair: [K, unknown] } | { ok: false; detail: string } {
  const names = allowed.join(', ');
  if (!isRecord(spec)) return { ok: false, detail: `${what} is a string or an object with one of ${names}` };
  const keys = Object.keys(spec);
  if (keys.length !== 1 || !(allowed as readonly string[]).includes(keys[0])) {
    return { ok: false, detail: `${what} takes exactly one of ${names}; not ${JSON.stringify(keys.join(', '))}` };
  }
  return { ok: true, pair: [keys[0] as K, spec[keys[0]]] };
}

function wholeRegex(source: string, what: string): { ok: true; re: RegExp } | { ok: false; detail: string } {
  if (source.length > MAX_REGEX_LENGTH) return { ok: false, detail: `${what}: a regular expression of at most ${MAX_REGEX_LENGTH} characters` };
  try {
    return { ok: true, re: new RegExp(`^(?:${source})$`, 'u') };
  } catch (err) {
    return { ok: false, detail: `${what}: not a regular expression (${(err as Error).message})` };
  }
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
