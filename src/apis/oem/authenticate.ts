import type { Reply, RequestContext } from '../../engine/api-module.js';
import { invalidClientCredentials, invalidOrganizationToken, invalidScope, unsupportedGrantType } from './errors.js';
import { findOrganizationByToken, isRecord, type OemState } from './state.js';

/** The API's default, for operations outside any organization: client credentials only. */
export function authenticate(ctx: RequestContext<OemState>): Reply | undefined {
  return checkCaller(ctx, 'none');
}

/** For operations that act on one organization and so require its token. */
export function authenticateOrganization(ctx: RequestContext<OemState>): Reply | undefined {
  return checkCaller(ctx, 'required');
}

/** For createUser, whose organization may also be found without a token; a token it is given must be known. */
export function authenticateOrganizationIfGiven(ctx: RequestContext<OemState>): Reply | undefined {
  return checkCaller(ctx, 'if-given');
}

/**
 * Steps 2 and 3 of the spec's order of checks: client credentials (401), then the organization token (403),
 * both before the schema so a bad caller learns nothing about the body. A body that is not an object is left
 * to the schema, which answers 400 malformed-body.
 */
function checkCaller(ctx: RequestContext<OemState>, token: 'none' | 'required' | 'if-given'): Reply | undefined {
  const body = ctx.body;
  if (!isRecord(body)) return undefined;
  const denied = checkClient(ctx.state, body);
  if (denied) return denied;
  const needsToken = token === 'required' || (token === 'if-given' && body.organizationOemToken !== undefined);
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
