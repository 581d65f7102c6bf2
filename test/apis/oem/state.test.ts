import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../../helpers/sandbox.js';
import { oemCall, ORG_TOKEN, VENDOR_ID } from './oem-client.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('OEM state view', () => {
  it('redacts the client secret, organization tokens and every stored credential value', async () => {
    const session = 'oem-state';
    await oemCall(sb, session)('POST', '/integration', {
      organizationOemToken: ORG_TOKEN,
      data: { vendorId: VENDOR_ID, integrationCredentials: { 'api user': 'visible-user', 'api key': 'stored-secret' } },
    });
    const res = await sb.admin('GET', `/state?session=${session}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('oem-sandbox-secret');
    expect(res.text).not.toContain('org-sandbox-token');
    expect(res.text).not.toContain('stored-secret');
    expect(res.text).not.toContain('visible-user');
    expect(res.text).toContain('oem-sandbox-client');
    expect(res.text).toContain(VENDOR_ID);
  });
});
