import { describe, expect, it } from 'vitest';
import { oemApi } from '../../../src/apis/oem/index.js';
import { createState, type OemState } from '../../../src/apis/oem/state.js';
import type { Reply, RequestContext } from '../../../src/engine/api-module.js';
import { idSourceFor } from '../../../src/engine/sessions/id-source.js';
import { useSandbox } from '../../helpers/sandbox.js';
import { oemCall, ORG_TOKEN, VENDOR_ID } from './oem-client.js';

const sb = useSandbox();

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

describe('OEM keyed lookups', () => {
  const C = { clientId: 'c', clientSecret: 's', grantType: 'client_credentials', scope: 'vendor_manage' };
  const fixture = {
    clients: [{ clientId: 'c', clientSecret: 's', scopes: ['vendor_manage'] }],
    organizations: [
      { id: 'o1', organizationOemToken: 't1', name: 'One', email: 'admin@one.example', vendorOrganizationId: 'v1' },
      { id: 'o2', organizationOemToken: 't2', name: 'Two', email: 'admin@two.example' },
    ],
    users: [
      { organizationId: 'o1', email: 'a@one.example', firstName: 'a', lastName: 'a', vendorUserId: 'ua' },
      { organizationId: 'o1', email: 'b@one.example', firstName: 'b', lastName: 'b', vendorUserId: 'ub' },
      { organizationId: 'o2', email: 'c@two.example', firstName: 'c', lastName: 'c', vendorUserId: 'uc' },
    ],
    vendors: [{ id: '1', name: 'v', integrationStatus: 'active', integrationType: 'custom_hosted', integrationCredentialTemplate: { key: '' } }],
    integrations: [],
  };
  const ctxFor = (state: OemState, operationId: string, body: Record<string, unknown>): RequestContext<OemState> => ({
    operationId,
    state,
    params: {},
    query: {},
    headers: {},
    body: { ...C, ...body },
    ids: idSourceFor({ next: 0 }),
    now: () => new Date('2024-01-01T00:00:00Z'),
    apiBaseUrl: 'http://x/oem',
    sandboxBaseUrl: 'http://x',
    ownApiUrl: 'http://x/oem',
    sessionId: 'unit',
  });
  const run = (state: OemState, operationId: string, body: Record<string, unknown>) => {
    const ctx = ctxFor(state, operationId, body);
    const operation = oemApi.operations[operationId];
    return (operation.authenticate ?? oemApi.authenticate)?.(ctx) ?? (operation.handler(ctx) as Reply);
  };
  const user = (email: string, vendorUserId: string) => ({ email, firstName: 'f', lastName: 'l', vendorUserId });

  it('finds users by email and vendorUserId after deletes move the others', () => {
    const state = createState(fixture, idSourceFor({ next: 0 }));
    expect(run(state, 'oemDeleteUser', { organizationOemToken: 't1', data: { vendorUserId: 'ua' } }).status).toBe(201);
    expect(run(state, 'oemDeleteUser', { organizationOemToken: 't1', data: { email: 'C@two.example' } }).status).toBe(404);
    expect(run(state, 'oemDeleteUser', { organizationOemToken: 't2', data: { email: ' C@two.example' } }).status).toBe(201);
    expect(run(state, 'oemCreateUser', { organizationOemToken: 't1', data: user('B@one.example', 'new') }).status).toBe(409);
    expect(run(state, 'oemCreateUser', { organizationOemToken: 't1', data: user('a@one.example', 'ua') }).status).toBe(201);
    expect(run(state, 'oemDeleteUser', { organizationOemToken: 't1', data: { vendorUserId: 'ub', email: 'b@one.example' } }).status).toBe(201);
    expect(state.users.map((u) => u.vendorUserId)).toEqual(['ua']);
    expect(run(state, 'oemDeleteUser', { organizationOemToken: 't1', data: { email: 'a@one.example' } }).status).toBe(201);
    expect(state.users).toEqual([]);
  });

  it('keeps the index out of the view and rebuilds it when a saved state has none', () => {
    const state = createState(fixture, idSourceFor({ next: 0 }));
    expect(Object.keys(oemApi.viewState(state) as object)).not.toContain('index');
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const { index: _index, ...saved } = JSON.parse(JSON.stringify(state)) as OemState;
    expect(run(saved, 'oemListIntegrations', { organizationOemToken: 't2' }).status).toBe(200);
    expect(run(saved, 'oemCreateOrganization', { data: { name: 'N', ...user('x@new.example', 'ux'), vendorOrganizationId: 'v1' } }).status).toBe(409);
    expect(run(saved, 'oemCreateUser', { data: { ...user('d@two.example', 'ud') } }).body).toMatchObject({ organizationOemToken: 't2' });
    expect(run(saved, 'oemCreateUser', { data: { ...user('e@elsewhere.example', 'ue'), vendorOrganizationId: 'v1' } }).body).toMatchObject({ organizationOemToken: 't1' });
  });
});
