import type { Reply } from '../../../engine/api-module.js';
import { blankTemplate, fitsTemplate } from '../credential-template.js';
import { credentialsMismatch, integrationExists, integrationNotFound, vendorNotFound } from '../errors.js';
import {
  addIntegration,
  findOrganizationByToken,
  integrationsOf,
  type OemIntegration,
  type OemOrganization,
  type OemState,
  type OemVendor,
} from '../state.js';
import type { CredentialMap, OperationContext, OrganizationToken } from '../types.js';

/** POST /api/oem-api/integration: 404 unknown vendor → 400 template mismatch → 409 existing pair → 201. */
export function createIntegration(ctx: OperationContext<'oemCreateIntegration'>): Reply {
  const { body } = ctx;
  const org = organizationOf(ctx.state, body);
  const vendor = ctx.state.vendors.find((v) => v.id === body.data.vendorId);
  if (!vendor) return vendorNotFound();
  const mismatch = checkCredentials(ctx.state, vendor, body.data.integrationCredentials);
  if (mismatch) return mismatch;
  if (integrationsOf(ctx.state, org.id).some((i) => i.vendorId === vendor.id)) return integrationExists();
  const now = ctx.now().toISOString();
  const integration: OemIntegration = {
    id: ctx.ids.hex(24),
    organizationId: org.id,
    vendorId: vendor.id,
    integrationCredentials: { ...body.data.integrationCredentials },
    createdAt: now,
    updatedAt: now,
  };
  addIntegration(ctx.state, integration);
  return {
    status: 201,
    example: 'integration-created',
    body: {
      integration: { id: integration.id, vendorId: integration.vendorId },
      status: 201,
      message: 'Successfully created an integration for an organization',
    },
  };
}

/** POST /api/oem-api/integration/list: keys of the stored credentials, never their values. */
export function listIntegrations(ctx: OperationContext<'oemListIntegrations'>): Reply {
  const org = organizationOf(ctx.state, ctx.body);
  const integrations = integrationsOf(ctx.state, org.id).map((i) => ({
    id: i.id,
    vendorId: i.vendorId,
    integrationCredentialTemplate: [blankTemplate(i.integrationCredentials)],
  }));
  return {
    status: 200,
    example: integrations.length > 0 ? 'integrations' : 'no-integrations',
    body: { integrations, status: 200, message: "Successfully fetched list of user's integrations" },
  };
}

/** PATCH /api/oem-api/integration/{integrationId}: replaces the whole credentials map. */
export function updateIntegration(ctx: OperationContext<'oemUpdateIntegration'>): Reply {
  const { body } = ctx;
  const org = organizationOf(ctx.state, body);
  // Another organization's integration is 404, not 403, so ids do not leak across organizations.
  const integration = integrationsOf(ctx.state, org.id).find((i) => i.id === ctx.params.integrationId);
  if (!integration) return integrationNotFound();
  const vendor = ctx.state.vendors.find((v) => v.id === integration.vendorId);
  const mismatch = vendor && checkCredentials(ctx.state, vendor, body.data.integrationCredentials);
  if (mismatch) return mismatch;
  integration.integrationCredentials = { ...body.data.integrationCredentials };
  integration.updatedAt = ctx.now().toISOString();
  return {
    status: 200,
    example: 'integration-updated',
    body: {
      integration: { id: integration.id, vendorId: integration.vendorId },
      status: 200,
      message: "Successfully updated a user's integration credentials",
    },
  };
}

/** authenticate() has already proved the token, so the organization exists. */
function organizationOf(state: OemState, body: OrganizationToken): OemOrganization {
  return findOrganizationByToken(state, body.organizationOemToken)!;
}

function checkCredentials(state: OemState, vendor: OemVendor, credentials: CredentialMap): Reply | undefined {
  if (fitsTemplate(state, vendor, credentials)) return undefined;
  return credentialsMismatch(Object.keys(vendor.integrationCredentialTemplate));
}
