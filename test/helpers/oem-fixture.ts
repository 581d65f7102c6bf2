import type { components } from '../../src/spec-types/oem.js';

/** The default fixture's OEM client (scenarios/default.yaml). */
export const OEM_CLIENT = { clientId: 'oem-sandbox-client', clientSecret: 'oem-sandbox-secret' } as const;

/** The client credentials as every OEM request body carries them: the client and its grant. */
export const OEM_CREDS = { ...OEM_CLIENT, grantType: 'client_credentials', scope: 'vendor_manage' } as const;

/** The token of the fixture's organization (Sandbox MSP). */
export const OEM_ORG_TOKEN = 'org-sandbox-token';

/** The docs' example organization (createOrganization's `data`): not in the fixture, so creating it succeeds. */
export const NEW_ORGANIZATION: components['schemas']['CreateOrganizationRequest']['data'] = {
  name: 'Wisozk Inc',
  email: 'ansley@wisozk.example',
  firstName: 'Ansley',
  lastName: 'Parisian',
  vendorUserId: '1234',
  vendorOrganizationId: '1234',
};
