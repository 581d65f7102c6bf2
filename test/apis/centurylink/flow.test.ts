import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';

const sb = useSandbox();

describe('CenturyLink end to end', () => {
  it('provisions an account, reports usage twice, terminates it, then refuses further updates', async () => {
    const session = 'centurylink-flow';
    const provisioned = await sb.call('POST', '/centurylink/acme-provision-account/', {
      session,
      headers: { 'X-Api-Key': 'sandbox-provision-key' },
      body: { resellerkey: 'sandbox-reseller-key', name: 'Flow Buyer', email: 'flow@example.com', password: 'pw' },
    });
    expect(provisioned.status).toBe(201);
    const { coid } = provisioned.body;
    const base = { coid, sku: 'SANDBOX-SKU-1', providerkey: 'sandbox-provider-key' };

    const first = await sb.call('POST', '/centurylink/update-subscription/', { session, body: { ...base, expired: false, count: 10 } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ coid, count: 10, totalCount: 10, expired: false });

    const second = await sb.call('POST', '/centurylink/update-subscriptions/', { session, body: { ...base, expired: 'false', count: '5' } });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ count: 5, totalCount: 15 });

    const end = await sb.call('POST', '/centurylink/update-subscription', {
      session,
      body: { ...base, expired: 'true', 'expired-date': '2017-04-30' },
    });
    expect(end.status).toBe(201);
    expect(end.body).toMatchObject({ expired: true, 'expired-date': '2017-04-30', totalCount: 15 });

    const after = await sb.call('POST', '/centurylink/update-subscription/', { session, body: { ...base, expired: false, count: 1 } });
    expect(after.status).toBe(409);

    const state = await sb.admin('GET', `/state?session=${session}`);
    const history = state.body.apis.centurylink.accounts[coid].subscription.history;
    expect(history.map((h: { count: number | null }) => h.count)).toEqual([10, 5, null]);
  });
});
