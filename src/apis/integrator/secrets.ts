import { isObject } from './json-object.js';
/**
 * Credentials of connections, exports and imports: accepted on write, stored as sent, and masked on every read
 * (create, get, list, update, `viewState`). [SRC] celigo/ai http.yml and SKILL.md mask as `******` (six
 * asterisks); connection.md and export.md show 5 and 8, [INF] the sandbox uses six everywhere.
 */
export const MASK = '******';

/** [SRC] celigo/ai http.yml, oauth.yml; connection.md (rest, netsuite, ftp, s3). Dotted paths into the document. */
export const CONNECTION_SECRETS: readonly string[] = [
  'http.auth.basic.password',
  'http.auth.token.token',
  'http.auth.token.refreshToken',
  'http.auth.oauth.clientSecret',
  'http.auth.oauth.password',
  'http.auth.oauth.pkceCodeVerifier',
  'http.auth.oauth.oauth1.consumerSecret',
  'http.auth.oauth.oauth1.accessToken',
  'http.auth.oauth.oauth1.tokenSecret',
  'http.auth.oauth.oauth1.consumerPrivateKey',
  'http.clientCertificates.key',
  'http.clientCertificates.passphrase',
  'http.clientCertificates.pfx',
  // The whole object (or string) becomes the mask.
  'http.encrypted',
  'rest.bearerToken',
  'rest.basicAuth.password',
  'rest.refreshToken',
  'netsuite.password',
  'ftp.password',
  'ftp.authKey',
  's3.secretAccessKey_crypt',
];

/** [SRC] export.md shows these masked; an import's `distributed` is a boolean, so only exports have the first. */
export const STEP_SECRETS: readonly string[] = ['distributed.bearerToken', 'webhook.key', 'webhook.token'];

const SPLIT = new Map<readonly string[], string[][]>();

function pathsOf(list: readonly string[]): string[][] {
  let split = SPLIT.get(list);
  if (!split) SPLIT.set(list, (split = list.map((p) => p.split('.'))));
  return split;
}

/** A present credential: anything but absent, `null` and the empty string (which hide nothing). */
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The document with every set credential replaced by the mask. Copies only along the masked paths, so the stored
 * document (never changed in place) is left as it is; a document without credentials is returned as it is.
 */
export function masked<T extends object>(doc: T, secrets: readonly string[]): T {
  let out = doc as Record<string, unknown>;
  for (const path of pathsOf(secrets)) out = maskPath(out, path);
  return out as T;
}

function maskPath(doc: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const [key, ...rest] = path;
  if (!Object.hasOwn(doc, key)) return doc;
  const value = doc[key];
  if (rest.length === 0) return isSet(value) && value !== MASK ? { ...doc, [key]: MASK } : doc;
  if (!isObject(value)) return doc;
  const inner = maskPath(value, rest);
  return inner === value ? doc : { ...doc, [key]: inner };
}

export const maskConnection = <T extends object>(doc: T): T => masked(doc, CONNECTION_SECRETS);
export const maskStep = <T extends object>(doc: T): T => masked(doc, STEP_SECRETS);

/**
 * The set credentials of a document that are a mask sent back (`******`, or the 5 and 8 asterisks other sources
 * show): [INF] a PUT that sends the mask back stores it literally, and a ping with it fails.
 */
export function maskedCredentials(doc: object, secrets: readonly string[] = CONNECTION_SECRETS): string[] {
  return pathsOf(secrets)
    .filter((path) => {
      const value = valueAt(doc, path);
      return typeof value === 'string' && /^\*{3,}$/.test(value);
    })
    .map((path) => path.join('.'));
}

function valueAt(doc: object, path: string[]): unknown {
  let value: unknown = doc;
  for (const key of path) {
    if (!isObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}
