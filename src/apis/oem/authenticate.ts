import type { Reply, RequestContext } from '../../engine/api-module.js';
import { invalidClientCredentials, invalidOrganizationToken, invalidScope, unsupportedGrantType } from './errors.js';
import { findOrganizationByToken, isRecord, type OemState } from './state.js';

/** Operations that act on one organization and so require its token. */
const TOKEN_REQUIRED = new Set(['oemCreateIntegration', 'oemListIntegrations', 'oemUpdateIntegration', 'oemDeleteUser']);

/**
 * Steps 2 and 3 of the spec's order of checks: client credentials (401), then the organization token (403),
 * both before the schema so a bad caller learns nothing about the body. A body that is not an object is left
 * to the schema, which answers 400 malformed-body.
 */
export function authenticate(ctx: RequestContext<OemState>): Reply | undefined {
  const body = ctx.body;
  if (!isRecord(body)) return undefined;
  const denied = checkClient(ctx.state, body);
  if (denied) return denied;
  const needsToken = TOKEN_REQUIRED.has(ctx.operationId) || (ctx.operationId === 'oemCreateUser' && body.organizationOemToken !== undefined);
  // [INF] An absent token is as unknown as a wrong one.
  if (needsToken && !findOrganizationByToken(ctx.state, body.organizationOemToken)) return invalidOrganizationToken();
  return undefined;
}

function checkClient(state: OemState, body: Record<string, unknown>): Reply | undefined {
  const client = state.clients.find((c) => c.clientId === body.clientId);
  if (!client || typeof body.clientSecret !== 'string' || client.clientSecret !== body.clientSecret) {
    return invalidClientCredentials();
  }
  if (body.grantType !== 'client_credentials') return unsupportedGrantType();
  if (typeof body.scope !== 'string' || !client.scopes.includes(body.scope)) return invalidScope();
  return undefined;
}
