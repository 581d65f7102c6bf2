// The admin JSON API, relative to this page (`/__sandbox/`): the only thing the dashboard talks to.

const base = new URL('./', document.baseURI);

async function call(method, path, body) {
  const res = await fetch(new URL(path, base), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  const payload = res.headers.get('content-type')?.includes('json') ? await res.json() : undefined;
  if (!res.ok) throw new Error(payload?.detail ?? payload?.title ?? `${method} ${path} answered ${res.status}`);
  return payload;
}

const q = encodeURIComponent;

export const adminApi = {
  health: () => call('GET', 'health'),
  sessions: () => call('GET', 'sessions'),
  journal: (session) => call('GET', `journal?session=${q(session)}`),
  state: (session) => call('GET', `state?session=${q(session)}`),
  scenarios: () => call('GET', 'scenarios'),
  setSticky: (session, scenario) => call('PUT', `sessions/${q(session)}/scenario`, { scenario }),
  reset: (session) => call('POST', session === undefined ? 'reset' : `reset?session=${q(session)}`),
};
