import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { oemCall, ORG_TOKEN, OTHER_ORG_TOKEN, SECOND_VENDOR_ID, VENDOR_ID } from './oem-client.js';

const sb = useSandbox();

const seedCredentials = { 'api user': 'api-user', 'api key': 'api-key' };

function create(session: string, data: Record<string, unknown>, token = ORG_TOKEN) {
  return oemCall(sb, session)('POST', '/integration', { organizationOemToken: token, data });
}

describe('POST /api/oem-api/integration', () => {
  it("accepts the seed's own example, with `api user` for the template's `api username`", async () => {
    const res = await create('oem-int-seed', { vendorId: VENDOR_ID, integrationCredentials: seedCredentials });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ integration: { vendorId: VENDOR_ID }, status: 201 });
  });

  it('answers 404 vendor not found for an unknown vendorId', async () => {
    const res = await create('oem-int-404', { vendorId: '99999999', integrationCredentials: seedCredentials });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ status: 404, message: 'Vendor not found' });
  });

  it('answers 409 integration exists on a second integration of the same organization and vendor', async () => {
    const session = 'oem-int-409';
    expect((await create(session, { vendorId: VENDOR_ID, integrationCredentials: seedCredentials })).status).toBe(201);
    const again = await create(session, { vendorId: VENDOR_ID, integrationCredentials: seedCredentials });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('Integration already exists for this organization and vendor');
    const list = await oemCall(sb, session)('POST', '/integration/list', { organizationOemToken: ORG_TOKEN });
    expect(list.body.integrations).toHaveLength(1);
  });

  it('lets another organization, or another vendor, integrate alongside', async () => {
    const session = 'oem-int-pairs';
    expect((await create(session, { vendorId: VENDOR_ID, integrationCredentials: seedCredentials })).status).toBe(201);
    expect((await create(session, { vendorId: VENDOR_ID, integrationCredentials: seedCredentials }, OTHER_ORG_TOKEN)).status).toBe(201);
    const second = await create(session, { vendorId: SECOND_VENDOR_ID, integrationCredentials: { 'tenant id': 't', 'api token': 'x' } });
    expect(second.status).toBe(201);
    const list = await oemCall(sb, session)('POST', '/integration/list', { organizationOemToken: ORG_TOKEN });
    expect(list.body.integrations.map((i: { vendorId: string }) => i.vendorId)).toEqual([VENDOR_ID, SECOND_VENDOR_ID]);
  });

  it("answers 400 credentials mismatch when the keys do not fit the vendor's template", async () => {
    const res = await create('oem-int-mismatch', { vendorId: VENDOR_ID, integrationCredentials: { 'api key': 'k', password: 'p' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/do not match the vendor's credential template/);
  });

  it('answers 400 credentials mismatch for a missing template key', async () => {
    const res = await create('oem-int-mismatch', { vendorId: VENDOR_ID, integrationCredentials: { 'api key': 'k' } });
    expect(res.status).toBe(400);
  });

  it('answers 400 missing data without data', async () => {
    const res = await oemCall(sb, 'oem-int-400')('POST', '/integration', { organizationOemToken: ORG_TOKEN });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 400, message: 'Missing required field: data' });
  });

  it('answers 400 missing data without data.vendorId', async () => {
    const res = await create('oem-int-400', { integrationCredentials: seedCredentials });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Missing required field: data.vendorId');
  });

  it('answers 400 malformed body for a credential value that is not a string', async () => {
    const res = await create('oem-int-400', { vendorId: VENDOR_ID, integrationCredentials: { 'api user': 1, 'api key': 'k' } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Malformed request body/);
  });
});

describe('PATCH /api/oem-api/integration/{integrationId}', () => {
  async function seeded(session: string): Promise<string> {
    const res = await create(session, { vendorId: VENDOR_ID, integrationCredentials: seedCredentials });
    return res.body.integration.id as string;
  }

  function patch(session: string, id: string, body: Record<string, unknown>) {
    return oemCall(sb, session)('PATCH', `/integration/${id}`, { organizationOemToken: ORG_TOKEN, ...body });
  }

  it('answers 404 integration not found for an unknown id', async () => {
    const res = await patch('oem-patch-404', '67ae3bcff05cb32e0cb6d9b7', { data: { integrationCredentials: seedCredentials } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ status: 404, message: 'Integration not found' });
  });

  it.each(['list', 'LIST', '67AE3BCFF05CB32E0CB6D9B7', 'x'.repeat(24)])('answers 404 integration not found for %j, which cannot be an ObjectId', async (id) => {
    const res = await patch('oem-patch-pattern', id, { data: { integrationCredentials: seedCredentials } });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ status: 404, message: 'Integration not found' });
  });

  it('answers a bad body before a bad id, as the check order has it (400 before 404)', async () => {
    const res = await patch('oem-patch-pattern-400', 'list', {});
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/Missing required field: data/);
  });

  it('still checks credentials before the id: a bad organization token is 403 whatever the id', async () => {
    const res = await oemCall(sb, 'oem-patch-pattern-403')('PATCH', '/integration/list', { organizationOemToken: 'nope', data: { integrationCredentials: seedCredentials } });
    expect(res.status).toBe(403);
  });

  it("answers 405 on /integration/list with every method its path templates take", async () => {
    const res = await sb.call('PUT', '/oem/api/oem-api/integration/list', { body: {}, session: 'oem-405', unchecked: true });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, PATCH');
  });

  it("answers 404 integration not found for another organization's integration", async () => {
    const session = 'oem-patch-other';
    const other = await create(session, { vendorId: VENDOR_ID, integrationCredentials: seedCredentials }, OTHER_ORG_TOKEN);
    const res = await patch(session, other.body.integration.id, { data: { integrationCredentials: seedCredentials } });
    expect(res.status).toBe(404);
  });

  it('answers 400 credentials mismatch and keeps the stored credentials', async () => {
    const session = 'oem-patch-mismatch';
    const id = await seeded(session);
    const res = await patch(session, id, { data: { integrationCredentials: { token: 'x' } } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/credential template/);
    const list = await oemCall(sb, session)('POST', '/integration/list', { organizationOemToken: ORG_TOKEN });
    expect(list.body.integrations[0].integrationCredentialTemplate).toEqual([{ 'api user': '', 'api key': '' }]);
  });

  it('answers 400 missing data without data.integrationCredentials', async () => {
    const session = 'oem-patch-400';
    const id = await seeded(session);
    const res = await patch(session, id, { data: {} });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('Missing required field: data.integrationCredentials');
  });

  it('answers 400 malformed body when data is not an object', async () => {
    const session = 'oem-patch-400-type';
    const id = await seeded(session);
    const res = await patch(session, id, { data: 'api key=1' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Malformed request body/);
  });
});
