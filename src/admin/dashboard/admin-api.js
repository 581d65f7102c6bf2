// The admin JSON API, relative to this page (`/__sandbox/`): the only thing the dashboard talks to.

const base = new URL('./', document.baseURI);

/** A refusal of the admin API: `detail` is the problem+json's own words, which a form shows as they are. */
export class AdminError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const res = await fetch(new URL(path, base), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const payload = res.headers.get('content-type')?.includes('json') ? await res.json() : undefined;
  if (!res.ok) throw new AdminError(payload?.detail ?? payload?.title ?? `${method} ${path} answered ${res.status}`, res.status);
  return payload;
}

const q = encodeURIComponent;

/** `?session=…&api=…`: empty filters are left out, since the journal refuses an empty `status` or `path`. */
function query(params) {
  return Object.entries(params).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${q(v)}`).join('&');
}

export const adminApi = {
  health: () => call('GET', 'health'),
  sessions: () => call('GET', 'sessions'),
  /** `filters`: the journal's own query (`api`, `status`, `path`, `limit`), so the server does the narrowing. */
  journal: (session, filters = {}) => call('GET', `journal?${query({ session, ...filters })}`),
  state: (session) => call('GET', `state?session=${q(session)}`),
  scenarios: () => call('GET', 'scenarios'),
  coverage: (session) => call('GET', `coverage?session=${q(session)}`),
  /** `pattern`: what /requests/count matches (`api`, `operation`, `status`…); the session rides in the query. */
  countRequests: (session, pattern) => call('POST', `requests/count?session=${q(session)}`, pattern),
  setSticky: (session, scenario) => call('PUT', `sessions/${q(session)}/scenario`, { scenario }),
  reset: (session) => call('POST', session === undefined ? 'reset' : `reset?session=${q(session)}`),
};
