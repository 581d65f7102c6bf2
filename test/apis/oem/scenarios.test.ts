import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { EXAMPLE_INTEGRATION_ID, fullBody, oemCall, OPERATIONS, ORG_TOKEN, OTHER_ORG_TOKEN, VENDOR_ID } from './oem-client.js';

const sb = useSandbox();

const scenario = (name: string) => ({ 'x-mock-scenario': `oem/${name}` });
const credentials = { 'api username': 'u', 'api key': 'k' };
const createBody = { organizationOemToken: ORG_TOKEN, data: { vendorId: VENDOR_ID, integrationCredentials: credentials } };

async function integrationsOf(session: string, token = ORG_TOKEN) {
  const res = await oemCall(sb, session)('POST', '/integration/list', { organizationOemToken: token });
  return res.body.integrations as { id: string; vendorId: string; integrationCredentialTemplate: Record<string, string>[] }[];
}

describe('oem/server-error', () => {
  it.each(OPERATIONS)('$operationId answers 500 server error and changes nothing', async (op) => {
    const session = `oem-sc-500-${op.operationId}`;
    const before = await sb.admin('GET', `/state?session=${session}`);
    const res = await sb.call(op.method, `/oem/api/oem-api${op.path}`, { session, headers: scenario('server-error'), body: fullBody(op) });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ status: 500, message: 'Internal server error' });
    expect((await sb.admin('GET', `/state?session=${session}`)).body).toEqual(before.body);
  });
});

describe('oem/flaky-create-integration', () => {
  it('fails twice with 500, then creates the integration, then answers 409 as usual', async () => {
    const session = 'oem-sc-flaky';
    const call = oemCall(sb, session, scenario('flaky-create-integration'));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('POST', '/integration', createBody)).status);
    expect(statuses).toEqual([500, 500, 201, 409]);
    expect(await integrationsOf(session)).toHaveLength(1);
  });

  it('leaves the other operations alone', async () => {
    const res = await oemCall(sb, 'oem-sc-flaky-other', scenario('flaky-create-integration'))('POST', '/vendor');
    expect(res.status).toBe(200);
  });
});

describe('oem/slow-integration-list', () => {
  it('answers the list normally after at least 1.5 seconds', async () => {
    const started = performance.now();
    const res = await oemCall(sb, 'oem-sc-slow', scenario('slow-integration-list'))('POST', '/integration/list', { organizationOemToken: ORG_TOKEN });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1450);
    expect(res.status).toBe(200);
    expect(res.body.integrations).toEqual([]);
  });
});

describe('oem/connection-reset', () => {
  it('drops the connection on create and creates nothing', async () => {
    const session = 'oem-sc-reset';
    await expect(oemCall(sb, session, scenario('connection-reset'))('POST', '/integration', createBody)).rejects.toThrow();
    expect(await integrationsOf(session)).toEqual([]);
  });
});

describe('oem/existing-integration', () => {
  it('answers 409 integration exists on the first create for that vendor', async () => {
    const res = await oemCall(sb, 'oem-sc-existing', scenario('existing-integration'))('POST', '/integration', createBody);
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ status: 409, message: 'Integration already exists for this organization and vendor' });
  });

  it('lists the integration with its keys only, and lets PATCH replace its credentials', async () => {
    const session = 'oem-sc-existing-patch';
    const call = oemCall(sb, session, scenario('existing-integration'));
    const list = await call('POST', '/integration/list', { organizationOemToken: ORG_TOKEN });
    expect(list.body.integrations).toEqual([
      { id: EXAMPLE_INTEGRATION_ID, vendorId: VENDOR_ID, integrationCredentialTemplate: [{ 'api user': '', 'api key': '' }] },
    ]);
    expect(list.text).not.toContain('existing-api-key');
    const patched = await call('PATCH', `/integration/${EXAMPLE_INTEGRATION_ID}`, { organizationOemToken: ORG_TOKEN, data: { integrationCredentials: credentials } });
    expect(patched.status).toBe(200);
    expect(patched.body.integration).toEqual({ id: EXAMPLE_INTEGRATION_ID, vendorId: VENDOR_ID });
  });

  it('is also a Pact provider state, which stays set up for the session', async () => {
    const session = 'oem-sc-existing-pact';
    const setUp = await sb.admin('POST', `/provider-states?session=${session}`, { state: 'oem/existing-integration', action: 'setup' });
    expect(setUp.status).toBeLessThan(300);
    expect((await oemCall(sb, session)('POST', '/integration', createBody)).status).toBe(409);
  });
});

describe('oem/second-organization', () => {
  const OTHER_INTEGRATION_ID = '67ae3bcff05cb32e0cb6d9c2';
  const patchBody = (token: string) => ({ organizationOemToken: token, data: { integrationCredentials: credentials } });

  it("answers 404 integration not found for the other organization's integration, 200 with its own token", async () => {
    const call = oemCall(sb, 'oem-sc-second-int', scenario('second-organization'));
    const foreign = await call('PATCH', `/integration/${OTHER_INTEGRATION_ID}`, patchBody(ORG_TOKEN));
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe('Integration not found');
    expect((await call('PATCH', `/integration/${OTHER_INTEGRATION_ID}`, patchBody(OTHER_ORG_TOKEN))).status).toBe(200);
    expect((await integrationsOf('oem-sc-second-int', OTHER_ORG_TOKEN)).map((i) => i.id)).toEqual([OTHER_INTEGRATION_ID]);
  });

  it("answers 404 user not found for the other organization's user, 201 with its own token", async () => {
    const call = oemCall(sb, 'oem-sc-second-user', scenario('second-organization'));
    const user = { data: { vendorUserId: 'other-user-1' } };
    const foreign = await call('DELETE', '/user', { organizationOemToken: ORG_TOKEN, ...user });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe('User not found');
    expect((await call('DELETE', '/user', { organizationOemToken: OTHER_ORG_TOKEN, ...user })).status).toBe(201);
  });

  it("answers 409 user exists for a new user with the other organization's user's email", async () => {
    const res = await oemCall(sb, 'oem-sc-second-dup', scenario('second-organization'))('POST', '/user', {
      data: { email: 'admin@other-msp.example', firstName: 'Jane', lastName: 'Roe', vendorUserId: '9012' },
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('User already exists');
  });
});
