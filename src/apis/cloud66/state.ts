/** Cloud 66's slice of a session: plain JSON only, since sessions are snapshotted and persisted. */
import type { IdSource } from '../../engine/api-module.js';
import { emailKey, getOwn, setFirst, setOwn } from '../keyed.js';

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
  /**
   * Keyed lookups over the lists above; derived from them and never shown. Persisted with the state ([INF]: a
   * shared store loads the session on every request, and rebuilding would scan every list each time);
   * `restoreState` builds it for a state saved before it existed.
   */
  index: Cloud66Index;
}

/**
 * Positions in the state's lists by the keys requests look them up by (emails trimmed and in lower case), so no
 * request scans a list that grows with use. A key that several items share keeps the first, as a scan finds it.
 * The lists are only ever appended to, so positions never move.
 */
export interface Cloud66Index {
  users: Record<string, number>;
  /** partner → email → position in `services`. */
  services: Record<string, Record<string, number>>;
  /** partner → email → position in `partnerAccounts`. */
  partnerAccounts: Record<string, Record<string, number>>;
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
  for (const [uid, raw] of rawLinks) setOwn(links, uid, fixtureLink(raw));
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
  const users = fixtureUsers(section.users);
  return { partners: fixturePartners(section.partners), users, links, services, partnerAccounts: [], index: indexOf(users, services, []) };
}

function fixturePartners(raw: unknown): Record<string, Partner> {
  const partners: Record<string, Partner> = {};
  for (const [id, value] of Object.entries(asRecord(raw))) {
    const p = asRecord(value);
    setOwn(partners, id, { serviceName: text(p.serviceName, id), redirectUrl: text(p.redirectUrl) });
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
  return getOwn(state.partners, id);
}

export function findLink(state: Cloud66State, uid: string): Link | undefined {
  return getOwn(state.links, uid);
}

export function addLink(state: Cloud66State, link: Link): void {
  setOwn(state.links, link.uid, link);
}

/** Emails are compared case-insensitively ([INF], as Cloud 66's Rails/Devise accounts do). */
export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function findUser(state: Cloud66State, email: string): User | undefined {
  const position = getOwn(state.index.users, emailKey(email));
  return position === undefined ? undefined : state.users[position];
}

/** Whether the user's account already has the partner's service. */
export function hasService(state: Cloud66State, partner: string, email: string): boolean {
  return byPartnerAndEmail(state.index.services, partner, email) !== undefined;
}

export function addService(state: Cloud66State, service: Service): void {
  const position = state.services.push(service) - 1;
  indexByPartnerAndEmail(state.index.services, service.partner, service.email, position);
}

/** The reference partner's account for this email, if it has provisioned one. */
export function findPartnerAccount(state: Cloud66State, partner: string, email: string): PartnerAccount | undefined {
  const position = byPartnerAndEmail(state.index.partnerAccounts, partner, email);
  return position === undefined ? undefined : state.partnerAccounts[position];
}

export function addPartnerAccount(state: Cloud66State, account: PartnerAccount): void {
  const position = state.partnerAccounts.push(account) - 1;
  indexByPartnerAndEmail(state.index.partnerAccounts, account.partner, account.email, position);
}

/** A state as a store kept it, with the index a state saved before the index existed lacks. */
export function restoreState(saved: unknown): Cloud66State {
  const state = saved as Cloud66State;
  state.index ??= indexOf(state.users, state.services, state.partnerAccounts);
  return state;
}

function indexOf(users: User[], services: Service[], partnerAccounts: PartnerAccount[]): Cloud66Index {
  const index: Cloud66Index = { users: {}, services: {}, partnerAccounts: {} };
  users.forEach((user, position) => setFirst(index.users, emailKey(user.email), position));
  services.forEach((s, position) => indexByPartnerAndEmail(index.services, s.partner, s.email, position));
  partnerAccounts.forEach((a, position) => indexByPartnerAndEmail(index.partnerAccounts, a.partner, a.email, position));
  return index;
}

function byPartnerAndEmail(index: Record<string, Record<string, number>>, partner: string, email: string): number | undefined {
  const byEmail = getOwn(index, partner);
  return byEmail === undefined ? undefined : getOwn(byEmail, emailKey(email));
}

function indexByPartnerAndEmail(index: Record<string, Record<string, number>>, partner: string, email: string, position: number): void {
  let byEmail = getOwn(index, partner);
  if (!byEmail) setOwn(index, partner, (byEmail = {}));
  setFirst(byEmail, emailKey(email), position);
}
