import type { Reply } from '../api-module.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * Every problem the sandbox itself answers (admin API, scenarios, `Prefer`, limits), declared once: its status and
 * title (the `type` URI is made from the title). The APIs' own errors are not here: they use each API's envelope.
 */
export const PROBLEMS = {
  badAdminBody: { status: 400, title: 'Bad request body' },
  badQuery: { status: 400, title: 'Invalid query parameter' },
  unreadableRequest: { status: 400, title: 'Bad request' },
  invalidPrefer: { status: 400, title: 'Invalid Prefer header' },
  invalidSessionId: { status: 400, title: 'Invalid session id' },
  missingState: { status: 400, title: 'Missing state' },
  unknownAction: { status: 400, title: 'Unknown action' },
  unknownProviderState: { status: 400, title: 'Unknown provider state' },
  // [INF] 400 wherever a request names a scenario that does not exist (header or sticky switch): the client asked
  // for something impossible; the session it addresses exists either way, so 404 would point at the wrong thing.
  unknownScenario: { status: 400, title: 'Unknown scenario' },
  adminTokenNeeded: { status: 401, title: 'Admin API needs a token' },
  corsOriginRefused: { status: 403, title: 'Origin not allowed' },
  proxyTargetRefused: { status: 403, title: 'Not a host this sandbox mocks' },
  notFound: { status: 404, title: 'Not found' },
  methodNotAllowed: { status: 405, title: 'Method not allowed' },
  bodyTooLarge: { status: 413, title: 'Bad request body' },
  requestTimeout: { status: 408, title: 'Request timeout' },
  uriTooLong: { status: 414, title: 'URI too long' },
  headersTooLarge: { status: 431, title: 'Request header fields too large' },
  undocumentedResponse: { status: 422, title: 'Undocumented response requested' },
  internalError: { status: 500, title: 'Internal error' },
  // [INF] 501: the request is fine; this sandbox, as started, does not do what it asks.
  tunnelNeedsTls: { status: 501, title: 'HTTPS tunnels need --tls' },
  storeUnavailable: { status: 503, title: 'Session store unavailable' },
  // `partner-sandbox proxy --errors` (src/proxy/). [SRC] Prism's proxy answers an invalid request 422 "Invalid request"
  // without forwarding it, and a response violation 500 "Request/Response not valid" with the list in `validation`;
  // [INF] kept at Prism's 500 rather than a gateway's 502, so clients written against Prism's proxy see the same status.
  requestViolations: { status: 422, title: 'Invalid request' },
  responseViolations: { status: 500, title: 'Request/Response not valid' },
  // [INF] 502: the upstream could not be reached or answered nothing readable; the client's request may be fine.
  upstreamUnreachable: { status: 502, title: 'Upstream unreachable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof PROBLEMS;

/** One of the sandbox's own problems as an RFC 9457 problem details reply. */
export function problemOf(kind: ProblemKind, detail?: string, extra: Record<string, unknown> = {}): Reply {
  const { status, title } = PROBLEMS[kind];
  return problem(status, title, detail, extra);
}

function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    headers: { 'content-type': PROBLEM_MEDIA_TYPE },
    body: { type: `/__sandbox/problems/${slug(title)}`, title, status, ...(detail ? { detail } : {}), ...extra },
  };
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
