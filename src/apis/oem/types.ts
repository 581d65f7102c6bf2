/** Request bodies as `specs/oem.yaml` defines them (handlers see them only after schema validation). */

export interface ClientCredentialsBody {
  clientId: string;
  clientSecret: string;
  grantType: string;
  scope: string;
}

export interface OrganizationTokenBody {
  organizationOemToken: string;
}

export type CredentialMap = Record<string, string>;

export interface CreateIntegrationBody extends ClientCredentialsBody, OrganizationTokenBody {
  data: { vendorId: string; integrationCredentials: CredentialMap };
}

export type ListIntegrationsBody = ClientCredentialsBody & OrganizationTokenBody;

export interface UpdateIntegrationBody extends ClientCredentialsBody, OrganizationTokenBody {
  data: { integrationCredentials: CredentialMap };
}

export interface CreateOrganizationBody extends ClientCredentialsBody {
  data: {
    name: string;
    email: string;
    firstName: string;
    lastName: string;
    vendorUserId: string;
    vendorOrganizationId?: string;
  };
}

export interface CreateUserBody extends ClientCredentialsBody {
  organizationOemToken?: string;
  data: {
    email: string;
    firstName: string;
    lastName: string;
    vendorUserId: string;
    vendorOrganizationId?: string;
  };
}

export interface DeleteUserBody extends ClientCredentialsBody, OrganizationTokenBody {
  data: { vendorUserId?: string; email?: string };
}
