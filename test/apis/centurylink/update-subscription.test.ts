import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type TestSandbox } from '../../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

let sessions = 0;
const newSession = () => `centurylink-update-${++sessions}`;

/** A valid usage update for the fixture's account. */
const usage = (extra: Record<string, unknown> = {}) => ({
  coid: 'SANDBOX-COID-1',
  expired: false,
  sku: 'SANDBOX-SKU-1',
  providerkey: 'sandbox-provider-key',
  ...extra,
});

const update = (body: unknown, session: string, path = '/centurylink/update-subscription/') =>
  sb.call('POST', path, { body, session });

describe('POST /update-subscription/ (both spellings)', () => {
  it('answers 201 on all four spellings (singular/plural, with/without slash), accumulating one subscription', async () => {
    const session = newSession();
    const paths = [
      '/centurylink/update-subscription/',
      '/centurylink/update-subscription',
      '/centurylink/update-subscriptions/',
      '/centurylink/update-subscriptions',
    ];
    const totals: number[] = [];
    for (const path of paths) {
      const res = await update(usage({ count: 2 }), session, path);
      expect(res.status).toBe(201);
      totals.push(res.body.totalCount);
    }
    expect(totals).toEqual([2, 4, 6, 8]);
  });

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

  it('answers 201 subscription-expired for expired:true with a date-time', async () => {
    const res = await update(usage({ expired: true, 'expired-date': '2017-04-30T17:00:00Z' }), newSession());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ expired: true, 'expired-date': '2017-04-30T17:00:00Z' });
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

  it('answers 400 expired-date-missing when expired is true without an expired-date', async () => {
    for (const expired of [true, 'true', 'TRUE']) {
      const res = await update(usage({ expired }), newSession());
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/expired.*expired-date/);
      expect(res.body.missing).toEqual(['expired-date']);
    }
  });

  it('answers 400 expired-date-missing for an empty expired-date', async () => {
    const res = await update(usage({ expired: 'true', 'expired-date': '' }), newSession());
    expect(res.status).toBe(400);
    expect(res.body.missing).toEqual(['expired-date']);
  });

  it('answers 400 invalid-element for a non-numeric count, a bad expired or a bad date', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ count: 'lots' }, 'count'],
      [{ count: -1 }, 'count'],
      [{ expired: 'yes' }, 'expired'],
      [{ expired: true, 'expired-date': '30/04/2017' }, 'expired-date'],
    ];
    for (const [extra, field] of cases) {
      const res = await update(usage(extra), newSession());
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(field);
      expect(res.body.missing).toBeUndefined();
    }
  });

  it('answers 400 malformed-body for invalid JSON and for a JSON array', async () => {
    const session = newSession();
    const bad = await sb.call('POST', '/centurylink/update-subscription/', { raw: "{'coid': ''}", session });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBeTypeOf('string');
    const array = await update([usage()], session);
    expect(array.status).toBe(400);
    expect(array.body.message).toBe('The request body must be a JSON object');
  });

  it('answers 415 for a form-encoded body', async () => {
    const res = await sb.call('POST', '/centurylink/update-subscription/', {
      body: { coid: 'SANDBOX-COID-1', expired: 'false', sku: 'SANDBOX-SKU-1', providerkey: 'sandbox-provider-key' },
      form: true,
      session: newSession(),
    });
    expect(res.status).toBe(415);
  });

  it('answers 413 for a body over the size limit', async () => {
    const raw = JSON.stringify(usage({ padding: 'x'.repeat(2 * 1024 * 1024) }));
    const res = await sb.call('POST', '/centurylink/update-subscription/', { raw, session: newSession() });
    expect(res.status).toBe(413);
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

  it('answers 404 unknown-coid for a coid the provider does not have', async () => {
    for (const coid of ['NO-SUCH-COID', 'constructor']) {
      const res = await update(usage({ coid }), newSession());
      expect(res.status).toBe(404);
      expect(res.body.message).toContain(coid);
    }
  });

  it('answers 404 unknown-sku for a sku that is not the account’s', async () => {
    const res = await update(usage({ sku: 'NO-SUCH-SKU' }), newSession());
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('NO-SUCH-SKU');
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
    const after = await update(usage({ count: 1 }), session, '/centurylink/update-subscriptions');
    expect(after.status).toBe(409);
    expect(after.body.message).toContain('2017-04-30');
  });
});

describe('state', () => {
  it('records every update in the subscription history and redacts the provider keys', async () => {
    const session = newSession();
    await update(usage({ count: 2 }), session);
    await update(usage({ expired: true, 'expired-date': '2017-05-01', count: '1' }), session);
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
