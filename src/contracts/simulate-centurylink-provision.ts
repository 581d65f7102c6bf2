import { randomUUID } from 'node:crypto';
import { isProvisioned, SaasProviderClient } from '../clients/saas-provider-client.js';
import type { ApiResult } from '../clients/http.js';
import { check, type SimulationCheck } from './simulation-report.js';

export interface ProvisionSimulationOptions {
  /** The provider's provision-account URL, e.g. https://provider.example/acme-provision-account/ */
  url: string;
  headers?: Record<string, string>;
}

/**
 * The calls the CenturyLink marketplace makes on a SaaS provider: a purchase (201 with the Co ID), one without a
 * required field (40x), and the same customer again (40x), checked against the seed and the spec's schema.
 */
export async function simulateCenturyLinkProvision(options: ProvisionSimulationOptions): Promise<SimulationCheck[]> {
  const url = new URL(options.url);
  const provider = url.pathname.replace(/\/$/, '').split('/').pop()?.replace(/-provision-account$/, '') ?? '';
  const base = `${url.origin}${url.pathname.replace(/\/$/, '').split('/').slice(0, -1).join('/')}`;
  const client = new ProviderCall(base, provider, options.headers ?? {});
  const account = { resellerkey: 'simulated-reseller', name: 'Simulated Customer', email: `simulated-${randomUUID().slice(0, 8)}@example.com` };

  const checks: SimulationCheck[] = [];
  const created = await client.provision(account);
  checks.push(check('a purchase answers 201 with the Co ID ({"coid": "<string>"})', isProvisioned(created), describe(created)));
  const missing = await client.provision({ resellerkey: account.resellerkey, name: account.name });
  checks.push(check('a purchase without the required email answers 40x', missing.status >= 400 && missing.status < 500, describe(missing)));
  const again = await client.provision(account);
  checks.push(check('the same customer again answers 40x, not a second account', again.status >= 400 && again.status < 500, describe(again)));
  return checks;
}

/** The typed client, with the partner's own headers and errors turned into a status of 0. */
class ProviderCall {
  private readonly client: SaasProviderClient;
  constructor(base: string, provider: string, private readonly headers: Record<string, string>) {
    this.client = new SaasProviderClient(base, provider, headers['x-api-key'] ?? headers['X-Api-Key']);
  }

  provision(body: Record<string, string>): Promise<ApiResult<unknown>> {
    return this.client.provisionAccount(body as never).catch((err: unknown) => ({ status: 0, body: String(err), headers: new Headers() }));
  }
}

function describe(result: ApiResult<unknown>): string {
  if (result.status === 0) return `no answer: ${String(result.body)}`;
  return `answered ${result.status} ${JSON.stringify(result.body ?? null).slice(0, 200)}`;
}
