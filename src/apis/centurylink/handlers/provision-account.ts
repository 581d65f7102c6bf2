import type { Reply, RequestContext } from '../../../engine/api-module.js';
import { errorReply } from '../errors.js';
import { type Account, type CenturyLinkState, type Provider, addAccount, getOwn, hasEmail } from '../state.js';
import { type OperationContext, PROFILE_FIELDS, type ProvisionAccountBody } from '../types.js';

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The reference provider's gate, run before schema validation: an unknown provider answers 404 first, because
 * without a provider there is no key to compare the `X-Api-Key` header with ([INF]).
 */
export function authenticateProvision(ctx: RequestContext<CenturyLinkState>): Reply | undefined {
  const provider = getOwn(ctx.state.providers, ctx.params.providerName ?? '');
  if (!provider) return errorReply(404, 'unknown-provider', `Unknown provider: ${ctx.params.providerName}`);
  if (headerValue(ctx.headers['x-api-key']) !== provider.provisionApiKey) {
    return errorReply(401, 'invalid-api-key', 'Missing or invalid X-Api-Key header');
  }
  return undefined;
}

/** Co IDs only from the session's seeded ids, retried on the (unlikely) clash with an existing one. */
function newCoid(ctx: RequestContext<CenturyLinkState>): string {
  let coid: string;
  do coid = `COID-${ctx.ids.hex(12).toUpperCase()}`;
  while (getOwn(ctx.state.accounts, coid));
  return coid;
}

function buildAccount(coid: string, provider: Provider, body: ProvisionAccountBody, createdAt: string): Account {
  const profile: Account['profile'] = {};
  for (const field of PROFILE_FIELDS) {
    const value = body[field];
    if (typeof value === 'string') profile[field] = value;
  }
  // The password (and any extra key) is dropped here on purpose: the sandbox stores nothing of it.
  return {
    coid,
    provider: provider.name,
    name: body.name,
    email: body.email,
    resellerkey: body.resellerkey,
    profile,
    createdAt,
    subscription: { sku: provider.skus[0], count: 0, expired: false, expiredDate: null, history: [] },
  };
}

/** `POST /{providerName}-provision-account/`: the reference provider creates the account and returns its Co ID. */
export function provisionAccount(ctx: OperationContext<'provisionAccount'>): Reply {
  // authenticateProvision has found the provider, and the schema requires what `provisionBodyProblem` checks.
  const provider = ctx.state.providers[ctx.params.providerName];
  const { body } = ctx;
  if (hasEmail(ctx.state, provider.name, body.email)) {
    return errorReply(409, 'duplicate-email', 'An account with this email address already exists');
  }
  const account = buildAccount(newCoid(ctx), provider, body, ctx.now().toISOString());
  addAccount(ctx.state, account);
  return { status: 201, example: 'account-provisioned', body: { coid: account.coid } };
}
