import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import type { SpecOperation } from '../../src/engine/spec/operation-index.js';
import { startPrism, type PrismProcess } from '../../src/prism/prism-process.js';
import { startSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { exampleRequests, type ExampleRequest } from './example-requests.js';
import { integratorResourceCases, type FailureCase, type Req } from './integrator-resource-cases.js';
import { loadSpec, responsesOf } from './spec-files.js';

// The integrator.io operations beyond integrations, whose failure cases come from their spec.
const integratorOperations = (await loadSpec('specs/integrator.yaml')).operations;

/**
 * Issue 17's "done when": real Prism (`prism proxy <spec> <sandbox>/<prefix>`) in front of the sandbox finds no
 * violation. Prism routes by the spec's paths without the `servers` base path and forwards the request path
 * appended to the upstream URL, so each Prism is given the API's mount point as its upstream.
 *
 * Each API gets two Prisms. With `--errors`, an invalid request is answered by Prism itself (not forwarded) and an
 * upstream answer that breaks the spec becomes Prism's 500 problem+json: the spec's example requests go through that
 * one. The documented failure requests are often invalid by the spec on purpose (a missing field, a bad token), so
 * they go through a Prism without `--errors`, which forwards them and lists every violation in `sl-violations`,
 * each with a `location` starting with `request` or `response`: there only response violations count.
 *
 * Every request is also sent straight to the sandbox, in another fresh session: Prism must be transparent (same
 * status, the same operation reached with the same body), and the sandbox's journal for the proxied session shows
 * that `X-Mock-Session` went through.
 */

export const APIS = ['cloud66', 'centurylink', 'integrator', 'oem'] as const;
export type Api = (typeof APIS)[number];

/** What Prism's problem+json `type`s start with (`https://stoplight.io/prism/errors#VIOLATIONS`, `#UNPROCESSABLE_ENTITY`, …). */
const PRISM_PROBLEM = 'https://stoplight.io/prism/errors#';

type Case = FailureCase;

interface Violation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  violations: Violation[];
  /** The `type` of a problem+json Prism generated itself. */
  prismProblem?: string;
}

interface JournalEntry {
  operationId?: string;
  request: { method: string; path: string; query: unknown; body?: unknown };
  response: { status: number };
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

const TOO_LARGE = { padding: 'x'.repeat(1_100_000) }; // over the sandbox's 1 MB body limit (Prism takes 10 MB)

function encode(req: Req): { headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> = { ...req.headers };
  if (req.scenario) headers['x-mock-scenario'] = req.scenario;
  if (req.raw !== undefined) return { headers: { ...headers, 'content-type': req.contentType ?? 'application/json' }, body: req.raw };
  if (req.body === undefined) return { headers };
  const form = req.contentType === 'application/x-www-form-urlencoded';
  const body = form ? new URLSearchParams(req.body as Record<string, string>).toString() : JSON.stringify(req.body);
  return { headers: { ...headers, 'content-type': req.contentType ?? 'application/json' }, body };
}

async function send(url: string, req: Req, session: string): Promise<Answer> {
  const { headers, body } = encode(req);
  const res = await fetch(url, { method: req.method, headers: { ...headers, 'x-mock-session': session }, body, redirect: 'manual' });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  const header = res.headers.get('sl-violations');
  let violations: Violation[] = [];
  if (header) {
    try {
      violations = JSON.parse(header) as Violation[];
    } catch {
      // "Too many violations! …": Prism cut the list; still a violation.
      violations = [{ location: ['unknown'], severity: 'Error', message: header.slice(0, 300) }];
    }
  }
  let prismProblem: string | undefined;
  if (contentType.startsWith('application/problem+json')) {
    try {
      const type = (JSON.parse(text) as { type?: unknown }).type;
      if (typeof type === 'string' && type.startsWith(PRISM_PROBLEM)) prismProblem = type;
    } catch {
      // not JSON: not Prism's
    }
  }
  return { status: res.status, contentType, text, violations, prismProblem };
}

// ---------------------------------------------------------------------------------------------------------------
// The documented failure requests, per API: at least one per documented error status of every operation (checked
// against the spec below); 5xx and the states a request alone cannot make are reached with the shipped scenarios.

const cloud66Cases = (): Case[] => {
  const jon = 'jon@smith.com';
  const link = (name: string, status: number, body: unknown, extra: Partial<Case> = {}): Case => ({
    op: 'linkPartnerIntegration', name, status, method: 'POST', path: '/partners/acme/integrations', body, ...extra,
  });
  const seedLink = { link_uid: 'abc123', user_email: jon };
  const callback = encodeURIComponent('http://127.0.0.1:4010/cloud66/partners/acme/callback');
  return [
    { op: 'launchPartnerIntegration', name: 'email missing', status: 400, method: 'GET', path: '/partners/acme/launch' },
    { op: 'launchPartnerIntegration', name: 'email not an email', status: 400, method: 'GET', path: '/partners/acme/launch?email=not-an-email' },
    { op: 'launchPartnerIntegration', name: 'unknown partner', status: 404, method: 'GET', path: `/partners/nobody/launch?email=${jon}` },
    link('body neither JSON nor form', 400, undefined, { raw: 'link_uid=abc123', contentType: 'text/plain' }),
    link('link_uid missing', 403, { user_email: jon }),
    link('link_uid missing (form)', 403, { user_email: jon }, { contentType: 'application/x-www-form-urlencoded' }),
    link('user_email missing', 403, { link_uid: 'abc123' }),
    link('user without the privilege', 403, { link_uid: 'abc123', user_email: 'viewer@smith.com' }),
    link('unknown link_uid', 403, { link_uid: 'no-such-link', user_email: jon }),
    link('already linked', 403, seedLink, { scenario: 'cloud66/already-linked' }),
    link('invalid project_uid', 403, { ...seedLink, project_uid: 'not a uid!' }),
    link('unknown partner', 404, seedLink, { path: '/partners/nobody/integrations' }),
    link('body too large', 413, TOO_LARGE),
    link('throttled', 503, seedLink, { scenario: 'cloud66/throttled' }),
    { op: 'completePartnerIntegration', name: 'uid missing', status: 400, method: 'GET', path: '/partners/acme/callback' },
    { op: 'completePartnerIntegration', name: 'error repeated', status: 400, method: 'GET', path: '/partners/acme/callback?uid=abc123&error=a&error=b' },
    { op: 'completePartnerIntegration', name: 'unknown link', status: 404, method: 'GET', path: '/partners/acme/callback?uid=no-such-link' },
    { op: 'completePartnerIntegration', name: 'unknown partner', status: 404, method: 'GET', path: '/partners/nobody/callback?uid=abc123' },
    { op: 'referencePartnerLanding', name: 'parameters missing', status: 400, method: 'GET', path: '/reference-partner/acme/landing' },
    { op: 'referencePartnerLanding', name: 'callback not absolute', status: 400, method: 'GET', path: `/reference-partner/acme/landing?uid=abc123&email=${jon}&callback=not-a-url` },
    { op: 'referencePartnerLanding', name: 'unknown partner', status: 404, method: 'GET', path: `/reference-partner/nobody/landing?uid=abc123&email=${jon}&callback=${callback}` },
  ];
};

const centurylinkCases = (): Case[] => {
  const usage = { coid: 'SANDBOX-COID-1', expired: false, sku: 'SANDBOX-SKU-1', count: 12, providerkey: 'sandbox-provider-key' };
  const updates = (op: string, path: string): Case[] => {
    const u = (name: string, status: number, body: unknown, extra: Partial<Case> = {}): Case => ({ op, name, status, method: 'POST', path, body, ...extra });
    return [
      u('required elements missing', 400, { count: 1 }),
      u('expired without expired-date', 400, { ...usage, expired: true }),
      u('negative count', 400, { ...usage, count: -1 }),
      u('body not an object', 400, undefined, { raw: '[]' }),
      u('unknown providerkey', 403, { ...usage, providerkey: 'no-such-key' }),
      u('unknown coid', 404, { ...usage, coid: 'NO-SUCH-COID' }),
      u('unknown sku', 404, { ...usage, sku: 'NO-SUCH-SKU' }),
      u('terminated subscription', 409, usage, { scenario: 'centurylink/terminated-subscription' }),
      u('body too large', 413, TOO_LARGE),
      u('not JSON', 415, undefined, { raw: 'coid=SANDBOX-COID-1', contentType: 'text/plain' }),
      u('server error', 500, usage, { scenario: 'centurylink/server-error' }),
    ];
  };
  const key = { 'x-api-key': 'sandbox-provision-key' };
  const buyer = { resellerkey: 'sandbox-reseller-key', name: 'Jane Buyer', email: 'jane.buyer@example.com' };
  const p = (name: string, status: number, body: unknown, extra: Partial<Case> = {}): Case => ({
    op: 'provisionAccount', name, status, method: 'POST', path: '/acme-provision-account/', headers: key, body, ...extra,
  });
  return [
    ...updates('updateSubscription', '/update-subscription/'),
    ...updates('updateSubscriptionPlural', '/update-subscriptions/'),
    p('required fields missing', 400, { resellerkey: 'sandbox-reseller-key' }),
    p('invalid email', 400, { ...buyer, email: 'not-an-email' }),
    p('body not an object', 400, undefined, { raw: '[]' }),
    p('no X-Api-Key', 401, buyer, { headers: {} }),
    p('wrong X-Api-Key', 401, buyer, { headers: { 'x-api-key': 'no-such-key' } }),
    p('unknown provider', 404, buyer, { path: '/nobody-provision-account/' }),
    p('email already registered', 409, { ...buyer, email: 'Customer@Sandbox.example' }),
    p('body too large', 413, TOO_LARGE),
    p('not JSON', 415, undefined, { raw: 'name=Jane', contentType: 'text/plain' }),
    p('server error', 500, buyer, { scenario: 'centurylink/server-error' }),
  ];
};

const integratorCases = (): Case[] => {
  const full = { authorization: 'Bearer integrator-sandbox-token' };
  const read = { authorization: 'Bearer integrator-readonly-token' };
  const diy = '/v1/integrations/554155c853bb53af2900000b';
  const smart = '/v1/integrations/57974ed227a82a3475cecb15';
  const unknown = '/v1/integrations/ffffffffffffffffffffffff';
  const c = (op: string, method: string, path: string, name: string, status: number, extra: Partial<Case> = {}): Case => ({
    op, method, path, name, status, headers: full, ...extra,
  });
  /** The 401s and the 429 every operation documents. */
  const common = (op: string, method: string, path: string, body?: unknown): Case[] => [
    c(op, method, path, 'no token', 401, { headers: {}, body }),
    c(op, method, path, 'unknown token', 401, { headers: { authorization: 'Bearer no-such-token' }, body }),
    c(op, method, path, 'token of another region', 401, { headers: { authorization: 'Bearer integrator-eu-token' }, body }),
    c(op, method, path, 'not a Bearer token', 401, { headers: { authorization: 'Basic aW50ZWdyYXRvcjo=' }, body }),
    c(op, method, path, 'rate limited', 429, { body, scenario: 'integrator/rate-limited' }),
  ];
  const orders = { name: 'Orders to ERP' };
  const textBody = { raw: '{"name":"Orders to ERP"}', contentType: 'text/plain' };
  return [
    ...common('listIntegrations', 'GET', '/v1/integrations'),
    c('listIntegrations', 'GET', '/v1/integrations?include=name&exclude=readme', 'include and exclude', 400),
    c('listIntegrations', 'GET', '/v1/integrations?include=name;drop', 'bad field list', 400),
    c('listIntegrations', 'GET', '/v1/integrations?limit=0', 'limit 0', 400),
    c('listIntegrations', 'GET', '/v1/integrations?skip=-1', 'negative skip', 400),

    ...common('createIntegration', 'POST', '/v1/integrations', orders),
    c('createIntegration', 'POST', '/v1/integrations', 'not JSON', 400, textBody),
    c('createIntegration', 'POST', '/v1/integrations', 'read-only token', 403, { headers: read, body: orders }),
    c('createIntegration', 'POST', '/v1/integrations', 'subscription required', 403, { body: orders, scenario: 'integrator/subscription-required' }),
    c('createIntegration', 'POST', '/v1/integrations', 'entitlement reached', 403, { body: orders, scenario: 'integrator/entitlement-reached' }),
    c('createIntegration', 'POST', '/v1/integrations', 'body too large', 413, { body: TOO_LARGE }),
    c('createIntegration', 'POST', '/v1/integrations', 'name missing', 422, { body: { readme: 'no name' } }),
    c('createIntegration', 'POST', '/v1/integrations', 'invalid mode', 422, { body: { ...orders, mode: 'paused' } }),
    c('createIntegration', 'POST', '/v1/integrations', 'name too long', 422, { body: { name: 'n'.repeat(101) } }),

    ...common('getIntegration', 'GET', diy),
    c('getIntegration', 'GET', unknown, 'unknown id', 404),
    c('getIntegration', 'GET', '/v1/integrations/not-an-object-id', 'id not 24 hex characters', 404),
    c('getIntegration', 'GET', diy, 'deleted id', 404, { scenario: 'integrator/empty-account' }),

    ...common('updateIntegration', 'PUT', diy, orders),
    c('updateIntegration', 'PUT', diy, 'not JSON', 400, textBody),
    c('updateIntegration', 'PUT', diy, 'read-only token', 403, { headers: read, body: orders }),
    c('updateIntegration', 'PUT', unknown, 'unknown id', 404, { body: orders }),
    c('updateIntegration', 'PUT', diy, 'body too large', 413, { body: TOO_LARGE }),
    c('updateIntegration', 'PUT', diy, 'name missing', 422, { body: { readme: 'no name' } }),
    c('updateIntegration', 'PUT', diy, 'invalid mode', 422, { body: { ...orders, mode: 'paused' } }),
    c('updateIntegration', 'PUT', smart, 'settings changed during an update', 422, {
      body: { name: 'BigCommerce - NetSuite Connector', settings: { sections: [{ title: 'Changed' }] } },
      scenario: 'integrator/update-in-progress',
    }),

    ...common('deleteIntegration', 'DELETE', diy),
    c('deleteIntegration', 'DELETE', diy, 'read-only token', 403, { headers: read }),
    c('deleteIntegration', 'DELETE', unknown, 'unknown id', 404),

    ...common('cloneIntegration', 'POST', `${smart}/clone`, {}),
    c('cloneIntegration', 'POST', `${smart}/clone`, 'connectionMap key not a connection', 400, { body: { connectionMap: { ffffffffffffffffffffffff: '6a1f0c3e8b9d2e4f5a6b7c99' } } }),
    c('cloneIntegration', 'POST', `${smart}/clone`, 'not JSON', 400, textBody),
    c('cloneIntegration', 'POST', `${smart}/clone`, 'read-only token', 403, { headers: read, body: {} }),
    c('cloneIntegration', 'POST', `${smart}/clone`, 'entitlement reached', 403, { body: {}, scenario: 'integrator/entitlement-reached' }),
    c('cloneIntegration', 'POST', `${unknown}/clone`, 'unknown id', 404, { body: {} }),
    c('cloneIntegration', 'POST', `${smart}/clone`, 'body too large', 413, { body: TOO_LARGE }),
    c('cloneIntegration', 'POST', `${smart}/clone`, 'name too long', 422, { body: { name: 'n'.repeat(101) } }),

    ...common('getTokenInfo', 'GET', '/v1/tokenInfo'),
    ...integratorResourceCases(integratorOperations, TOO_LARGE),
  ];
};

const oemCases = (): Case[] => {
  const creds = { clientId: 'oem-sandbox-client', clientSecret: 'oem-sandbox-secret', grantType: 'client_credentials', scope: 'vendor_manage' };
  const org = { ...creds, organizationOemToken: 'org-sandbox-token' };
  const c = (op: string, method: string, path: string, name: string, status: number, body: unknown, extra: Partial<Case> = {}): Case => ({
    op, method, path, name, status, body, ...extra,
  });
  /** The 400 malformed body, 401s, 413 and 500 every operation documents, around a valid body. */
  const common = (op: string, method: string, path: string, valid: Record<string, unknown>): Case[] => [
    c(op, method, path, 'body not an object', 400, undefined, { raw: '[]' }),
    c(op, method, path, 'wrong clientSecret', 401, { ...valid, clientSecret: 'wrong-secret' }),
    c(op, method, path, 'clientId missing', 401, { ...valid, clientId: undefined }),
    c(op, method, path, 'other grantType', 401, { ...valid, grantType: 'password' }),
    c(op, method, path, 'other scope', 401, { ...valid, scope: 'vendor_read' }),
    c(op, method, path, 'body too large', 413, { ...valid, padding: TOO_LARGE.padding }),
    c(op, method, path, 'server error', 500, valid, { scenario: 'oem/server-error' }),
  ];
  /** The 403s of the operations that act on one organization. */
  const orgToken = (op: string, method: string, path: string, valid: Record<string, unknown>): Case[] => [
    c(op, method, path, 'unknown organizationOemToken', 403, { ...valid, organizationOemToken: 'no-such-token' }),
    c(op, method, path, 'organizationOemToken missing', 403, { ...valid, organizationOemToken: undefined }),
  ];
  const creation = { ...org, data: { vendorId: '43211235', integrationCredentials: { 'api username': 'api-user', 'api key': 'api-key' } } };
  const update = { ...org, data: { integrationCredentials: { 'api username': 'new-user', 'api key': 'new-key' } } };
  const existing = '/api/oem-api/integration/67ae3bcff05cb32e0cb6d9b7';
  const newOrg = { ...creds, data: { name: 'Wisozk Inc', email: 'ansley@wisozk.example', firstName: 'Ansley', lastName: 'Parisian', vendorUserId: '1234' } };
  const newUser = { ...creds, data: { email: 'john.doe@sandbox-msp.example', firstName: 'John', lastName: 'Doe', vendorUserId: '5678' } };
  const removal = { ...org, data: { vendorUserId: 'sandbox-user-1' } };
  return [
    ...common('oemListVendors', 'POST', '/api/oem-api/vendor', creds),

    ...common('oemCreateIntegration', 'POST', '/api/oem-api/integration', creation),
    ...orgToken('oemCreateIntegration', 'POST', '/api/oem-api/integration', creation),
    c('oemCreateIntegration', 'POST', '/api/oem-api/integration', 'data missing', 400, org),
    c('oemCreateIntegration', 'POST', '/api/oem-api/integration', 'vendorId not a string', 400, { ...creation, data: { ...creation.data, vendorId: 43211235 } }),
    c('oemCreateIntegration', 'POST', '/api/oem-api/integration', 'credentials not the template', 400, { ...creation, data: { ...creation.data, integrationCredentials: { token: 't' } } }),
    c('oemCreateIntegration', 'POST', '/api/oem-api/integration', 'unknown vendor', 404, { ...creation, data: { ...creation.data, vendorId: '99999999' } }),
    c('oemCreateIntegration', 'POST', '/api/oem-api/integration', 'integration exists', 409, creation, { scenario: 'oem/existing-integration' }),

    ...common('oemListIntegrations', 'POST', '/api/oem-api/integration/list', org),
    ...orgToken('oemListIntegrations', 'POST', '/api/oem-api/integration/list', org),

    ...common('oemUpdateIntegration', 'PATCH', existing, update),
    ...orgToken('oemUpdateIntegration', 'PATCH', existing, update),
    c('oemUpdateIntegration', 'PATCH', existing, 'data missing', 400, org, { scenario: 'oem/existing-integration' }),
    c('oemUpdateIntegration', 'PATCH', existing, 'credentials not the template', 400, { ...org, data: { integrationCredentials: { token: 't' } } }, { scenario: 'oem/existing-integration' }),
    c('oemUpdateIntegration', 'PATCH', existing, 'unknown integration', 404, update),
    c('oemUpdateIntegration', 'PATCH', '/api/oem-api/integration/67ae3bcff05cb32e0cb6d9c2', "another organization's integration", 404, update, { scenario: 'oem/second-organization' }),
    c('oemUpdateIntegration', 'PATCH', '/api/oem-api/integration/not-an-id', 'id not an ObjectId', 404, update),

    ...common('oemCreateOrganization', 'POST', '/api/oem-api/organization', newOrg),
    c('oemCreateOrganization', 'POST', '/api/oem-api/organization', 'data missing', 400, creds),
    c('oemCreateOrganization', 'POST', '/api/oem-api/organization', 'email not an email', 400, { ...newOrg, data: { ...newOrg.data, email: 'not-an-email' } }),
    c('oemCreateOrganization', 'POST', '/api/oem-api/organization', 'organization exists', 409, { ...newOrg, data: { ...newOrg.data, vendorOrganizationId: 'sandbox-org-1' } }),

    ...common('oemCreateUser', 'POST', '/api/oem-api/user', newUser),
    c('oemCreateUser', 'POST', '/api/oem-api/user', 'data missing', 400, creds),
    c('oemCreateUser', 'POST', '/api/oem-api/user', 'unknown organizationOemToken', 403, { ...newUser, organizationOemToken: 'no-such-token' }),
    c('oemCreateUser', 'POST', '/api/oem-api/user', 'no organization matches', 404, { ...newUser, data: { ...newUser.data, email: 'john.doe@nowhere.example' } }),
    c('oemCreateUser', 'POST', '/api/oem-api/user', 'user exists', 409, { ...newUser, data: { ...newUser.data, email: 'admin@sandbox-msp.example' } }),

    ...common('oemDeleteUser', 'DELETE', '/api/oem-api/user', removal),
    ...orgToken('oemDeleteUser', 'DELETE', '/api/oem-api/user', removal),
    c('oemDeleteUser', 'DELETE', '/api/oem-api/user', 'no user named', 400, { ...org, data: {} }),
    c('oemDeleteUser', 'DELETE', '/api/oem-api/user', 'unknown user', 404, { ...org, data: { vendorUserId: 'no-such-user' } }),
    c('oemDeleteUser', 'DELETE', '/api/oem-api/user', "another organization's user", 404, { ...org, data: { vendorUserId: 'other-user-1' } }, { scenario: 'oem/second-organization' }),
  ];
};

const FAILURE_CASES: Record<Api, () => Case[]> = { cloud66: cloud66Cases, centurylink: centurylinkCases, integrator: integratorCases, oem: oemCases };

/** The origin of the specs' `servers` (the sandbox's default address); example URLs name it. */
const SPEC_ORIGIN = 'http://127.0.0.1:4010';

/** Operations whose example requests need the state of a shipped scenario. */
const EXAMPLE_SCENARIOS: Record<string, string> = {
  // The examples' integration id exists there (a fresh session has no integration).
  oemUpdateIntegration: 'oem/existing-integration',
  // The fixture's flow uses its export and import, which use its connection and script: free them first.
  deleteConnection: 'integrator/unused-resources',
  deleteExport: 'integrator/unused-resources',
  deleteImport: 'integrator/unused-resources',
  deleteScript: 'integrator/unused-resources',
};

/** More requests from an operation's first example, for other documented successes or another state. */
const STATEFUL_EXAMPLES: Partial<Record<Api, { op: string; name: string; scenario?: string; path?: string; headers?: Record<string, string> }[]>> = {
  integrator: [
    { op: 'listIntegrations', name: 'a page of one (Link header)', path: '/v1/integrations?skip=1&limit=1' },
    { op: 'listIntegrations', name: 'projected', path: '/v1/integrations?include=name' },
    { op: 'listIntegrations', name: 'empty account (204)', scenario: 'integrator/empty-account' },
    { op: 'getIntegration', name: 'DIY integration', path: '/v1/integrations/554155c853bb53af2900000b' },
    { op: 'getTokenInfo', name: 'read-only token', headers: { authorization: 'Bearer integrator-readonly-token' } },
  ],
};

/**
 * Every operation's example requests (one per named request example and media type), then the STATEFUL_EXAMPLES,
 * with URLs of the specs' default address pointed at this sandbox (the reference partner's `callback`).
 */
function exampleCases(api: Api, doc: OpenAPIV3_1.Document, operations: SpecOperation[], sandboxBase: string): { op: string; label: string; req: Req }[] {
  const origin = new URL(sandboxBase).origin;
  const local = (text: string) => text.replaceAll(encodeURIComponent(SPEC_ORIGIN), encodeURIComponent(origin)).replaceAll(SPEC_ORIGIN, origin);
  const asReq = (r: ExampleRequest, scenario = EXAMPLE_SCENARIOS[r.operationId]): Req => ({
    method: r.init.method,
    path: local(r.path),
    headers: r.init.headers,
    raw: typeof r.init.body === 'string' ? local(r.init.body) : undefined,
    contentType: r.init.headers['content-type'],
    scenario,
  });
  return operations.flatMap((op) => {
    const examples = exampleRequests(doc, op);
    return [
      ...examples.map((r) => ({
        op: op.operationId,
        label: `${op.operationId} example ${r.example ?? '(no body)'}${r.mediaType && r.mediaType !== 'application/json' ? ` as ${r.mediaType}` : ''}`,
        req: asReq(r),
      })),
      ...(STATEFUL_EXAMPLES[api] ?? [])
        .filter((s) => s.op === op.operationId)
        .map((s) => {
          const req = asReq(examples[0], s.scenario);
          return { op: op.operationId, label: `${op.operationId} ${s.name}`, req: { ...req, path: s.path ?? req.path, headers: { ...req.headers, ...s.headers } } };
        }),
    ];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

/**
 * Prism 5 follows an upstream's redirects (node-fetch's default; stoplightio/prism#1977, open) and validates the
 * final answer against the first operation: a documented 302 reaches it as the redirect target's 200. For those
 * exchanges Prism cannot check the sandbox; the test asserts that this, and only this, is what it reports.
 */
function isFollowedRedirect(direct: Answer, proxied: Answer): boolean {
  return (
    direct.status >= 300 &&
    direct.status < 400 &&
    proxied.violations.length === 1 &&
    proxied.violations[0].location.join('.') === 'response' &&
    /^Unable to match the returned status code with those defined in the document: .*\b302\b/.test(proxied.violations[0].message)
  );
}

function describeAnswer(a: Answer): string {
  const violations = a.violations.map((v) => `${v.location.join('.')}: ${v.message}`).join('; ');
  return `${a.status}${a.prismProblem ? ` ${a.prismProblem}` : ''}${violations ? ` [${violations}]` : ''} ${a.text.slice(0, 200)}`;
}

interface Harness {
  api: Api;
  sandbox: TestSandbox;
  /** `prism proxy --errors`. */
  strict: PrismProcess;
  /** `prism proxy`, which forwards invalid requests. */
  lenient: PrismProcess;
}

interface Outcome {
  api: Api;
  path: string;
  label: string;
  proxied: Answer;
  direct: Answer;
  journal: JournalEntry[];
  directJournal: JournalEntry[];
}

async function journalOf(sandbox: TestSandbox, session: string): Promise<JournalEntry[]> {
  const res = await fetch(`${sandbox.baseUrl}/__sandbox/journal?session=${session}`);
  // Newest first; oldest first here.
  return ((await res.json()) as { entries: JournalEntry[] }).entries.reverse();
}

/** Sends `req` through the Prism and straight to the sandbox, each in a session of its own. */
async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function exchange(h: Harness, prism: PrismProcess, label: string, req: Req): Promise<Outcome> {
  const session = `prism-proxy-${randomUUID()}`;
  const directSession = `prism-direct-${randomUUID()}`;
  const proxied = await send(prism.url + req.path, req, session);
  const direct = await send(`${h.sandbox.baseUrl}/${h.api}${req.path}`, req, directSession);
  return { api: h.api, path: req.path, label, proxied, direct, journal: await journalOf(h.sandbox, session), directJournal: await journalOf(h.sandbox, directSession) };
}

/** The journal entry of the request this test sent (a reference partner's own calls are journaled beside it). */
function entryOf(journal: JournalEntry[], api: Api, path: string): JournalEntry | undefined {
  const pathname = `/${api}${path.split('?')[0]}`;
  return journal.find((e) => e.request.path === pathname);
}

/** Prism in the path changed nothing: same status, and the sandbox saw the same request in the proxied session. */
function transparencyProblems(o: Outcome, op: string): string[] {
  const problems: string[] = [];
  if (o.proxied.status !== o.direct.status) problems.push(`status through Prism ${describeAnswer(o.proxied)}, directly ${describeAnswer(o.direct)}`);
  const first = entryOf(o.journal, o.api, o.path);
  const directFirst = entryOf(o.directJournal, o.api, o.path);
  if (o.journal.length === 0) {
    problems.push('the sandbox journaled nothing for the proxied X-Mock-Session (not forwarded, or the header was dropped)');
  } else if (!first) {
    problems.push(`the sandbox journaled no request for ${o.path} in the proxied session`);
  } else {
    if (first.operationId !== op) problems.push(`reached ${first.operationId ?? 'no operation'}, not ${op}`);
    const seen = (e: JournalEntry | undefined) => JSON.stringify(e && { method: e.request.method, path: e.request.path, query: e.request.query, body: e.request.body });
    if (seen(first) !== seen(directFirst)) problems.push(`the sandbox saw ${seen(first)} through Prism, ${seen(directFirst)} directly`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The suite for some of the APIs (and, with `checkItself`, the proof that a violation is caught), so the APIs can run
 * in test files of their own, side by side on the workers: prism-proxy-*.test.ts.
 */
export function describePrismProxy(apis: readonly Api[], checkItself: boolean): void {
  const harnesses = new Map<Api, Harness>();
  const stopping: (() => Promise<void>)[] = [];
  /** `prism proxy --errors` in front of a stub that answers `{"bogus":1}` to everything: the checks can fail. */
  let stubPrism: PrismProcess;

  async function startStubPrism(): Promise<PrismProcess> {
    const stub: Server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"bogus":1}');
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    stopping.push(
      () =>
        new Promise<void>((resolve) => {
          stub.close(() => resolve());
          stub.closeAllConnections(); // Prism keeps its upstream connections alive
        }),
    );
    const prism = await startPrism('specs/cloud66.yaml', { port: await freePort(), proxy: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`, errors: true, timeoutMs: 100_000 });
    stopping.push(() => prism.stop());
    return prism;
  }

  /** Counts for the summary at the end: requests sent through Prism per API. */
  const sent: Record<string, { examples: number; failures: number; invalidRequests: number; followedRedirects: string[] }> = {};
  const countsOf = (api: Api) => (sent[api] ??= { examples: 0, failures: 0, invalidRequests: 0, followedRedirects: [] });

  beforeAll(async () => {
    // Two Prism processes per API start at once (each spends ~3 s of CPU loading its spec), and the stub's.
    const stubStarted = checkItself ? startStubPrism() : undefined;
    const started = await Promise.all(
      apis.map(async (api) => {
        const sandbox = await startSandbox();
        stopping.push(() => sandbox.close());
        const upstream = `${sandbox.baseUrl}/${api}`;
        const [strict, lenient] = await Promise.all(
          [true, false].map(async (errors) => {
            const prism = await startPrism(`specs/${api}.yaml`, { port: await freePort(), proxy: upstream, errors, timeoutMs: 100_000 });
            stopping.push(() => prism.stop());
            return prism;
          }),
        );
        return { api, sandbox, strict, lenient };
      }),
    );
    for (const h of started) harnesses.set(h.api, h);
    if (stubStarted) stubPrism = await stubStarted;
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(stopping.map((stop) => stop()));
  });

  describe.each(apis)('real Prism proxying the sandbox: %s', (api) => {
    it("forwards every operation's example requests and finds no violation in the answers", async () => {
      const h = harnesses.get(api)!;
      const { doc, operations } = await loadSpec(`specs/${api}.yaml`);
      const failures: string[] = [];
      const counts = countsOf(api);
      const requests = exampleCases(api, doc, operations, h.sandbox.baseUrl);
      for (const { op, label, req } of requests) {
        const o = await exchange(h, h.strict, label, req);
        counts.examples++;
        if (isFollowedRedirect(o.direct, o.proxied)) {
          // Still forwarded (in this session) to the operation, and Prism's answer is its own 500 for the 200 it got.
          counts.followedRedirects.push(`${label}: ${o.direct.status} directly`);
          const reached = entryOf(o.journal, api, req.path)?.operationId;
          if (reached !== op) failures.push(`${label}: reached ${reached ?? 'nothing'}, not ${op}`);
          continue;
        }
        const problems = [
          ...(o.proxied.violations.length ? [`violations: ${describeAnswer(o.proxied)}`] : []),
          ...(o.proxied.prismProblem ? [`Prism answered ${o.proxied.prismProblem}: ${o.proxied.text.slice(0, 300)}`] : []),
          ...(o.direct.status >= 400 ? [`the sandbox refused the example: ${describeAnswer(o.direct)}`] : []),
          ...transparencyProblems(o, op),
        ];
        failures.push(...problems.map((p) => `${label}: ${p}`));
      }
      expect(failures).toEqual([]);
    }, 60_000);

    it('forwards the documented failure requests and finds no violation in the answers (only in the requests)', async () => {
      const h = harnesses.get(api)!;
      const failures: string[] = [];
      const counts = countsOf(api);
      // Six cases at a time: each has sessions of its own, so none sees another's state.
      await inBatches(FAILURE_CASES[api](), 6, async (c) => {
        const label = `${c.op} ${c.name}`;
        const o = await exchange(h, h.lenient, label, c);
        counts.failures++;
        const invalidRequest = o.proxied.violations.some((v) => v.location[0] === 'request');
        if (invalidRequest) counts.invalidRequests++;
        const responseViolations = o.proxied.violations.filter((v) => v.location[0] !== 'request');
        const problems = [
          ...(responseViolations.length ? [`response violations: ${describeAnswer(o.proxied)}`] : []),
          ...(o.proxied.prismProblem ? [`Prism answered ${o.proxied.prismProblem}: ${o.proxied.text.slice(0, 300)}`] : []),
          ...(o.direct.status !== c.status ? [`expected ${c.status} from the sandbox, got ${describeAnswer(o.direct)}`] : []),
          ...transparencyProblems(o, c.op),
        ];
        if (!invalidRequest) {
          // Valid by the spec (a wrong token, an unknown id, a forced 5xx): then `--errors` must let it through too.
          const strict = await exchange(h, h.strict, label, c);
          problems.push(
            ...(strict.proxied.violations.length ? [`with --errors, violations: ${describeAnswer(strict.proxied)}`] : []),
            ...(strict.proxied.prismProblem ? [`with --errors, Prism answered ${strict.proxied.prismProblem}: ${strict.proxied.text.slice(0, 300)}`] : []),
            ...transparencyProblems(strict, c.op).map((p) => `with --errors, ${p}`),
          );
        }
        failures.push(...problems.map((p) => `${label}: ${p}`));
      });
      expect(failures.sort()).toEqual([]);
    }, 60_000);

    it("the failure requests reach every error status of every operation's spec", async () => {
      const { operations } = await loadSpec(`specs/${api}.yaml`);
      const cases = FAILURE_CASES[api]();
      const missing: string[] = [];
      for (const op of operations) {
        const reached = new Set(cases.filter((c) => c.op === op.operationId).map((c) => String(c.status)));
        for (const [status] of responsesOf(op)) if (Number(status) >= 400 && !reached.has(status)) missing.push(`${op.operationId} ${status}`);
      }
      expect(missing).toEqual([]);
      expect(cases.filter((c) => !operations.some((op) => op.operationId === c.op))).toEqual([]);
    });
  });

  describe.runIf(checkItself)('the check itself', () => {
    it('reports a response violation when the upstream answers something undocumented', async () => {
      const { doc, operations } = await loadSpec('specs/cloud66.yaml');
      const [request] = exampleRequests(doc, operations.find((op) => op.operationId === 'linkPartnerIntegration')!);
      const answer = await send(stubPrism.url + request.path, { method: request.init.method, path: request.path, headers: request.init.headers, raw: request.init.body as string }, `prism-stub-${randomUUID()}`);
      // The shapes the checks above look for: a `response` entry in sl-violations, and Prism's own 500 problem+json.
      expect(answer.violations.filter((v) => v.location[0] === 'response').length).toBeGreaterThan(0);
      expect(answer.prismProblem).toBe('https://stoplight.io/prism/errors#VIOLATIONS');
      expect(answer.status).toBe(500);
    });
  });

  afterAll(() => {
    // One line per API for the run's log: what went through Prism.
    for (const [api, c] of Object.entries(sent)) {
      const strictToo = c.failures - c.invalidRequests;
      console.info(
        `prism proxy ${api}: ${c.examples} example requests (--errors); ${c.failures} failure requests, ${c.invalidRequests} of them invalid by the spec, ` +
          `the other ${strictToo} sent through --errors too; redirects Prism followed: ${c.followedRedirects.join(', ') || 'none'}`,
      );
    }
  });
}
