import type { CallResult, TestSandbox } from '../../helpers/sandbox.js';

/** The fixture's client credentials, as every OEM request body carries them. */
export const CREDS = {
  clientId: 'oem-sandbox-client',
  clientSecret: 'oem-sandbox-secret',
  grantType: 'client_credentials',
  scope: 'vendor_manage',
} as const;

export const ORG_TOKEN = 'org-sandbox-token';
export const OTHER_ORG_TOKEN = 'org-other-token';
export const VENDOR_ID = '43211235';
export const SECOND_VENDOR_ID = '43211236';

/** Calls `/oem/api/oem-api<path>` with the client credentials merged into the body. */
export function oemCall(sb: TestSandbox, session: string) {
  return (method: string, path: string, body: Record<string, unknown> = {}): Promise<CallResult> =>
    sb.call(method, `/oem/api/oem-api${path}`, { session, body: { ...CREDS, ...body } });
}
