import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();

const OEM_CREDS = { clientId: 'oem-sandbox-client', clientSecret: 'oem-sandbox-secret', grantType: 'client_credentials', scope: 'vendor_manage' };
const TOKEN = { authorization: 'Bearer integrator-sandbox-token' };
const statuses = (results: { status: number }[]) => results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

describe('concurrent requests, per session', () => {
  it('100 identical Cloud 66 links: exactly one 200 and 99 "already linked", in each of two sessions', async () => {
    for (const session of ['race-c66-a', 'race-c66-b']) {
      const results = await Promise.all(
        Array.from({ length: 100 }, () => sb.call('POST', '/cloud66/partners/acme/integrations', { body: { link_uid: 'abc123', user_email: 'jon@smith.com' }, session })),
      );
      expect(statuses(results), session).toEqual({ 200: 1, 403: 99 });
      expect(results.filter((r) => r.status === 403).every((r) => r.body.error_description === 'ACME Monitoring is already linked to this account')).toBe(true);
    }
  });

  it('100 concurrent OEM creates of one organization × vendor: exactly one 201, the rest 409', async () => {
    const body = { ...OEM_CREDS, organizationOemToken: 'org-sandbox-token', data: { vendorId: '43211235', integrationCredentials: { 'api key': 'k', 'api username': 'u' } } };
    const results = await Promise.all(Array.from({ length: 100 }, () => sb.call('POST', '/oem/api/oem-api/integration', { body, session: 'race-oem' })));
    expect(statuses(results)).toEqual({ 201: 1, 409: 99 });
  });

  it('concurrent integrator.io PUTs never lose a field: the last writer wins as a whole document', async () => {
    const id = '554155c853bb53af2900000b';
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sb.call('PUT', `/integrator/v1/integrations/${id}`, { body: { name: `name-${i}`, description: `description-${i}`, tag: `tag-${i}` }, headers: TOKEN, session: 'race-iio' }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const final = (await sb.call('GET', `/integrator/v1/integrations/${id}`, { headers: TOKEN, session: 'race-iio' })).body;
    const n = /^name-(\d+)$/.exec(final.name)?.[1];
    expect(n).toBeDefined();
    expect([final.description, final.tag]).toEqual([`description-${n}`, `tag-${n}`]);
  });
});
