import { getOwn, setOwn } from '../keyed.js';
import type { ProfileField } from './types.js';

export { getOwn } from '../keyed.js';

/** How a provider's `count` values combine ([INF]: the seed only says "pass the aggregated usage value"). */
export type CountMode = 'accumulate' | 'replace';

export interface Provider {
  name: string;
  /** The credential of `/update-subscription/`. */
  providerkey: string;
  /** The `X-Api-Key` the marketplace must send to this provider's provision-account endpoint. */
  provisionApiKey: string;
  skus: string[];
  countMode: CountMode;
}

export interface HistoryEntry {
  at: string;
  count: number | null;
  expired: boolean;
  expiredDate: string | null;
}

export interface Subscription {
  sku: string;
  count: number;
  expired: boolean;
  expiredDate: string | null;
  history: HistoryEntry[];
}

export interface Account {
  coid: string;
  provider: string;
  name: string;
  email: string;
  resellerkey: string | null;
  profile: Partial<Record<ProfileField, string>>;
  createdAt: string | null;
  subscription: Subscription;
}

export interface CenturyLinkState {
  providers: Record<string, Provider>;
  /** Keyed by coid. */
  accounts: Record<string, Account>;
  /**
   * provider name → lower-case email → coid, so provision-account's duplicate check scans nothing. Derived from
   * `accounts` and never shown. Persisted with the state ([INF]: a shared store loads the session on every
   * request, and rebuilding would scan every account each time); `restoreState` builds it for a state saved
   * before it existed.
   */
  accountsByEmail: Record<string, Record<string, string>>;
}

export function findProviderByKey(state: CenturyLinkState, providerkey: string): Provider | undefined {
  return Object.values(state.providers).find((p) => p.providerkey === providerkey);
}

export function hasEmail(state: CenturyLinkState, provider: string, email: string): boolean {
  const byEmail = getOwn(state.accountsByEmail, provider);
  return byEmail !== undefined && getOwn(byEmail, email.toLowerCase()) !== undefined;
}

/** Stores a new account (accounts are never removed, and their provider and email never change). */
export function addAccount(state: CenturyLinkState, account: Account): void {
  setOwn(state.accounts, account.coid, account);
  indexEmail(state.accountsByEmail, account);
}

/** A state as a store kept it, with the email index a state saved before the index existed lacks. */
export function restoreState(saved: unknown): CenturyLinkState {
  const state = saved as CenturyLinkState;
  state.accountsByEmail ??= emailIndexOf(state.accounts);
  return state;
}

function emailIndexOf(accounts: Record<string, Account>): Record<string, Record<string, string>> {
  const index: Record<string, Record<string, string>> = {};
  for (const account of Object.values(accounts)) indexEmail(index, account);
  return index;
}

function indexEmail(index: Record<string, Record<string, string>>, account: Account): void {
  let byEmail = getOwn(index, account.provider);
  if (!byEmail) setOwn(index, account.provider, (byEmail = {}));
  setOwn(byEmail, account.email.toLowerCase(), account.coid);
}

// ---- fixture ---------------------------------------------------------------------------------------------

type Loose = Record<string, unknown>;

function asObject(value: unknown, where: string): Loose {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`centurylink fixture: ${where} must be an object`);
  }
  return value as Loose;
}

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`centurylink fixture: ${where} must be a non-empty string`);
  return value;
}

function readProvider(name: string, raw: unknown): Provider {
  const p = asObject(raw, `providers.${name}`);
  const skus = Array.isArray(p.skus) ? p.skus.map((s, i) => asString(s, `providers.${name}.skus[${i}]`)) : [];
  // The reference provider gives new accounts its first SKU, so a provider without one cannot provision.
  if (skus.length === 0) throw new Error(`centurylink fixture: providers.${name}.skus must list at least one SKU`);
  const countMode = p.countMode ?? 'accumulate';
  if (countMode !== 'accumulate' && countMode !== 'replace') {
    throw new Error(`centurylink fixture: providers.${name}.countMode must be accumulate or replace`);
  }
  return {
    name,
    providerkey: asString(p.providerkey, `providers.${name}.providerkey`),
    provisionApiKey: asString(p.provisionApiKey, `providers.${name}.provisionApiKey`),
    skus,
    countMode,
  };
}

function readHistoryEntry(raw: unknown, where: string): HistoryEntry {
  const h = asObject(raw, where);
  const count = h.count ?? null;
  if (count !== null && (typeof count !== 'number' || count < 0)) {
    throw new Error(`centurylink fixture: ${where}.count must be a non-negative number`);
  }
  const expired = h.expired === true;
  return {
    at: asString(h.at, `${where}.at`),
    count,
    expired,
    expiredDate: expired && typeof h.expiredDate === 'string' ? h.expiredDate : null,
  };
}

/** The stored total an account's past reports add up to, by the provider's countMode. */
function totalOf(history: HistoryEntry[], countMode: CountMode): number {
  const counts = history.map((h) => h.count).filter((c): c is number => c !== null);
  if (counts.length === 0) return 0;
  return countMode === 'replace' ? counts[counts.length - 1] : counts.reduce((sum, c) => sum + c, 0);
}

function readAccount(raw: unknown, i: number, providers: Record<string, Provider>): Account {
  const a = asObject(raw, `accounts[${i}]`);
  const provider = asString(a.provider, `accounts[${i}].provider`);
  const owner = getOwn(providers, provider);
  if (!owner) throw new Error(`centurylink fixture: accounts[${i}].provider ${provider} is unknown`);
  const rawHistory = a.history ?? [];
  if (!Array.isArray(rawHistory)) throw new Error(`centurylink fixture: accounts[${i}].history must be a list`);
  const history = rawHistory.map((h, j) => readHistoryEntry(h, `accounts[${i}].history[${j}]`));
  const expired = a.expired === true;
  return {
    coid: asString(a.coid, `accounts[${i}].coid`),
    provider,
    name: asString(a.name, `accounts[${i}].name`),
    email: asString(a.email, `accounts[${i}].email`),
    resellerkey: typeof a.resellerkey === 'string' ? a.resellerkey : null,
    profile: {},
    createdAt: typeof a.createdAt === 'string' ? a.createdAt : null,
    subscription: {
      sku: asString(a.sku, `accounts[${i}].sku`),
      // An explicit total wins; otherwise the past reports give it, so a fixture cannot contradict itself by omission.
      count: typeof a.count === 'number' ? a.count : totalOf(history, owner.countMode),
      expired,
      expiredDate: expired && typeof a.expiredDate === 'string' ? a.expiredDate : null,
      history,
    },
  };
}

/**
 * A fresh state from the `centurylink` section of the fixture (`scenarios/default.yaml`). An account listed
 * again with the same coid replaces the earlier one: a scenario's `setup` can only append to `accounts`, and
 * this is how it changes a fixture account (e.g. terminates SANDBOX-COID-1).
 */
export function createState(fixture: unknown): CenturyLinkState {
  const root = fixture === undefined || fixture === null ? {} : asObject(fixture, 'centurylink');
  const providers: Record<string, Provider> = {};
  for (const [name, raw] of Object.entries(asObject(root.providers ?? {}, 'providers'))) {
    setOwn(providers, name, readProvider(name, raw));
  }
  const accounts: Record<string, Account> = {};
  const list = root.accounts ?? [];
  if (!Array.isArray(list)) throw new Error('centurylink fixture: accounts must be a list');
  list.forEach((raw, i) => {
    const account = readAccount(raw, i, providers);
    setOwn(accounts, account.coid, account);
  });
  // Once the accounts are final: an account a later one replaced must leave no email behind.
  return { providers, accounts, accountsByEmail: emailIndexOf(accounts) };
}

const REDACTED = '[REDACTED]';

/** The state for `/__sandbox/state`: provider keys and reseller keys hidden (passwords are never stored). */
export function viewState(state: CenturyLinkState): unknown {
  const providers = Object.fromEntries(
    Object.entries(state.providers).map(([name, p]) => [name, { ...p, providerkey: REDACTED, provisionApiKey: REDACTED }]),
  );
  const accounts = Object.fromEntries(
    Object.entries(state.accounts).map(([coid, a]) => [coid, { ...a, resellerkey: a.resellerkey === null ? null : REDACTED }]),
  );
  return { providers, accounts };
}
