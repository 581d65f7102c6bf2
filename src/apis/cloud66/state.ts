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

export function createState(fixture: unknown, _ids: IdSource): Cloud66State {
  const section = asRecord(fixture);
  const partners: Record<string, Partner> = {};
  for (const [id, raw] of Object.entries(asRecord(section.partners))) {
    const p = asRecord(raw);
    partners[id] = { serviceName: text(p.serviceName, id), redirectUrl: text(p.redirectUrl) };
  }
  const users = asArray(section.users).map((raw): User => {
    const u = asRecord(raw);
    return { email: text(u.email), name: text(u.name), canAcceptIntegrations: u.canAcceptIntegrations === true };
  });
  const links: Record<string, Link> = {};
  for (const raw of asArray(section.links)) {
    const link = fixtureLink(asRecord(raw));
    links[link.uid] = link;
  }
  return { partners, users, links, services: [], partnerAccounts: [] };
}

function fixtureLink(l: Json): Link {
  const link: Link = {
    uid: text(l.uid),
    email: text(l.email),
    partner: text(l.partner),
    callback: text(l.callback),
    status: 'pending',
  };
  if (typeof l.createdAt === 'string') link.createdAt = l.createdAt;
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
