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
  const tokenRegion = token.region ?? ctx.state.region;
  if (tokenRegion !== regionServed(ctx)) {
    return errorReply(401, 'other-region-token', {
      code: 'unauthorized',
      message: `This API token belongs to another region (${tokenRegion}). Use https://${hostOfRegion(tokenRegion)} instead.`,
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

/**
 * The region a request is answered as: the real host's it came to ([SRC] `api.integrator.io` is NA,
 * `api.eu.integrator.io` the EU), else the fixture's `region`.
 */
function regionServed(ctx: RequestContext<IntegratorState>): string {
  const host = ctx.realHost;
  if (host === 'api.integrator.io') return 'na';
  const m = host ? /^api\.([a-z0-9-]+)\.integrator\.io$/.exec(host) : null;
  return m ? m[1] : ctx.state.region;
}

function hostOfRegion(region: string): string {
  return region === 'na' ? 'api.integrator.io' : `api.${region}.integrator.io`;
}
