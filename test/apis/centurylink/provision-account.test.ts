import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { buyer, PROVISION_KEY, sessionNames } from './requests.js';

const sb = useSandbox();

const newSession = sessionNames('provision');

const provision = (body: unknown, session: string, headers: Record<string, string> = PROVISION_KEY, path = '/centurylink/acme-provision-account/') =>
  sb.call('POST', path, { body, session, headers });

describe('POST /{providerName}-provision-account/ (reference provider)', () => {
  it('answers 201 account-provisioned with a Co ID, with and without the trailing slash', async () => {
    const session = newSession();
    const first = await provision(buyer(), session);
    expect(first.status).toBe(201);
    expect(first.body.coid).toMatch(/^COID-[0-9A-F]{12}$/);
    const second = await provision(buyer({ email: 'other@example.com' }), session, PROVISION_KEY, '/centurylink/acme-provision-account');
    expect(second.status).toBe(201);
    expect(second.body.coid).not.toBe(first.body.coid);
  });

  it('gives the same Co IDs in a fresh session (ids are seeded per session)', async () => {
    const a = await provision(buyer(), 'centurylink-provision-repeat-a');
    const b = await provision(buyer(), 'centurylink-provision-repeat-b');
    expect(a.body.coid).toBe(b.body.coid);
  });

  it('keeps the profile but never stores the password, and redacts the reseller key', async () => {
    const session = newSession();
    const res = await provision(buyer({ password: 'hunter2-secret', companyName: 'Buyer Inc', favouriteColour: 'blue' }), session);
    expect(res.status).toBe(201);
    const state = await sb.admin('GET', `/state?session=${session}`);
    expect(state.text).not.toContain('hunter2-secret');
    expect(state.text).not.toContain('sandbox-reseller-key');
    const account = state.body.apis.centurylink.accounts[res.body.coid];
    expect(account).toMatchObject({ provider: 'acme', name: 'Jane Buyer', profile: { companyName: 'Buyer Inc' } });
    expect(account.subscription).toMatchObject({ sku: 'SANDBOX-SKU-1', count: 0, expired: false });
  });

  it('answers 400 required-field-missing listing every missing field', async () => {
    const res = await provision({ resellerkey: 'k', name: '' }, newSession());
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Required field(s) not provided', missing: ['name', 'email'] });
  });

  it('answers 400 invalid-field for an email that is not an address', async () => {
    const res = await provision(buyer({ email: 'not-an-email' }), newSession());
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('email');
  });

  it('answers 401 invalid-api-key without the header or with a wrong one, before checking the body', async () => {
    for (const headers of [{}, { 'X-Api-Key': 'wrong' }] as Record<string, string>[]) {
      const res = await provision({}, newSession(), headers);
      expect(res.status).toBe(401);
      expect(res.body.message).toContain('X-Api-Key');
    }
  });

  it('answers 404 unknown-provider for a provider not in the fixture', async () => {
    const res = await provision(buyer(), newSession(), PROVISION_KEY, '/centurylink/nobody-provision-account/');
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('nobody');
  });

  it('answers 409 duplicate-email for an email the provider already has, in any letter case', async () => {
    const session = newSession();
    const fixtureEmail = await provision(buyer({ email: 'Customer@Sandbox.example' }), session);
    expect(fixtureEmail.status).toBe(409);
    expect((await provision(buyer(), session)).status).toBe(201);
    const again = await provision(buyer({ name: 'Someone Else' }), session);
    expect(again.status).toBe(409);
  });
});
