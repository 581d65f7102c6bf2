// A journaled exchange as a curl command line, to replay it from a terminal.

// Hop-by-hop or framing headers: curl writes its own, and a stale Host or Content-Length would break the replay.
// accept-encoding too: without --compressed, curl would print the compressed bytes as they come.
const SKIPPED = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'accept-encoding']);

/** POSIX single quotes: nothing inside is special, and a `'` closes, is escaped, and reopens. */
export function shellQuote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

/**
 * `entry` as `GET /journal` shows it. Headers are the journaled ones, so secrets stay as the server redacted them
 * (`[REDACTED]`): a replay needs the real value put back by hand, which is the point of redacting.
 */
export function curlCommand(entry, origin, session) {
  const { request } = entry;
  const url = new URL(request.path, origin);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    for (const one of [value].flat()) url.searchParams.append(name, String(one));
  }
  const headers = Object.entries(request.headers ?? {}).filter(([name]) => !SKIPPED.has(name.toLowerCase()));
  // Without the header the request went to `default`; naming the session keeps the replay in the same one.
  if (!headers.some(([name]) => name.toLowerCase() === 'x-mock-session')) headers.unshift(['x-mock-session', session]);
  const body = bodyText(request.body, headerValue(headers, 'content-type'));
  // The method and URL on the first line, one option a line after it: easy to read, and to edit a header in.
  const method = request.method === 'HEAD' ? ' --head' : request.method !== 'GET' || body !== undefined ? ` -X ${request.method}` : '';
  const parts = [`curl${method} ${shellQuote(url.href)}`];
  for (const [name, value] of headers) parts.push(`-H ${shellQuote(`${name}: ${[value].flat().join(', ')}`)}`);
  if (body !== undefined) parts.push(`--data-raw ${shellQuote(body)}`);
  return parts.join(' \\\n  ');
}

function headerValue(headers, wanted) {
  return String(headers.find(([name]) => name.toLowerCase() === wanted)?.[1] ?? '');
}

// The journal shows a form body as an object of its fields: send it form-encoded again, not as JSON.
function bodyText(body, contentType) {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (contentType.includes('application/x-www-form-urlencoded')) return new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString();
  return JSON.stringify(body);
}
