import { callApi, type ApiResult } from './http.js';
import type { components } from '../spec-types/oem.js';

type Schemas = components['schemas'];
export type IntegrationCredentials = Schemas['IntegrationCredentials'];
export type NewOrganization = Schemas['CreateOrganizationRequest']['data'];
export type VendorList = Schemas['VendorListResponse'];
export type IntegrationCreated = Schemas['IntegrationCreatedResponse'];
export type IntegrationList = Schemas['IntegrationListResponse'];
export type IntegrationUpdated = Schemas['IntegrationUpdatedResponse'];
export type OrganizationCreated = Schemas['OrganizationCreatedResponse'];
export type OemError = Schemas['OemError'];

/** The vendor's MSPCentric client credentials; the grant type and scope are fixed by the API. */
export interface OemCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * The MSPCentric OEM API (integration management). There is no token endpoint: every request body carries the
 * client credentials, and organization-scoped calls add the organization's `organizationOemToken`.
 * `baseUrl` is the API's root, e.g. `https://acme.mspcentric.app` or the sandbox's `http://127.0.0.1:4010/oem`.
 */
export class OemClient {
  constructor(
    readonly baseUrl: string,
    private readonly credentials: OemCredentials,
  ) {}

  listVendors(): Promise<ApiResult<VendorList | OemError>> {
    return this.post('/api/oem-api/vendor', {});
  }

  createIntegration(orgToken: string, vendorId: string, credentials: IntegrationCredentials): Promise<ApiResult<IntegrationCreated | OemError>> {
    return this.post('/api/oem-api/integration', { organizationOemToken: orgToken, data: { vendorId, integrationCredentials: credentials } });
  }

  listIntegrations(orgToken: string): Promise<ApiResult<IntegrationList | OemError>> {
    return this.post('/api/oem-api/integration/list', { organizationOemToken: orgToken });
  }

  updateIntegration(orgToken: string, integrationId: string, credentials: IntegrationCredentials): Promise<ApiResult<IntegrationUpdated | OemError>> {
    return this.send('PATCH', `/api/oem-api/integration/${encodeURIComponent(integrationId)}`, {
      organizationOemToken: orgToken,
      data: { integrationCredentials: credentials },
    });
  }

  /** The answer's `organizationOemToken` is shown only once: store it. */
  createOrganization(data: NewOrganization): Promise<ApiResult<OrganizationCreated | OemError>> {
    return this.post('/api/oem-api/organization', { data });
  }

  private post<T>(path: string, fields: Record<string, unknown>): Promise<ApiResult<T>> {
    return this.send('POST', path, fields);
  }

  private send<T>(method: string, path: string, fields: Record<string, unknown>): Promise<ApiResult<T>> {
    const { clientId, clientSecret } = this.credentials;
    const body = { clientId, clientSecret, grantType: 'client_credentials', scope: 'vendor_manage', ...fields };
    return callApi<T>(this.baseUrl, method, path, { body });
  }
}

/** Narrows a result to its success body (every OEM success is 200 or 201). */
export function succeeded<T>(result: ApiResult<T | OemError>): result is ApiResult<T> {
  return result.status >= 200 && result.status < 300;
}
