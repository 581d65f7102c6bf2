import { callApi, type ApiResult } from './http.js';
import type { components } from '../spec-types/centurylink.js';

type Schemas = components['schemas'];
export type ProvisionAccountRequest = Schemas['ProvisionAccountRequest'];
export type AccountProvisioned = Schemas['AccountProvisioned'];
export type CenturyLinkError = Schemas['Error'];

/**
 * The CenturyLink Cloud Marketplace's side of provisioning: it calls a SaaS provider's
 * `/<provider>-provision-account/` when a customer buys the product.
 */
export class SaasProviderClient {
  constructor(
    private readonly baseUrl: string,
    private readonly providerName: string,
    /** The static header the provider chose for the marketplace's calls, if any. */
    private readonly apiKey?: string,
  ) {}

  provisionAccount(account: ProvisionAccountRequest): Promise<ApiResult<AccountProvisioned | CenturyLinkError>> {
    return callApi(this.baseUrl, 'POST', `/${encodeURIComponent(this.providerName)}-provision-account/`, {
      body: account,
      headers: this.apiKey ? { 'x-api-key': this.apiKey } : {},
    });
  }
}

export function isProvisioned(result: ApiResult<unknown>): result is ApiResult<AccountProvisioned> {
  return result.status === 201 && typeof (result.body as AccountProvisioned | undefined)?.coid === 'string';
}
