import { expect } from 'vitest';
import {
  CenturyLinkMarketplaceClient,
  isUpdated,
  type CenturyLinkError,
  type SubscriptionReport,
} from '../../../src/clients/centurylink-marketplace-client.js';
import type { ApiResult } from '../../../src/clients/http.js';
import { MatchersV3, type PactInteraction, type PactPair, type PactRequest } from '../pact-suite.js';

const { like } = MatchersV3;
const PROVIDER_KEY = 'sandbox-provider-key';
const JSON_HEADERS = { 'Content-Type': 'application/json' };
/** The fixture's subscription: provider acme's account SANDBOX-COID-1 on SANDBOX-SKU-1. */
const USAGE = { coid: 'SANDBOX-COID-1', expired: false, sku: 'SANDBOX-SKU-1', count: 12 } satisfies SubscriptionReport;

/** What the client sends for a report: its elements, `expired-date` spelled the seed's way, plus the providerkey. */
function post(report: SubscriptionReport, path = '/update-subscription/', providerkey = PROVIDER_KEY): PactRequest {
  const { expiredDate, ...rest } = report;
  const body = { ...rest, ...(expiredDate === undefined ? {} : { 'expired-date': expiredDate }), providerkey };
  return { method: 'POST', path, headers: JSON_HEADERS, body };
}

const errorOf = (result: ApiResult<unknown>) => result.body as CenturyLinkError;

type Interaction = PactInteraction<CenturyLinkMarketplaceClient>;

/** A report the marketplace refuses: the client returns its status and the envelope's message. */
function refused(description: string, state: string, report: SubscriptionReport, status: number, message: string): Interaction {
  return {
    description,
    state,
    request: post(report),
    response: { status, body: { message: like(message) } },
    async exercise(client) {
      const result = await client.updateSubscription(report);
      expect([result.status, isUpdated(result), typeof errorOf(result).message]).toEqual([status, false, 'string']);
    },
  };
}

/**
 * A SaaS provider reports usage and termination to the marketplace's `/update-subscription/` (seed: 201, 40x for a
 * missing element or a missing expired-date, 50x). The sandbox is the provider side of this pact.
 */
export const pair: PactPair<CenturyLinkMarketplaceClient> = {
  consumer: 'saas-provider',
  provider: 'centurylink-marketplace',
  verifyAt: '/centurylink',
  partnerIsProvider: false,
  makeClient: (baseUrl) => new CenturyLinkMarketplaceClient(baseUrl, PROVIDER_KEY),
  interactions: [
    {
      description: 'a usage update for an ongoing subscription',
      state: 'default fixture',
      request: post(USAGE),
      response: {
        status: 201,
        body: { coid: 'SANDBOX-COID-1', sku: 'SANDBOX-SKU-1', expired: false, 'expired-date': null, count: 12, totalCount: like(12) },
      },
      async exercise(client) {
        const result = await client.updateSubscription(USAGE);
        expect(isUpdated(result)).toBe(true);
        expect(result.body).toMatchObject({ coid: 'SANDBOX-COID-1', expired: false, count: 12 });
      },
    },
    {
      description: 'a termination with its expired-date after three usage updates',
      state: 'centurylink/usage-history',
      request: post({ ...USAGE, expired: true, expiredDate: '2017-04-30', count: 3 }),
      response: {
        status: 201,
        body: { coid: 'SANDBOX-COID-1', sku: 'SANDBOX-SKU-1', expired: true, 'expired-date': '2017-04-30', count: 3, totalCount: like(15) },
      },
      async exercise(client) {
        const result = await client.updateSubscription({ ...USAGE, expired: true, expiredDate: '2017-04-30', count: 3 });
        expect(isUpdated(result)).toBe(true);
        expect(result.body).toMatchObject({ expired: true, 'expired-date': '2017-04-30', totalCount: 15 });
      },
    },
    {
      description: 'a usage update on the plural spelling /update-subscriptions/',
      state: 'default fixture',
      request: post(USAGE, '/update-subscriptions/'),
      response: {
        status: 201,
        body: { coid: 'SANDBOX-COID-1', sku: 'SANDBOX-SKU-1', expired: false, 'expired-date': null, count: 12, totalCount: like(12) },
      },
      async exercise(client) {
        const plural = new CenturyLinkMarketplaceClient(client.baseUrl, PROVIDER_KEY, { path: '/update-subscriptions/' });
        const result = await plural.updateSubscription(USAGE);
        expect(isUpdated(result)).toBe(true);
      },
    },
    {
      description: 'an update with an empty coid and sku',
      state: 'default fixture',
      request: post({ coid: '', expired: false, sku: '' }),
      response: { status: 400, body: { message: 'Required element(s) not provided', missing: ['coid', 'sku'] } },
      async exercise(client) {
        const result = await client.updateSubscription({ coid: '', expired: false, sku: '' });
        expect([result.status, errorOf(result)]).toEqual([400, { message: 'Required element(s) not provided', missing: ['coid', 'sku'] }]);
      },
    },
    {
      description: 'a termination without its expired-date',
      state: 'default fixture',
      request: post({ ...USAGE, expired: true, count: 3 }),
      response: { status: 400, body: { message: "expired set to 'true' & expired-date not provided", missing: ['expired-date'] } },
      async exercise(client) {
        const result = await client.updateSubscription({ ...USAGE, expired: true, count: 3 });
        expect([result.status, errorOf(result).missing]).toEqual([400, ['expired-date']]);
      },
    },
    {
      description: 'a usage update with an unknown providerkey',
      state: 'default fixture',
      request: post(USAGE, '/update-subscription/', 'not-a-provider-key'),
      response: { status: 403, body: { message: like('Invalid providerkey') } },
      async exercise(client) {
        const stranger = new CenturyLinkMarketplaceClient(client.baseUrl, 'not-a-provider-key');
        const result = await stranger.updateSubscription(USAGE);
        expect([result.status, isUpdated(result)]).toEqual([403, false]);
      },
    },
    refused('a usage update for an unknown coid', 'default fixture', { ...USAGE, coid: 'NO-SUCH-COID' }, 404, 'Unknown coid: NO-SUCH-COID'),
    refused(
      'a usage update for a sku the account did not buy',
      'default fixture',
      { ...USAGE, sku: 'NO-SUCH-SKU' },
      404,
      'Unknown sku for coid SANDBOX-COID-1: NO-SUCH-SKU',
    ),
    refused(
      'a usage update for a terminated subscription',
      'centurylink/terminated-subscription',
      USAGE,
      409,
      'Subscription SANDBOX-COID-1 / SANDBOX-SKU-1 was terminated on 2017-04-30',
    ),
    refused('a usage update while the marketplace has a server error', 'centurylink/server-error', USAGE, 500, 'Server side error'),
  ],
};
