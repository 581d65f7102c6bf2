import type { OemState, OemVendor } from './state.js';
import type { CredentialMap, CredentialTemplate } from './types.js';

/**
 * Whether the keys of `credentials` are exactly the vendor's template keys. `[INF]` Keys compare trimmed and
 * case-insensitively, through the fixture's aliases, because the seed itself writes `api username` in the
 * template and `api user` in its examples.
 */
export function fitsTemplate(state: OemState, vendor: OemVendor, credentials: CredentialMap): boolean {
  if (!state.checkCredentialKeys) return true;
  const aliases = normalisedAliases(state.credentialKeyAliases);
  const canonical = (key: string): string => aliases[normaliseKey(key)] ?? normaliseKey(key);
  const expected = new Set(Object.keys(vendor.integrationCredentialTemplate).map(canonical));
  const given = Object.keys(credentials).map(canonical);
  return given.length === expected.size && new Set(given).size === given.length && given.every((k) => expected.has(k));
}

/** The credentials' keys with blank values: what the list shows instead of the (write-only) secrets. */
export function blankTemplate(credentials: CredentialMap): CredentialTemplate {
  return Object.fromEntries(Object.keys(credentials).map((key) => [key, ''] as const));
}

function normaliseKey(key: string): string {
  return key.trim().toLowerCase();
}

function normalisedAliases(aliases: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(aliases).map(([from, to]) => [normaliseKey(from), normaliseKey(to)]));
}
