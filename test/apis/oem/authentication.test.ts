import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { CREDS, oemCall, ORG_TOKEN, VENDOR_ID } from './oem-client.js';

const sb = useSandbox();

const session = 'oem-auth';

// The 401s, 403s, malformed bodies and 413 that the operations share are in shared-conditions.test.ts.
describe('OEM client credentials and organization token', () => {
  it('lists the seed vendor with a blank template object', async () => {
    const res = await oemCall(sb, session)('POST', '/vendor');
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Successfully fetched MSPC vendors');
    expect(res.body.vendors[0]).toEqual({
      id: VENDOR_ID,
      name: 'vendor name',
      integrationStatus: 'active',
      integrationType: 'custom_hosted',
      integrationCredentialTemplate: { 'api key': '', 'api username': '' },
    });
  });

  it('answers 401 invalid client credentials for an unknown clientId', async () => {
    const res = await oemCall(sb, session)('POST', '/vendor', { clientId: 'someone-else' });
    expect(res.status).toBe(401);
  });

  it('answers 401 invalid client credentials when the credentials are missing, before looking at the rest', async () => {
    const res = await sb.call('POST', '/oem/api/oem-api/integration', { session, body: { data: {} } });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Invalid client ID or client secret');
  });

  it('answers 403 invalid organization token for an unknown token, before a missing data', async () => {
    const res = await oemCall(sb, session)('POST', '/integration', { organizationOemToken: 'nope' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ status: 403, message: 'Invalid organization token' });
  });

  it('answers 400 malformed body for a JSON array', async () => {
    const res = await sb.call('POST', '/oem/api/oem-api/integration/list', { session, raw: JSON.stringify([CREDS]) });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Malformed request body');
  });

  it('answers 400 malformed body for a body that is not JSON at all', async () => {
    const res = await sb.call('POST', '/oem/api/oem-api/vendor', { session, raw: 'clientId=x', contentType: 'text/plain' });
    expect(res.status).toBe(400);
  });

  it('answers 400 malformed body when there is no body', async () => {
    const res = await sb.call('POST', '/oem/api/oem-api/vendor', { session });
    expect(res.status).toBe(400);
  });

  it('answers 405 in the OEM envelope for a method the path does not serve', async () => {
    const res = await sb.call('GET', '/oem/api/oem-api/vendor', { session, unchecked: true });
    expect(res.status).toBe(405);
    expect(res.body.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('accepts the fixture organization token on the list', async () => {
    const res = await oemCall(sb, session)('POST', '/integration/list', { organizationOemToken: ORG_TOKEN });
    expect(res.status).toBe(200);
    expect(res.body.integrations).toEqual([]);
  });
});
