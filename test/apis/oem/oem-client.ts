import { NEW_ORGANIZATION, OEM_CREDS as CREDS, OEM_ORG_TOKEN as ORG_TOKEN } from '../../helpers/oem-fixture.js';
import type { CallResult, TestSandbox } from '../../helpers/sandbox.js';

/** The fixture's client credentials, as every OEM request body carries them, and its organization's token. */
export { CREDS, ORG_TOKEN };
export const OTHER_ORG_TOKEN = 'org-other-token';
export const VENDOR_ID = '43211235';
export const SECOND_VENDOR_ID = '43211236';
/** The id the spec's examples use; the `existing-integration` scenario gives the fixture organization this one. */
export const EXAMPLE_INTEGRATION_ID = '67ae3bcff05cb32e0cb6d9b7';

/** Calls `/oem/api/oem-api<path>` with the client credentials merged into the body. */
export function oemCall(sb: TestSandbox, session: string, headers: Record<string, string> = {}) {
  return (method: string, path: string, body: Record<string, unknown> = {}): Promise<CallResult> =>
    sb.call(method, `/oem/api/oem-api${path}`, { session, headers, body: { ...CREDS, ...body } });
}

/** One operation and a request it would accept against the default fixture (credentials added by `oemCall`). */
export interface OemOperation {
  operationId: string;
  method: string;
  path: string;
  body: Record<string, unknown>;
}

/** Every OEM operation, for the conditions they all share (credentials, bad bodies, size, forced failures). */
export const OPERATIONS: OemOperation[] = [
  { operationId: 'oemListVendors', method: 'POST', path: '/vendor', body: {} },
  {
    operationId: 'oemCreateIntegration',
    method: 'POST',
    path: '/integration',
    body: { organizationOemToken: ORG_TOKEN, data: { vendorId: VENDOR_ID, integrationCredentials: { 'api username': 'u', 'api key': 'k' } } },
  },
  { operationId: 'oemListIntegrations', method: 'POST', path: '/integration/list', body: { organizationOemToken: ORG_TOKEN } },
  {
    operationId: 'oemUpdateIntegration',
    method: 'PATCH',
    path: `/integration/${EXAMPLE_INTEGRATION_ID}`,
    body: { organizationOemToken: ORG_TOKEN, data: { integrationCredentials: { 'api username': 'u', 'api key': 'k' } } },
  },
  {
    operationId: 'oemCreateOrganization',
    method: 'POST',
    path: '/organization',
    body: { data: NEW_ORGANIZATION },
  },
  {
    operationId: 'oemCreateUser',
    method: 'POST',
    path: '/user',
    body: { data: { email: 'john.doe@sandbox-msp.example', firstName: 'John', lastName: 'Doe', vendorUserId: '5678' } },
  },
  { operationId: 'oemDeleteUser', method: 'DELETE', path: '/user', body: { organizationOemToken: ORG_TOKEN, data: { vendorUserId: 'sandbox-user-1' } } },
];

/** The full body of `op`'s request, credentials included, with `overrides` on top. */
export function fullBody(op: OemOperation, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...CREDS, ...op.body, ...overrides };
}
