import type { IdSource } from '../../engine/api-module.js';
import { emailKey, getOwn, pushUnder, setFirst } from '../keyed.js';
import type { CredentialMap } from './types.js';

/** A vendor's OAuth client (the caller of this API). */
export interface OemClient {
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

/** One of the vendor's partners (an MSP); its token authorizes organization-scoped calls. */
export interface OemOrganization {
  id: string;
  organizationOemToken: string;
  name: string;
  email: string;
  vendorOrganizationId?: string;
}

export interface OemUser {
  organizationId: string;
  email: string;
  firstName: string;
  lastName: string;
  vendorUserId: string;
  vendorOrganizationId?: string;
}

export interface OemVendor {
  id: string;
  name: string;
  integrationStatus: string;
  integrationType: string;
  integrationCredentialTemplate: Record<string, string>;
}

/** An organization × vendor integration; `integrationCredentials` keeps the caller's key spelling. */
export interface OemIntegration {
  id: string;
  organizationId: string;
  vendorId: string;
  integrationCredentials: CredentialMap;
  createdAt: string;
  updatedAt: string;
}

export interface OemState {
  clients: OemClient[];
  organizations: OemOrganization[];
  users: OemUser[];
  vendors: OemVendor[];
  integrations: OemIntegration[];
  /** [INF] switch: reject credential keys that do not fit the vendor's template (400 credentials-mismatch). */
  checkCredentialKeys: boolean;
  /** [INF] alternative spellings of template keys, normalised (trimmed, lower case) on both sides. */
  credentialKeyAliases: Record<string, string>;
  /** Keyed lookups over the lists above; derived from them, never shown (see `indexOf`). */
  index?: OemIndex;
}

/**
 * Positions in the state's lists, by the keys requests look them up by, so that no request scans a list that
 * grows with use. A key that several items share keeps the first (as a scan finds it) or all, in list order.
 * `organizations` and `integrations` are only appended to, so their positions never move; `users` are rebuilt
 * after a delete.
 */
export interface OemIndex {
  organizationByToken: Record<string, number>;
  organizationByVendorOrganizationId: Record<string, number>;
  /** Trimmed lower-case email. */
  organizationByEmail: Record<string, number>;
  organizationByEmailDomain: Record<string, number>;
  integrationsByOrganization: Record<string, number[]>;
  /** Trimmed lower-case email. */
  usersByEmail: Record<string, number[]>;
  usersByVendorUserId: Record<string, number[]>;
}

type Raw = Record<string, unknown>;

/** A fresh state from the `oem` section of the fixture; a deep copy, so sessions never share objects. */
export function createState(fixture: unknown, ids: IdSource): OemState {
  const raw = (isRecord(fixture) ? structuredClone(fixture) : {}) as Raw;
  const organizations = listOf(raw.organizations).map((org) => ({ ...org, id: org.id ?? ids.hex(24) }));
  const state: OemState = {
    clients: listOf(raw.clients) as unknown as OemClient[],
    organizations: organizations as unknown as OemOrganization[],
    users: listOf(raw.users) as unknown as OemUser[],
    vendors: listOf(raw.vendors).map((v) => ({ ...v, id: String(v.id) })) as unknown as OemVendor[],
    // A scenario's YAML may spell a vendor id as a number; lookups compare strings.
    integrations: listOf(raw.integrations).map((i) => ({ ...i, vendorId: String(i.vendorId) })) as unknown as OemIntegration[],
    checkCredentialKeys: raw.checkCredentialKeys !== false,
    credentialKeyAliases: isRecord(raw.credentialKeyAliases) ? (raw.credentialKeyAliases as Record<string, string>) : {},
  };
  indexOf(state);
  return state;
}

function listOf(value: unknown): Raw[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- keyed lookups ---------------------------------------------------------------------------------------

/** The state's index, built from its lists when it has none (a new state, or one saved before the index existed). */
function indexOf(state: OemState): OemIndex {
  if (state.index) return state.index;
  state.index = {
    organizationByToken: {},
    organizationByVendorOrganizationId: {},
    organizationByEmail: {},
    organizationByEmailDomain: {},
    integrationsByOrganization: {},
    usersByEmail: {},
    usersByVendorUserId: {},
  };
  state.organizations.forEach((org, position) => indexOrganization(state.index!, org, position));
  state.integrations.forEach((integration, position) => indexIntegration(state.index!, integration, position));
  indexUsers(state);
  return state.index;
}

// Fixture values may be anything YAML makes of them; requests compare strings, so only strings are keys.
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function indexOrganization(index: OemIndex, org: OemOrganization, position: number): void {
  const token = str(org.organizationOemToken);
  if (token !== undefined) setFirst(index.organizationByToken, token, position);
  const vendorOrganizationId = str(org.vendorOrganizationId);
  if (vendorOrganizationId !== undefined) setFirst(index.organizationByVendorOrganizationId, vendorOrganizationId, position);
  const email = str(org.email);
  if (email !== undefined) {
    setFirst(index.organizationByEmail, emailKey(email), position);
    setFirst(index.organizationByEmailDomain, emailDomain(email), position);
  }
}

function indexIntegration(index: OemIndex, integration: OemIntegration, position: number): void {
  pushUnder(index.integrationsByOrganization, String(integration.organizationId), position);
}

function indexUsers(state: OemState): void {
  const index = state.index!;
  index.usersByEmail = {};
  index.usersByVendorUserId = {};
  state.users.forEach((user, position) => indexUser(index, user, position));
}

function indexUser(index: OemIndex, user: OemUser, position: number): void {
  const email = str(user.email);
  if (email !== undefined) pushUnder(index.usersByEmail, emailKey(email), position);
  const vendorUserId = str(user.vendorUserId);
  if (vendorUserId !== undefined) pushUnder(index.usersByVendorUserId, vendorUserId, position);
}

function organizationAt(state: OemState, position: number | undefined): OemOrganization | undefined {
  return position === undefined ? undefined : state.organizations[position];
}

export function findOrganizationByToken(state: OemState, token: unknown): OemOrganization | undefined {
  return typeof token === 'string' ? organizationAt(state, getOwn(indexOf(state).organizationByToken, token)) : undefined;
}

export function findOrganizationByVendorId(state: OemState, vendorOrganizationId: string): OemOrganization | undefined {
  return organizationAt(state, getOwn(indexOf(state).organizationByVendorOrganizationId, vendorOrganizationId));
}

/** The first organization whose email has the same domain as `email`. */
export function findOrganizationByEmailDomain(state: OemState, email: string): OemOrganization | undefined {
  return organizationAt(state, getOwn(indexOf(state).organizationByEmailDomain, emailDomain(email)));
}

export function hasOrganizationWithEmail(state: OemState, email: string): boolean {
  return getOwn(indexOf(state).organizationByEmail, emailKey(email)) !== undefined;
}

export function addOrganization(state: OemState, org: OemOrganization): void {
  indexOrganization(indexOf(state), org, state.organizations.push(org) - 1);
}

/** An organization's integrations, in list order. */
export function integrationsOf(state: OemState, organizationId: string): OemIntegration[] {
  return (getOwn(indexOf(state).integrationsByOrganization, String(organizationId)) ?? []).map((p) => state.integrations[p]);
}

export function addIntegration(state: OemState, integration: OemIntegration): void {
  indexIntegration(indexOf(state), integration, state.integrations.push(integration) - 1);
}

/** Positions of the users with this email (compared trimmed and case-insensitively), in list order. */
export function userPositionsByEmail(state: OemState, email: string): readonly number[] {
  return getOwn(indexOf(state).usersByEmail, emailKey(email)) ?? [];
}

export function userPositionsByVendorUserId(state: OemState, vendorUserId: string): readonly number[] {
  return getOwn(indexOf(state).usersByVendorUserId, vendorUserId) ?? [];
}

/** [INF] Emails and vendorUserIds identify one person across the platform. */
export function hasUser(state: OemState, email: string, vendorUserId: string): boolean {
  return userPositionsByEmail(state, email).length > 0 || userPositionsByVendorUserId(state, vendorUserId).length > 0;
}

export function addUser(state: OemState, user: OemUser): void {
  indexUser(indexOf(state), user, state.users.push(user) - 1);
}

/** Removes the user at `position`; the positions after it move, so the users' part of the index is rebuilt. */
export function removeUser(state: OemState, position: number): void {
  indexOf(state);
  state.users.splice(position, 1);
  indexUsers(state);
}

export function sameEmail(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
}
