import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../src/engine/sessions/fixture.js';
import { overlayFixture } from '../../../src/engine/sessions/fixture-overlay.js';
import { fromRoot } from '../../../src/engine/paths.js';
import type { IdSource, RequestContext } from '../../../src/engine/api-module.js';
import { centurylinkApi } from '../../../src/apis/centurylink/index.js';
import { type CenturyLinkState, createState } from '../../../src/apis/centurylink/state.js';

const fixture = (countMode?: string) => ({
  providers: {
    acme: { providerkey: 'pk', provisionApiKey: 'ak', skus: ['SKU-1'], ...(countMode ? { countMode } : {}) },
  },
  accounts: [{ coid: 'C1', provider: 'acme', name: 'N', email: 'n@example.com', sku: 'SKU-1' }],
});

function ctxFor(state: CenturyLinkState, body: unknown): RequestContext<CenturyLinkState> {
  return {
    operationId: 'updateSubscription',
    state,
    params: {},
    query: {},
    headers: {},
    body,
    ids: {} as IdSource,
    now: () => new Date('2017-04-01T00:00:00Z'),
    apiBaseUrl: 'http://127.0.0.1/centurylink',
    sandboxBaseUrl: 'http://127.0.0.1',
    ownApiUrl: 'http://127.0.0.1/centurylink',
    sessionId: 'unit',
  };
}

describe('centurylink state', () => {
  it('accumulates counts by default', () => {
    const state = createState(fixture());
    const body = { coid: 'C1', sku: 'SKU-1', providerkey: 'pk', expired: false, count: 4 };
    centurylinkApi.operations.updateSubscription.handler(ctxFor(state, body));
    centurylinkApi.operations.updateSubscription.handler(ctxFor(state, body));
    expect(state.accounts.C1.subscription.count).toBe(8);
  });

  it('replaces the count when the provider’s countMode is replace', () => {
    const state = createState(fixture('replace'));
    const body = { coid: 'C1', sku: 'SKU-1', providerkey: 'pk', expired: false };
    centurylinkApi.operations.updateSubscription.handler(ctxFor(state, { ...body, count: 4 }));
    centurylinkApi.operations.updateSubscription.handler(ctxFor(state, { ...body, count: 6 }));
    expect(state.accounts.C1.subscription.count).toBe(6);
    expect(state.accounts.C1.subscription.history).toHaveLength(2);
  });

  it('rejects a fixture with an unknown countMode or a provider without SKUs', () => {
    expect(() => createState(fixture('sometimes'))).toThrow(/countMode/);
    expect(() => createState({ providers: { x: { providerkey: 'a', provisionApiKey: 'b', skus: [] } } })).toThrow(/skus/);
  });

  it('is plain JSON and redacts keys in its view', () => {
    const state = createState({ ...fixture(), accounts: [{ ...fixture().accounts[0], resellerkey: 'rk' }] });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const view = JSON.stringify(centurylinkApi.viewState(state));
    expect(view).not.toMatch(/"pk"|"ak"|"rk"/);
  });

  it('derives a subscription’s total from its fixture history when no count is given', () => {
    const history = [{ at: '2017-04-01T00:00:00Z', count: 5 }, { at: '2017-04-02T00:00:00Z' }, { at: '2017-04-03T00:00:00Z', count: 2 }];
    const account = { ...fixture().accounts[0], history };
    expect(createState({ ...fixture(), accounts: [account] }).accounts.C1.subscription.count).toBe(7);
    expect(createState({ ...fixture('replace'), accounts: [account] }).accounts.C1.subscription.count).toBe(2);
    expect(createState({ ...fixture(), accounts: [{ ...account, count: 1 }] }).accounts.C1.subscription.count).toBe(1);
    expect(() => createState({ ...fixture(), accounts: [{ ...account, history: [{ at: 'x', count: -1 }] }] })).toThrow(/count/);
  });

  it('lets a later account with the same coid replace the earlier one (how a scenario changes a fixture account)', () => {
    const state = createState({ ...fixture(), accounts: [...fixture().accounts, { ...fixture().accounts[0], name: 'Later', expired: true }] });
    expect(Object.keys(state.accounts)).toEqual(['C1']);
    expect(state.accounts.C1).toMatchObject({ name: 'Later', subscription: { expired: true } });
  });
});

describe('centurylink scenario set-ups', () => {
  const dir = fromRoot('scenarios/centurylink');
  const withSetup = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f, parse(readFileSync(`${dir}/${f}`, 'utf8')).setup] as const)
    .filter(([, setup]) => setup !== undefined);

  it.each(withSetup)('%s builds a state over the default fixture', (_file, setup) => {
    const state = createState(overlayFixture(loadFixture().centurylink, setup));
    expect(state.accounts['SANDBOX-COID-1']).toBeDefined();
  });
});

describe('centurylink duplicate-email lookup', () => {
  it('finds an existing email in any case, also in a saved state without the index', () => {
    const state = createState(fixture());
    const { accountsByEmail: _index, ...saved } = JSON.parse(JSON.stringify(state)) as CenturyLinkState;
    // As a store loads it: through the module's restoreState.
    for (const s of [state, centurylinkApi.restoreState!(saved)]) {
      const ctx = { ...ctxFor(s, { resellerkey: 'r', name: 'N', email: 'N@Example.com' }), operationId: 'provisionAccount', params: { providerName: 'acme' }, headers: { 'x-api-key': 'ak' } };
      expect(centurylinkApi.operations.provisionAccount.handler(ctx)).toMatchObject({ status: 409, example: 'duplicate-email' });
    }
    expect(Object.keys(centurylinkApi.viewState(state) as object)).toEqual(['providers', 'accounts']);
  });
});
