import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { buyer, OPERATION_CALLS, PROVISION_KEY, PROVISION_PATHS, sessionNames, UPDATE_PATHS, usage } from './requests.js';

const sb = useSandbox();

const newSession = sessionNames('scenario');
const SERVER_ERROR = { message: 'Server side error' };

const scenario = (name: string) => ({ 'X-Mock-Scenario': `centurylink/${name}` });

/** Calls update-subscription, under a scenario when one is named. */
function update(session: string, body: unknown, name?: string, path: string = UPDATE_PATHS[0]) {
  return sb.call('POST', path, { body, session, headers: name ? scenario(name) : {} });
}

function provision(session: string, name?: string) {
  return sb.call('POST', PROVISION_PATHS[0], { body: buyer(), session, headers: { ...PROVISION_KEY, ...(name ? scenario(name) : {}) } });
}

async function subscriptionOf(session: string, coid = 'SANDBOX-COID-1') {
  const state = await sb.admin('GET', `/state?session=${session}`);
  return state.body.apis.centurylink.accounts[coid].subscription;
}

describe('centurylink/server-error', () => {
  it.each(OPERATION_CALLS)('answers 500 server-error on $operation at $path and changes nothing', async ({ path, headers, body }) => {
    const session = newSession();
    const res = await sb.call('POST', path, { body, session, headers: { ...headers, ...scenario('server-error') } });
    expect(res.status).toBe(500);
    expect(res.body).toEqual(SERVER_ERROR);
    const state = await sb.admin('GET', `/state?session=${session}`);
    expect(Object.keys(state.body.apis.centurylink.accounts)).toEqual(['SANDBOX-COID-1']);
    expect(state.body.apis.centurylink.accounts['SANDBOX-COID-1'].subscription.history).toEqual([]);
  });
});

describe('centurylink/flaky-update', () => {
  it('fails exactly twice (either spelling) with 500, then applies the update', async () => {
    const session = newSession();
    const statuses: number[] = [];
    for (const path of [UPDATE_PATHS[0], UPDATE_PATHS[2], UPDATE_PATHS[3], UPDATE_PATHS[1]]) {
      const res = await update(session, usage({ count: 2 }), 'flaky-update', path);
      statuses.push(res.status);
      if (res.status === 500) expect(res.body).toEqual(SERVER_ERROR);
    }
    expect(statuses).toEqual([500, 500, 201, 201]);
    expect(await subscriptionOf(session)).toMatchObject({ count: 4 });
  });

  it('leaves provisioning alone', async () => {
    expect((await provision(newSession(), 'flaky-update')).status).toBe(201);
  });
});

describe('centurylink/slow-provisioning', () => {
  it('answers provision-account normally after at least 1.5 s', async () => {
    const started = performance.now();
    const res = await provision(newSession(), 'slow-provisioning');
    expect(performance.now() - started).toBeGreaterThanOrEqual(1450);
    expect(res.status).toBe(201);
    expect(res.body.coid).toMatch(/^COID-/);
  });
});

describe('centurylink/update-connection-reset', () => {
  it.each(UPDATE_PATHS)('resets the connection at %s without applying the update', async (path) => {
    const session = newSession();
    await expect(update(session, usage({ count: 5 }), 'update-connection-reset', path)).rejects.toThrow();
    const after = await update(session, usage({ count: 1 }));
    expect(after.body.totalCount).toBe(1);
  });
});

describe('centurylink/terminated-subscription', () => {
  it('answers 409 subscription-terminated on the first update of SANDBOX-COID-1', async () => {
    const session = newSession();
    for (const path of UPDATE_PATHS) {
      const res = await update(session, usage({ count: 1 }), 'terminated-subscription', path);
      expect(res.status).toBe(409);
      expect(res.body).toEqual({ message: 'Subscription SANDBOX-COID-1 / SANDBOX-SKU-1 was terminated on 2017-04-30' });
    }
    expect(await subscriptionOf(session)).toMatchObject({ count: 15, expired: true, expiredDate: '2017-04-30' });
  });

  it('still provisions new accounts, whose subscriptions take updates', async () => {
    const session = newSession();
    const { body } = await provision(session, 'terminated-subscription');
    const res = await update(session, usage({ coid: body.coid, count: 2 }), 'terminated-subscription');
    expect(res.status).toBe(201);
  });

  it('is also a Pact provider state', async () => {
    const session = newSession();
    const setup = await sb.admin('POST', `/provider-states?session=${session}`, { state: 'centurylink/terminated-subscription', action: 'setup' });
    expect(setup.status).toBe(200);
    expect((await update(session, usage({ count: 1 }))).status).toBe(409);
  });
});

describe('centurylink/usage-history', () => {
  it('starts SANDBOX-COID-1 at a total of 12 from three past reports, and adds the next count to it', async () => {
    const session = newSession();
    const res = await update(session, usage({ count: 3 }), 'usage-history', UPDATE_PATHS[2]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ count: 3, totalCount: 15 });
    const sub = await subscriptionOf(session);
    expect(sub.history.map((h: { count: number }) => h.count)).toEqual([5, 4, 3, 3]);
  });
});

describe('centurylink/count-mode-replace', () => {
  it('replaces the stored total with each count', async () => {
    const session = newSession();
    const totals: number[] = [];
    for (const count of [4, 6, 2]) totals.push((await update(session, usage({ count }), 'count-mode-replace')).body.totalCount);
    expect(totals).toEqual([4, 6, 2]);
  });

  it('stays applied when made sticky for the session', async () => {
    const session = newSession();
    const put = await sb.admin('PUT', `/sessions/${session}/scenario`, { scenario: 'centurylink/count-mode-replace' });
    expect(put.status).toBeLessThan(300);
    await update(session, usage({ count: 4 }));
    expect((await update(session, usage({ count: 6 }))).body.totalCount).toBe(6);
  });
});
