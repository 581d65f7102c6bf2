import type { Reply } from '../../../engine/api-module.js';
import { tokenOf } from '../authenticate.js';
import { errorReply } from '../errors.js';
import type { OperationContext } from '../types.js';

/** GET /v1/tokenInfo: the user and scope of the calling token. */
export function getTokenInfo(ctx: OperationContext<'getTokenInfo'>): Reply {
  const token = tokenOf(ctx);
  // authenticate() has already refused unknown tokens; this only keeps the handler total.
  if (!token) return errorReply(401, 'unauthorized', { code: 'unauthorized', message: 'Unauthorized.' });
  // [SRC] A full-access token's scope is `*` on the wire; the fixture's `full` is the sandbox's own name for it.
  return { status: 200, body: { _userId: token.userId, scope: token.scope === 'read' ? 'read' : '*' }, example: 'token-info' };
}
