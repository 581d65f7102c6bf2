import { describe, expect, it } from 'vitest';
import { NEW_ORGANIZATION } from '../../helpers/oem-fixture.js';
import { useSandbox } from '../../helpers/sandbox.js';
import { oemCall, ORG_TOKEN, OTHER_ORG_TOKEN } from './oem-client.js';

const sb = useSandbox();

const newUser = { email: 'john.doe@sandbox-msp.example', firstName: 'John', lastName: 'Doe', vendorUserId: '5678' };

describe('POST /api/oem-api/organization', () => {
  it('creates an organization whose token works at once', async () => {
    const call = oemCall(sb, 'oem-org-201');
    const res = await call('POST', '/organization', { data: NEW_ORGANIZATION });
    expect(res.status).toBe(201);
    const list = await call('POST', '/integration/list', { organizationOemToken: res.body.organizationOemToken });
    expect(list.status).toBe(200);
  });

  it('answers 409 organization exists for the same vendorOrganizationId', async () => {
    const call = oemCall(sb, 'oem-org-409');
    const data = { ...NEW_ORGANIZATION, email: 'x@other.example', vendorUserId: '9', vendorOrganizationId: 'sandbox-org-1' };
    const res = await call('POST', '/organization', { data });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ status: 409, message: 'Organization with these details already exists' });
  });

  it('answers 409 organization exists for the same email', async () => {
    const call = oemCall(sb, 'oem-org-409');
    const res = await call('POST', '/organization', { data: { ...NEW_ORGANIZATION, email: 'ADMIN@sandbox-msp.example' } });
    expect(res.status).toBe(409);
  });

  it('answers 400 missing data without data.name', async () => {
    const { name: _name, ...withoutName } = NEW_ORGANIZATION;
    const res = await oemCall(sb, 'oem-org-400')('POST', '/organization', { data: withoutName });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Missing required field: data.name');
  });

  it('answers 400 malformed body for an invalid email', async () => {
    const res = await oemCall(sb, 'oem-org-400')('POST', '/organization', { data: { ...NEW_ORGANIZATION, email: 'not-an-email' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Malformed request body/);
  });
});

describe('POST /api/oem-api/user', () => {
  it('adds the user to the organization with the matching vendorOrganizationId', async () => {
    const res = await oemCall(sb, 'oem-user-201')('POST', '/user', { data: { ...newUser, vendorOrganizationId: 'sandbox-org-2' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ status: 201, message: 'Successfully created a user for the organization', organizationOemToken: OTHER_ORG_TOKEN });
  });

  it('adds the user by email domain when no vendorOrganizationId is given', async () => {
    const res = await oemCall(sb, 'oem-user-domain')('POST', '/user', { data: newUser });
    expect(res.status).toBe(201);
    expect(res.body.organizationOemToken).toBe(ORG_TOKEN);
  });

  it('adds the user to the organization its token names', async () => {
    const res = await oemCall(sb, 'oem-user-token')('POST', '/user', { organizationOemToken: OTHER_ORG_TOKEN, data: newUser });
    expect(res.status).toBe(201);
    expect(res.body.organizationOemToken).toBe(OTHER_ORG_TOKEN);
  });

  it('answers 404 organization not found when nothing matches', async () => {
    const res = await oemCall(sb, 'oem-user-404')('POST', '/user', { data: { ...newUser, email: 'jo@nowhere.example', vendorOrganizationId: 'unknown' } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ status: 404, message: 'Organization not found' });
  });

  it('answers 409 user exists on the second creation', async () => {
    const call = oemCall(sb, 'oem-user-409');
    expect((await call('POST', '/user', { data: newUser })).status).toBe(201);
    const again = await call('POST', '/user', { data: { ...newUser, email: 'other@sandbox-msp.example' } });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ status: 409, message: 'User already exists' });
  });

  it('answers 400 missing data without data.email', async () => {
    const { email: _email, ...withoutEmail } = newUser;
    const res = await oemCall(sb, 'oem-user-400')('POST', '/user', { data: withoutEmail });
    expect(res.status).toBe(400);
  });
});

describe('DELETE /api/oem-api/user', () => {
  it('removes a user with 201, as the docs say, then answers 404 user not found', async () => {
    const call = oemCall(sb, 'oem-del-201');
    const first = await call('DELETE', '/user', { organizationOemToken: ORG_TOKEN, data: { vendorUserId: 'sandbox-user-1' } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ status: 201, message: 'Success: User Deleted' });
    const again = await call('DELETE', '/user', { organizationOemToken: ORG_TOKEN, data: { vendorUserId: 'sandbox-user-1' } });
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ status: 404, message: 'User not found' });
  });

  it('removes a user found by email', async () => {
    const res = await oemCall(sb, 'oem-del-email')('DELETE', '/user', { organizationOemToken: ORG_TOKEN, data: { email: 'admin@sandbox-msp.example' } });
    expect(res.status).toBe(201);
  });

  it("answers 404 for another organization's user", async () => {
    const res = await oemCall(sb, 'oem-del-other')('DELETE', '/user', { organizationOemToken: OTHER_ORG_TOKEN, data: { vendorUserId: 'sandbox-user-1' } });
    expect(res.status).toBe(404);
  });

  it('answers 400 missing data when the user is not named', async () => {
    const res = await oemCall(sb, 'oem-del-400')('DELETE', '/user', { organizationOemToken: ORG_TOKEN, data: {} });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Missing required field: data.vendorUserId or data.email');
  });
});
