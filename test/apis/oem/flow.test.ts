import { describe, expect, it } from 'vitest';
import { NEW_ORGANIZATION } from '../../helpers/oem-fixture.js';
import { useSandbox } from '../../helpers/sandbox.js';
import { oemCall, VENDOR_ID } from './oem-client.js';

const sb = useSandbox();

describe('OEM end to end', () => {
  it('creates an organization, integrates a vendor, lists it without secrets, replaces the credentials, lists again', async () => {
    const call = oemCall(sb, 'oem-flow');
    const org = await call('POST', '/organization', { data: NEW_ORGANIZATION });
    expect(org.status).toBe(201);
    expect(org.body.message).toBe('Successfully created organization');
    const organizationOemToken: string = org.body.organizationOemToken;
    expect(organizationOemToken).toMatch(/\S/);

    const vendors = await call('POST', '/vendor');
    expect(vendors.status).toBe(200);
    const vendor = vendors.body.vendors.find((v: { id: string }) => v.id === VENDOR_ID);
    expect(vendor.integrationCredentialTemplate).toEqual({ 'api key': '', 'api username': '' });

    const created = await call('POST', '/integration', {
      organizationOemToken,
      data: { vendorId: VENDOR_ID, integrationCredentials: { 'api username': 'first-user', 'api key': 'first-secret-key' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.message).toBe('Successfully created an integration for an organization');
    const { id } = created.body.integration;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.body.integration.vendorId).toBe(VENDOR_ID);

    const listed = await call('POST', '/integration/list', { organizationOemToken });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      integrations: [{ id, vendorId: VENDOR_ID, integrationCredentialTemplate: [{ 'api username': '', 'api key': '' }] }],
      status: 200,
      message: "Successfully fetched list of user's integrations",
    });
    expect(listed.text).not.toContain('first-secret-key');
    expect(listed.text).not.toContain('first-user');

    const patched = await call('PATCH', `/integration/${id}`, {
      organizationOemToken,
      data: { integrationCredentials: { 'api user': 'second-user', 'api key': 'second-secret-key' } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({
      integration: { id, vendorId: VENDOR_ID },
      status: 200,
      message: "Successfully updated a user's integration credentials",
    });

    const relisted = await call('POST', '/integration/list', { organizationOemToken });
    expect(relisted.body.integrations).toEqual([
      { id, vendorId: VENDOR_ID, integrationCredentialTemplate: [{ 'api user': '', 'api key': '' }] },
    ]);
    expect(relisted.text).not.toContain('second-secret-key');
  });
});
