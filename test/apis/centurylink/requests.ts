/** Request builders shared by the CenturyLink tests: valid bodies for the fixture, and every path spelling. */

/** The seed spells the path both ways, and the sandbox matches a trailing slash as optional. */
export const UPDATE_PATHS = [
  '/centurylink/update-subscription/',
  '/centurylink/update-subscription',
  '/centurylink/update-subscriptions/',
  '/centurylink/update-subscriptions',
] as const;

export const PROVISION_PATHS = ['/centurylink/acme-provision-account/', '/centurylink/acme-provision-account'] as const;

export const PROVISION_KEY: Record<string, string> = { 'X-Api-Key': 'sandbox-provision-key' };

/** A valid usage update for the fixture's account SANDBOX-COID-1. */
export const usage = (extra: Record<string, unknown> = {}) => ({
  coid: 'SANDBOX-COID-1',
  expired: false,
  sku: 'SANDBOX-SKU-1',
  providerkey: 'sandbox-provider-key',
  ...extra,
});

/** A valid provisioning request for the reference provider acme. */
export const buyer = (extra: Record<string, unknown> = {}) => ({
  resellerkey: 'sandbox-reseller-key',
  name: 'Jane Buyer',
  email: 'jane.buyer@example.com',
  ...extra,
});

/** One request per operation × spelling: what a valid call looks like there. */
export interface OperationCall {
  operation: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export const OPERATION_CALLS: OperationCall[] = [
  ...UPDATE_PATHS.map((path) => ({
    operation: path.includes('subscriptions') ? 'updateSubscriptionPlural' : 'updateSubscription',
    path,
    headers: {},
    body: usage({ count: 1 }),
  })),
  ...PROVISION_PATHS.map((path) => ({ operation: 'provisionAccount', path, headers: PROVISION_KEY, body: buyer() })),
];

/** Distinct session ids, so tests do not see each other's state. */
export function sessionNames(prefix: string): () => string {
  let n = 0;
  return () => `centurylink-${prefix}-${++n}`;
}
