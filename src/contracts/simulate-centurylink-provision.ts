import { randomUUID } from 'node:crypto';
import { isProvisioned, type ProvisionAccountRequest } from '../clients/saas-provider-client.js';
import { callService, describeAnswer, type ServiceAnswer } from './simulation-http.js';
import { check, type SimulationCheck } from './simulation-report.js';

export interface ProvisionSimulationOptions {
  /** The provider's provision-account URL, e.g. https://provider.example/acme-provision-account/ */
  url: string;
  /** Sent on every call, as given (`X-Api-Key`, `Authorization`, …): the header the provider chose for the marketplace. */
  headers?: Record<string, string>;
}

const PURCHASE = 'a purchase answers 201 with the Co ID ({"coid": "<string>"})';
const MISSING = 'a purchase without the required email answers 40x for the missing field';
const AGAIN = 'the same customer again answers 40x, not a second account';

/**
 * 40x statuses that name a cause other than the request's data: a missing-field or duplicate check answered with
 * one of them has not shown the provider checks the field. [INF] The seed allows any "40x - Account Provisioning
 * Failure" (the spec's reference provider answers 400 with `missing`, and 409 for a duplicate); a 401 to everything
 * (a wrong key) must not pass as "rejects a missing email".
 */
const OTHER_CAUSES: Record<number, string> = {
  401: 'authentication',
  403: 'authorisation',
  404: 'an unknown path',
  405: 'the method',
  406: 'the Accept header',
  407: 'a proxy',
  408: 'a timeout',
  413: 'the body size',
  415: 'the media type',
  429: 'rate limiting',
};

/**
 * The calls the CenturyLink marketplace makes on a SaaS provider: a purchase (201 with the Co ID), one without a
 * required field (40x), and the same customer again (40x), checked against the seed and the spec's schema. The two
 * rejections are trusted only once the provider has accepted a valid purchase with the same headers: otherwise a
 * provider refusing everything (wrong --header) would pass them.
 */
export async function simulateCenturyLinkProvision(options: ProvisionSimulationOptions): Promise<SimulationCheck[]> {
  const headers = options.headers ?? {};
  const provision = (body: Partial<ProvisionAccountRequest>) => callService(options.url, { method: 'POST', headers, json: body });
  const account: ProvisionAccountRequest = { resellerkey: 'simulated-reseller', name: 'Simulated Customer', email: `simulated-${randomUUID().slice(0, 8)}@example.com` };

  const created = await provision(account);
  const purchase = check(PURCHASE, created.answered && isProvisioned(created), describeAnswer(created));
  const untrusted = distrust(created);
  if (untrusted) return [purchase, check(MISSING, false, untrusted), check(AGAIN, false, untrusted)];

  const missing = await provision({ resellerkey: account.resellerkey, name: account.name });
  const again = await provision(account);
  return [purchase, rejection(MISSING, missing, 'email'), rejection(AGAIN, again)];
}

/** Why the rejection checks cannot be trusted after this answer to a valid purchase, if they cannot. */
function distrust(created: ServiceAnswer): string | undefined {
  if (!created.answered) return `not tried: ${created.failure}`;
  if (created.status === 401 || created.status === 403) return `not trusted: your provider rejected a valid request (${created.status}): check --header`;
  if (created.status >= 400) return `not trusted: your provider rejected a valid request (${created.status}); it must accept one first`;
  return undefined;
}

/** A 40x for the documented reason: not a status that names another cause, and, when the body lists `missing`, the field. */
function rejection(name: string, answer: ServiceAnswer, missingField?: string): SimulationCheck {
  const detail = describeAnswer(answer);
  if (!answer.answered || answer.status < 400 || answer.status >= 500) return check(name, false, detail);
  const other = OTHER_CAUSES[answer.status];
  if (other) return check(name, false, `${detail}: a ${answer.status} is about ${other}, not ${missingField ? `the missing ${missingField}` : 'the customer already having an account'}`);
  const listed = (answer.body as { missing?: unknown } | undefined)?.missing;
  if (missingField && Array.isArray(listed) && !listed.includes(missingField)) return check(name, false, `${detail}: "missing" does not list ${missingField}`);
  return check(name, true, detail);
}
