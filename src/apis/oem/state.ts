import type { IdSource } from '../../engine/api-module.js';
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
}

type Raw = Record<string, unknown>;

/** A fresh state from the `oem` section of the fixture; a deep copy, so sessions never share objects. */
export function createState(fixture: unknown, ids: IdSource): OemState {
  const raw = (isRecord(fixture) ? structuredClone(fixture) : {}) as Raw;
  const organizations = listOf(raw.organizations).map((org) => ({ ...org, id: org.id ?? ids.hex(24) }));
  return {
    clients: listOf(raw.clients) as unknown as OemClient[],
    organizations: organizations as unknown as OemOrganization[],
    users: listOf(raw.users) as unknown as OemUser[],
    vendors: listOf(raw.vendors).map((v) => ({ ...v, id: String(v.id) })) as unknown as OemVendor[],
    // A scenario's YAML may spell a vendor id as a number; lookups compare strings.
    integrations: listOf(raw.integrations).map((i) => ({ ...i, vendorId: String(i.vendorId) })) as unknown as OemIntegration[],
    checkCredentialKeys: raw.checkCredentialKeys !== false,
    credentialKeyAliases: isRecord(raw.credentialKeyAliases) ? (raw.credentialKeyAliases as Record<string, string>) : {},
  };
}

function listOf(value: unknown): Raw[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function findOrganizationByToken(state: OemState, token: unknown): OemOrganization | undefined {
  return typeof token === 'string' ? state.organizations.find((o) => o.organizationOemToken === token) : undefined;
}

export function sameEmail(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
}
