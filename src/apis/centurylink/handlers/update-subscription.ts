import type { Reply } from '../../../engine/api-module.js';
import { isProvided, isTrue } from '../body-checks.js';
import { errorReply } from '../errors.js';
import { type Account, type CenturyLinkState, type Provider, findProviderByKey, getOwn } from '../state.js';
import type { OperationContext, UpdateSubscriptionBody } from '../types.js';

/** The update with the seed's loosely typed values made concrete. */
interface Update {
  coid: string;
  sku: string;
  providerkey: string;
  expired: boolean;
  expiredDate: string | null;
  count: number | null;
}

function normalise(body: UpdateSubscriptionBody): Update {
  const expired = isTrue(body.expired);
  const rawDate = body['expired-date'];
  return {
    coid: body.coid,
    sku: body.sku,
    providerkey: body.providerkey,
    expired,
    // A date sent with expired false means nothing to the marketplace, so it is not kept.
    expiredDate: expired && isProvided(rawDate) ? String(rawDate) : null,
    count: isProvided(body.count) ? Number(body.count) : null,
  };
}

type Target = { provider: Provider; account: Account };

/** 403 → 404 coid → 404 sku → 409, the order documented in the spec; the subscription when the update may apply. */
function locate(state: CenturyLinkState, update: Update): Reply | Target {
  const provider = findProviderByKey(state, update.providerkey);
  if (!provider) return errorReply(403, 'invalid-providerkey', 'Invalid providerkey');
  const account = getOwn(state.accounts, update.coid);
  // Another provider's customer is reported as unknown, so a providerkey cannot probe other providers' coids.
  if (!account || account.provider !== provider.name) {
    return errorReply(404, 'unknown-coid', `Unknown coid: ${update.coid}`);
  }
  if (!ownsSku(provider, account, update.sku)) {
    return errorReply(404, 'unknown-sku', `Unknown sku for coid ${update.coid}: ${update.sku}`);
  }
  const sub = account.subscription;
  if (sub.expired) {
    const when = sub.expiredDate ? ` on ${sub.expiredDate}` : '';
    return errorReply(409, 'subscription-terminated', `Subscription ${account.coid} / ${sub.sku} was terminated${when}`);
  }
  return { provider, account };
}

function ownsSku(provider: Provider, account: Account, sku: string): boolean {
  return provider.skus.includes(sku) && account.subscription.sku === sku;
}

function apply(provider: Provider, account: Account, update: Update, at: string): void {
  const sub = account.subscription;
  if (update.count !== null) {
    sub.count = provider.countMode === 'replace' ? update.count : sub.count + update.count;
  }
  if (update.expired) {
    sub.expired = true;
    sub.expiredDate = update.expiredDate;
  }
  sub.history.push({ at, count: update.count, expired: update.expired, expiredDate: update.expiredDate });
}

/** `POST /update-subscription/` and its plural spelling `/update-subscriptions/` (both in the seed). */
export function updateSubscription(ctx: OperationContext<'updateSubscription'>): Reply {
  // The schema states the rules of `updateBodyProblem` too, so a body that reaches the handler has none of its
  // 400s: those are answered once, by rejectInvalidUpdate.
  const update = normalise(ctx.body);
  const target = locate(ctx.state, update);
  if ('status' in target) return target;

  const { provider, account } = target;
  const total = update.count === null ? account.subscription.count : provider.countMode === 'replace' ? update.count : account.subscription.count + update.count;
  // [INF] Past 2^53 a total no longer counts exactly (and past the largest double JSON cannot carry it): refused
  // before anything is kept.
  if (total > Number.MAX_SAFE_INTEGER) {
    return errorReply(400, 'total-out-of-range', `count would take the total for ${account.coid} past ${Number.MAX_SAFE_INTEGER}`);
  }
  apply(provider, account, update, ctx.now().toISOString());
  return {
    status: 201,
    example: update.expired ? 'subscription-expired' : 'subscription-updated',
    body: {
      coid: update.coid,
      sku: update.sku,
      expired: update.expired,
      'expired-date': update.expiredDate,
      count: update.count,
      totalCount: account.subscription.count,
    },
  };
}
