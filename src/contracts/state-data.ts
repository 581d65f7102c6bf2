import type { PactInteraction, PactSummary } from './pact-catalog.js';

/**
 * The data a provider must hold for a provider state, read off the pact itself: for each interaction given that
 * state, the response it expects and the values its request sends (ids, emails, SKUs, keys). A partner learns from
 * `409 … customer@sandbox.example` that this customer must exist, without reading the pact JSON. Data, not prose:
 * it cannot drift from the pact, since it is the pact.
 */
export function stateDataLines(pact: PactSummary, state: string): string[] {
  const lines: string[] = [];
  for (const i of pact.interactions.filter((x) => x.states.includes(state))) {
    lines.push(`${i.status}  ${i.description}`);
    lines.push(`     ${requestData(i, state)}`);
  }
  return lines;
}

/** `POST /acme-provision-account/  email=customer@sandbox.example resellerkey=reseller-1  X-Api-Key: sandbox-provision-key` */
function requestData(i: PactInteraction, state: string): string {
  const params = i.stateParams[state];
  const query = Object.entries(i.request.query).map(([k, v]) => `${k}=${v.join(',')}`);
  const body = fields(bodyObject(i.request.body));
  const headers = Object.entries(i.request.headers)
    .filter(([name]) => !PLAIN_HEADERS.has(name.toLowerCase()))
    .map(([name, v]) => `${name}: ${v.join(', ')}`);
  return [`${i.request.method} ${i.request.path}`, params ? `params ${JSON.stringify(params)}` : '', [...query, ...body].join(' '), headers.join('  ')]
    .filter(Boolean)
    .join('  ');
}

/** Headers that say how the body is encoded, not what the provider must know (unlike a key or a token). */
const PLAIN_HEADERS = new Set(['content-type', 'accept', 'content-length', 'user-agent']);

/** A form body arrives as a string; its fields are data like a JSON body's. */
function bodyObject(body: unknown): unknown {
  if (typeof body === 'string' && /^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(body)) return Object.fromEntries(new URLSearchParams(body));
  return body;
}

/**
 * `key=value` for each scalar of the body: ids, emails, SKUs, credentials, flags, counts. [INF] Long free text
 * (more than 40 characters with spaces: descriptions, readmes) is left out, since a provider does not look records
 * up by it and it would bury the ids; short text is kept, quoted when it has spaces (`project_uid="not a project!"`
 * is the whole point of its interaction).
 */
function fields(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) {
    const leaves = value.filter(isShown).map(show);
    const nested = value.flatMap((v, n) => (typeof v === 'object' && v !== null ? fields(v, `${at}[${n}]`) : []));
    return [...(leaves.length && at ? [`${at}=${leaves.join(',')}`] : []), ...nested];
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => fields(v, at ? `${at}${/^[\w-]+$/.test(k) ? `.${k}` : `["${k}"]`}` : k));
  }
  return isShown(value) && at ? [`${at}=${show(value)}`] : [];
}

function isShown(value: unknown): value is string | number | boolean | null {
  if (typeof value === 'string') return value.length <= 40 || !/\s/.test(value);
  return typeof value === 'number' || typeof value === 'boolean' || value === null;
}

function show(value: string | number | boolean | null): string {
  return typeof value === 'string' && (value === '' || /[\s"]/.test(value)) ? JSON.stringify(value) : String(value);
}
