/** Cloud 66's slice of a session: plain JSON only, since sessions are snapshotted and persisted. */
import type { IdSource } from '../../engine/api-module.js';

export interface Partner {
  serviceName: string;
  /** Where `launch` sends the user; `{sandbox}` stands for the sandbox's base URL as the client reached it. */
  redirectUrl: string;
}

export interface User {
  email: string;
  name: string;
  canAcceptIntegrations: boolean;
}

export type LinkStatus = 'pending' | 'linked' | 'failed';

/** One click on the dashboard's integration: the `uid` the partner must send back as `link_uid`. */
export interface Link {
  uid: string;
  email: string;
  partner: string;
  callback: string;
  status: LinkStatus;
  createdAt?: string;
  linkedAt?: string;
  /** What the partner reported on the callback when it could not link. */
  error?: string;
}

/** A partner service on a user's Cloud 66 account, with the partner-specific payload it was added with. */
export interface Service {
  partner: string;
  email: string;
  linkUid: string;
  payload: Record<string, unknown>;
  linkedAt: string;
}

/** The reference partner's own account for a Cloud 66 user (its side of the provisioning). */
export interface PartnerAccount {
  partner: string;
  email: string;
  projectUid: string;
  createdAt: string;
}

export interface Cloud66State {
  partners: Record<string, Partner>;
  users: User[];
  links: Record<string, Link>;
  services: Service[];
  partnerAccounts: PartnerAccount[];
}

type Json = Record<string, unknown>;

const asRecord = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/**
 * Fixture lists append when a scenario's `setup` is laid over the default fixture, so a later link with the same
 * `uid` (or user with the same email) replaces the earlier one: that is how a scenario changes a fixture item.
 */
export function createState(fixture: unknown, _ids: IdSource): Cloud66State {
  const section = asRecord(fixture);
  const rawLinks = new Map(asArray(section.links).map((raw) => [text(asRecord(raw).uid), asRecord(raw)]));
  const links: Record<string, Link> = {};
  for (const [uid, raw] of rawLinks) links[uid] = fixtureLink(raw);
  // A link the fixture shows as linked was consumed, so the user's account has the partner's service.
  const services = Object.values(links)
    .filter((link) => link.status === 'linked')
    .map((link): Service => ({
      partner: link.partner,
      email: link.email,
      linkUid: link.uid,
      payload: asRecord(rawLinks.get(link.uid)?.payload),
      linkedAt: link.linkedAt ?? EPOCH,
    }));
  return { partners: fixturePartners(section.partners), users: fixtureUsers(section.users), links, services, partnerAccounts: [] };
}

function fixturePartners(raw: unknown): Record<string, Partner> {
  const partners: Record<string, Partner> = {};
  for (const [id, value] of Object.entries(asRecord(raw))) {
    const p = asRecord(value);
    partners[id] = { serviceName: text(p.serviceName, id), redirectUrl: text(p.redirectUrl) };
  }
  return partners;
}

function fixtureUsers(raw: unknown): User[] {
  const users = new Map<string, User>();
  for (const value of asArray(raw)) {
    const u = asRecord(value);
    const user = { email: text(u.email), name: text(u.name), canAcceptIntegrations: u.canAcceptIntegrations === true };
    users.set(user.email.trim().toLowerCase(), user);
  }
  return [...users.values()];
}

const EPOCH = new Date(0).toISOString();
const LINK_STATUSES: readonly LinkStatus[] = ['pending', 'linked', 'failed'];

function fixtureLink(l: Json): Link {
  const status = LINK_STATUSES.find((s) => s === l.status) ?? 'pending';
  const link: Link = {
    uid: text(l.uid),
    email: text(l.email),
    partner: text(l.partner),
    callback: text(l.callback),
    status,
  };
  if (typeof l.createdAt === 'string') link.createdAt = l.createdAt;
  if (status === 'linked') link.linkedAt = typeof l.linkedAt === 'string' ? l.linkedAt : (link.createdAt ?? EPOCH);
  if (status === 'failed') link.error = text(l.error);
  return link;
}

/** Own keys only, so ids like `constructor` or `__proto__` never resolve to Object.prototype. */
export function findPartner(state: Cloud66State, id: string): Partner | undefined {
  return Object.hasOwn(state.partners, id) ? state.partners[id] : undefined;
}

export function findLink(state: Cloud66State, uid: string): Link | undefined {
  return Object.hasOwn(state.links, uid) ? state.links[uid] : undefined;
}

/** Emails are compared case-insensitively ([INF], as Cloud 66's Rails/Devise accounts do). */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function findUser(state: Cloud66State, email: string): User | undefined {
  return state.users.find((u) => sameEmail(u.email, email));
}
