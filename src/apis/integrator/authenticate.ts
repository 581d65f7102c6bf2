import type { Reply, RequestContext } from '../../engine/api-module.js';
import { errorReply } from './errors.js';
import type { IntegratorState, TokenRecord } from './state.js';

/** The stored token named by `Authorization: Bearer <token>`, if any. */
export function tokenOf(ctx: RequestContext<IntegratorState>): TokenRecord | undefined {
  const header = ctx.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? ctx.state.tokens.find((t) => t.token === match[1]) : undefined;
}

/**
 * 401 for a missing, non-Bearer, unknown or other-region token; 403 for a read-only token. The API's default, so
 * an operation is open to `read` tokens only where it says so (`authenticateRead`).
 */
export function authenticate(ctx: RequestContext<IntegratorState>): Reply | undefined {
  return checkToken(ctx, false);
}

/** The same, for an operation a `read`-scoped token may call. */
export function authenticateRead(ctx: RequestContext<IntegratorState>): Reply | undefined {
  return checkToken(ctx, true);
}

function checkToken(ctx: RequestContext<IntegratorState>, readScopeAllowed: boolean): Reply | undefined {
  const token = tokenOf(ctx);
  if (!token) {
    return errorReply(401, 'unauthorized', {
      code: 'unauthorized',
      message: "Unauthorized. Please provide a valid API token as 'Authorization: Bearer <token>'.",
    });
  }
  if (token.region && token.region !== ctx.state.region) {
    return errorReply(401, 'other-region-token', {
      code: 'unauthorized',
      message: `This API token belongs to another region (${token.region}). Use https://api.${token.region}.integrator.io instead.`,
    });
  }
  if (token.scope === 'read' && !readScopeAllowed) {
    return errorReply(403, 'forbidden', {
      code: 'forbidden',
      message: `This API token's scope (${token.scope}) does not allow this request.`,
    });
  }
  return undefined;
}
