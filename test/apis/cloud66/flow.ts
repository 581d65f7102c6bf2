/** Shared steps of the Cloud 66 round trip, driven over real HTTP through the test sandbox. */
import { expect } from 'vitest';
import type { CallResult, TestSandbox } from '../../helpers/sandbox.js';

export const INTEGRATIONS = '/cloud66/partners/acme/integrations';
export const INVALID_USER_EMAIL =
  'invalid user_email (invalid email or not enough privileges to accept this integration by this user).';

/** The path and query of an absolute Location, so it can be followed with `sb.call`. */
export function pathOf(location: string | null): string {
  expect(location).toBeTruthy();
  const url = new URL(location as string);
  return url.pathname + url.search;
}

/** The user clicks the integration: answers the uid the partner receives and the partner URL. */
export async function launch(sb: TestSandbox, session: string, email: string, partner = 'acme') {
  const res = await sb.call('GET', `/cloud66/partners/${partner}/launch?email=${encodeURIComponent(email)}`, { session });
  expect(res.status).toBe(302);
  const location = res.headers.get('location');
  const uid = new URL(location as string).searchParams.get('uid') as string;
  expect(uid).toBeTruthy();
  return { uid, location: location as string };
}

export function link(sb: TestSandbox, session: string, body: unknown, form = false): Promise<CallResult> {
  return sb.call('POST', INTEGRATIONS, { session, body, form });
}

export function expectForbidden(res: CallResult, description: string): void {
  expect(res.status).toBe(403);
  expect(res.body).toEqual({ error: 'forbidden', error_description: description });
}

export async function cloud66State(sb: TestSandbox, session: string): Promise<any> {
  const res = await sb.admin('GET', `/state?session=${session}`);
  return res.body.apis.cloud66;
}

/** One request of an operation, for tests that run the same condition over several operations. */
export interface OperationRequest {
  method: string;
  path: string;
  body?: unknown;
}

export interface OperationCase {
  operationId: string;
  /** A request the operation accepts for the fixture's data at `partner`. */
  valid(partner: string): OperationRequest;
  /** A request it rejects for its input (missing parameters or fields), whatever the partner. */
  invalid(partner: string): OperationRequest;
}

/** The seed's example call, for the default fixture's pending link abc123. */
export const JON = { link_uid: 'abc123', user_email: 'jon@smith.com' };

export const OPERATIONS: OperationCase[] = [
  {
    operationId: 'launchPartnerIntegration',
    valid: (p) => ({ method: 'GET', path: `/cloud66/partners/${p}/launch?email=jon%40smith.com` }),
    invalid: (p) => ({ method: 'GET', path: `/cloud66/partners/${p}/launch` }),
  },
  {
    operationId: 'linkPartnerIntegration',
    valid: (p) => ({ method: 'POST', path: `/cloud66/partners/${p}/integrations`, body: JON }),
    invalid: (p) => ({ method: 'POST', path: `/cloud66/partners/${p}/integrations`, body: {} }),
  },
  {
    operationId: 'completePartnerIntegration',
    valid: (p) => ({ method: 'GET', path: `/cloud66/partners/${p}/callback?uid=abc123` }),
    invalid: (p) => ({ method: 'GET', path: `/cloud66/partners/${p}/callback` }),
  },
  {
    operationId: 'referencePartnerLanding',
    valid: (p) => ({
      method: 'GET',
      path: `/cloud66/reference-partner/${p}/landing?uid=abc123&email=jon%40smith.com&callback=${encodeURIComponent('http://partner.test/back')}`,
    }),
    invalid: (p) => ({ method: 'GET', path: `/cloud66/reference-partner/${p}/landing` }),
  },
];
