/**
 * The operations the benchmark drives, the same request on both servers. The sandbox serves each API under its
 * mount point (`/integrator`, …); Prism serves the spec's own paths, one spec per process.
 */

export type ApiName = 'integrator' | 'oem' | 'cloud66';

export interface BenchCase {
  name: string;
  /** The spec Prism serves for this case (`specs/<api>.yaml`) and the sandbox's mount point (`/<api>`). */
  api: ApiName;
  description: string;
  method: 'GET' | 'POST';
  /** The spec's path, without the sandbox's mount point. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The one status every answer must have; any other is counted as a bad status. */
  expectedStatus: number;
  /** Extra headers for Prism only, and why (Prism is stateless: it cannot reach a state-driven answer by itself). */
  prismOnly?: { headers: Record<string, string>; note: string };
  /**
   * Every answer adds to the sandbox's state (a created document), so its memory grows with the requests by design:
   * left out of the soak unless asked for, and its growth per document is reported.
   */
  createsState?: boolean;
}

const INTEGRATOR_AUTH = { authorization: 'Bearer integrator-sandbox-token' };
const JSON_BODY = { 'content-type': 'application/json' };
const OEM_CREDENTIALS = {
  clientId: 'oem-sandbox-client',
  clientSecret: 'oem-sandbox-secret',
  grantType: 'client_credentials',
  scope: 'vendor_manage',
  organizationOemToken: 'org-sandbox-token',
};

export const CASES: readonly BenchCase[] = [
  {
    name: 'integrator-get',
    api: 'integrator',
    description: 'integrator.io GET /v1/integrations/{_id} (fixture DIY integration)',
    method: 'GET',
    path: '/v1/integrations/554155c853bb53af2900000b',
    headers: { ...INTEGRATOR_AUTH },
    expectedStatus: 200,
  },
  {
    name: 'integrator-create',
    api: 'integrator',
    description: 'integrator.io POST /v1/integrations with a valid body (request validation on)',
    method: 'POST',
    path: '/v1/integrations',
    headers: { ...INTEGRATOR_AUTH, ...JSON_BODY },
    body: JSON.stringify({ name: 'Orders to ERP', description: 'Sends new web orders to the ERP every 15 minutes.' }),
    expectedStatus: 201,
    createsState: true,
  },
  {
    name: 'oem-list',
    api: 'oem',
    description: 'OEM POST /api/oem-api/integration/list (fixture credentials)',
    method: 'POST',
    path: '/api/oem-api/integration/list',
    headers: { ...JSON_BODY },
    body: JSON.stringify(OEM_CREDENTIALS),
    expectedStatus: 200,
  },
  {
    name: 'cloud66-link-403',
    api: 'cloud66',
    description: 'Cloud 66 POST /partners/acme/integrations with an unknown link_uid (403 invalid link_uid)',
    method: 'POST',
    path: '/partners/acme/integrations',
    headers: { ...JSON_BODY },
    body: JSON.stringify({ link_uid: 'nope', user_email: 'jon@smith.com' }),
    expectedStatus: 403,
    prismOnly: {
      headers: { prefer: 'code=403' },
      note: 'Prism is sent `Prefer: code=403` (it is stateless and would answer the 200 example); the sandbox reaches the 403 from its state',
    },
  },
];

/**
 * The request whose first 200 ends the start-up clock: for the sandbox (all four APIs) and Prism on the
 * integrator.io spec, the GET by id; for the other Prism processes, their case's request, which Prism answers 200
 * without `Prefer`.
 */
export function startupProbe(api: ApiName): { method: string; path: string; headers: Record<string, string>; body?: string } {
  const c = CASES.find((x) => x.api === api)!;
  return { method: c.method, path: c.path, headers: { ...c.headers }, body: c.body };
}

/**
 * The cases named, or by default every case (the soak's default: every case that creates no state, so that memory
 * has no reason to grow). Cases that create state run last: after one, V8 lets the heap grow to a limit set by the
 * thousands of documents it held, so the next case's peak RSS would be charged with the documents of the last.
 */
export function selectCases(names: string[] | undefined, options: { soak?: boolean } = {}): BenchCase[] {
  const unknown = (names ?? []).filter((n) => !CASES.some((c) => c.name === n));
  if (unknown.length) throw new Error(`unknown case(s) ${unknown.join(', ')}; choose from ${CASES.map((c) => c.name).join(', ')}`);
  const chosen = names?.length ? CASES.filter((c) => names.includes(c.name)) : CASES.filter((c) => !(options.soak && c.createsState));
  return [...chosen.filter((c) => !c.createsState), ...chosen.filter((c) => c.createsState)];
}

/**
 * The request as sent to one server: the sandbox's path carries the API's mount point, a peer's does not (it serves
 * the spec's own paths); only Prism gets `prismOnly`'s headers (WireMock's stubs answer the case's status as they are).
 */
export function requestFor(c: BenchCase, server: 'sandbox' | 'prism' | 'peer'): { method: string; path: string; headers: Record<string, string>; body?: string } {
  if (server === 'sandbox') return { method: c.method, path: `/${c.api}${c.path}`, headers: { ...c.headers }, body: c.body };
  return { method: c.method, path: c.path, headers: { ...c.headers, ...(server === 'prism' ? (c.prismOnly?.headers ?? {}) : {}) }, body: c.body };
}
