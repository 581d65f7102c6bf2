import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { sessionNames, UPDATE_PATHS, usage } from './requests.js';

const sb = useSandbox();

const newSession = sessionNames('update');

it('answers 201 on all four spellings (singular/plural, with/without slash), accumulating one subscription', async () => {
  const session = newSession();
  const totals: number[] = [];
  for (const path of UPDATE_PATHS) {
    const res = await sb.call('POST', path, { body: usage({ count: 2 }), session });
    expect(res.status).toBe(201);
    totals.push(res.body.totalCount);
  }
  expect(totals).toEqual([2, 4, 6, 8]);
});

// Every condition on every spelling: the plural path is its own operation (updateSubscriptionPlural).
describe.each(UPDATE_PATHS)('POST %s', (path) => {
  const update = (body: unknown, session: string) => sb.call('POST', path, { body, session });

  describe('201 answers', () => {
    it('answers 201 subscription-updated echoing normalised values for string booleans and numeric strings', async () => {
      const res = await update(usage({ expired: 'False', count: '7.5', 'expired-date': '' }), newSession());
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        coid: 'SANDBOX-COID-1',
        sku: 'SANDBOX-SKU-1',
        expired: false,
        'expired-date': null,
        count: 7.5,
        totalCount: 7.5,
      });
    });

    it('answers 201 without a count and leaves the total as it was', async () => {
      const session = newSession();
      await update(usage({ count: 5 }), session);
      const res = await update(usage(), session);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ count: null, totalCount: 5 });
    });

    it('answers 201 subscription-expired for expired:true with a date or a date-time', async () => {
      for (const date of ['2017-04-30', '2017-04-30T17:00:00Z']) {
        const res = await update(usage({ expired: true, 'expired-date': date, count: 3 }), newSession());
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ expired: true, 'expired-date': date, count: 3, totalCount: 3 });
      }
    });
  });

  describe('400 answers', () => {
    it('answers 400 required-element-missing listing every missing element of an empty body', async () => {
      const res = await update({}, newSession());
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message: 'Required element(s) not provided',
        missing: ['coid', 'expired', 'sku', 'providerkey'],
      });
    });

    it('treats empty strings and null as not provided, as in the seed template', async () => {
      const res = await update(usage({ coid: '', providerkey: null }), newSession());
      expect(res.status).toBe(400);
      expect(res.body.missing).toEqual(['coid', 'providerkey']);
    });

    it('answers 400 required-element-missing before checking the providerkey', async () => {
      const res = await update({ coid: 'SANDBOX-COID-1', expired: false, providerkey: 'wrong' }, newSession());
      expect(res.status).toBe(400);
      expect(res.body.missing).toEqual(['sku']);
    });

    it.each([true, 'true', 'TRUE'])('answers 400 expired-date-missing when expired is %j without an expired-date', async (expired) => {
      const res = await update(usage({ expired }), newSession());
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: "expired set to 'true' & expired-date not provided", missing: ['expired-date'] });
    });

    it('answers 400 expired-date-missing for an empty expired-date', async () => {
      const res = await update(usage({ expired: 'true', 'expired-date': '' }), newSession());
      expect(res.status).toBe(400);
      expect(res.body.missing).toEqual(['expired-date']);
    });

    it.each<[Record<string, unknown>, string]>([
      [{ count: 'lots' }, 'count'],
      [{ count: -1 }, 'count'],
      [{ expired: 'yes' }, 'expired'],
      [{ expired: true, 'expired-date': '30/04/2017' }, 'expired-date'],
    ])('answers 400 invalid-element for %j', async (extra, field) => {
      const res = await update(usage(extra), newSession());
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(field);
      expect(res.body.missing).toBeUndefined();
    });
  });

  describe('403, 404 and 409 answers', () => {
    it('answers 403 invalid-providerkey for an unknown providerkey', async () => {
      const res = await update(usage({ providerkey: 'not-the-key' }), newSession());
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ message: 'Invalid providerkey' });
    });

    it('answers 403 before 404 when both the providerkey and the coid are wrong', async () => {
      const res = await update(usage({ providerkey: 'not-the-key', coid: 'NO-SUCH-COID' }), newSession());
      expect(res.status).toBe(403);
    });

    it.each(['NO-SUCH-COID', 'constructor'])('answers 404 unknown-coid for a coid the provider does not have (%s)', async (coid) => {
      const res = await update(usage({ coid }), newSession());
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: `Unknown coid: ${coid}` });
    });

    it('answers 404 unknown-sku for a sku that is not the account’s', async () => {
      const res = await update(usage({ sku: 'NO-SUCH-SKU' }), newSession());
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ message: 'Unknown sku for coid SANDBOX-COID-1: NO-SUCH-SKU' });
    });

    it('changes nothing on a rejected update', async () => {
      const session = newSession();
      await update(usage({ count: 3 }), session);
      await update(usage({ count: 100, sku: 'NO-SUCH-SKU' }), session);
      await update(usage({ count: 100, providerkey: 'nope' }), session);
      const res = await update(usage({ count: 1 }), session);
      expect(res.body.totalCount).toBe(4);
    });

    it('answers 409 subscription-terminated on the update after expired:true', async () => {
      const session = newSession();
      const end = await update(usage({ expired: 'true', 'expired-date': '2017-04-30' }), session);
      expect(end.status).toBe(201);
      const after = await update(usage({ count: 1 }), session);
      expect(after.status).toBe(409);
      expect(after.body).toEqual({ message: 'Subscription SANDBOX-COID-1 / SANDBOX-SKU-1 was terminated on 2017-04-30' });
    });
  });
});

describe('state', () => {
  it('records every update in the subscription history and redacts the provider keys', async () => {
    const session = newSession();
    await sb.call('POST', UPDATE_PATHS[0], { body: usage({ count: 2 }), session });
    await sb.call('POST', UPDATE_PATHS[3], { body: usage({ expired: true, 'expired-date': '2017-05-01', count: '1' }), session });
    const res = await sb.admin('GET', `/state?session=${session}`);
    const view = res.body.apis.centurylink;
    const account = view.accounts['SANDBOX-COID-1'];
    expect(account.subscription).toMatchObject({ count: 3, expired: true, expiredDate: '2017-05-01' });
    expect(account.subscription.history).toMatchObject([
      { count: 2, expired: false, expiredDate: null },
      { count: 1, expired: true, expiredDate: '2017-05-01' },
    ]);
    expect(view.providers.acme.providerkey).toBe('[REDACTED]');
    expect(view.providers.acme.provisionApiKey).toBe('[REDACTED]');
  });
});

// A usage count stays a number JSON can carry and counts exactly: bounded per call, and the total at 2^53 - 1.
describe.each(UPDATE_PATHS)('POST %s with counts near the limits', (path) => {
  const update = (body: unknown, session: string) => sb.call('POST', path, { body, session });

  it('takes the largest count per call, and refuses one past it (number or numeric string) as invalid-element', async () => {
    const session = newSession();
    expect((await update(usage({ count: 1e15 }), session)).body.totalCount).toBe(1e15);
    for (const count of [1e15 + 1, 1.7e308, '1'.repeat(400), '1'.repeat(16), `1.${'1'.repeat(7)}`]) {
      const res = await update(usage({ count }), session);
      expect(res.status, String(count).slice(0, 20)).toBe(400);
      expect(res.body).toEqual({ message: 'Invalid element(s): count' });
    }
    expect((await update(usage({ count: 0 }), session)).body.totalCount).toBe(1e15);
  });

  it('refuses a count that would take the total past 2^53 - 1 with total-out-of-range, keeping the total', async () => {
    const session = newSession();
    let total = 0;
    while (total + 1e15 <= Number.MAX_SAFE_INTEGER) total = (await update(usage({ count: 1e15 }), session)).body.totalCount;
    expect(total).toBe(9e15);
    const refused = await update(usage({ count: 1e15 }), session);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ message: `count would take the total for SANDBOX-COID-1 past ${Number.MAX_SAFE_INTEGER}` });
    const after = await update(usage({ count: 7 }), session);
    expect(after.body.totalCount).toBe(9e15 + 7);
    expect(Number.isFinite(after.body.totalCount)).toBe(true);
  });
});
