import { isDeepStrictEqual } from 'node:util';
import type { Reply } from '../../../engine/api-module.js';
import { errorReply, notFound } from '../errors.js';
import { clientFields, findIntegration, nextModified, putIntegration, type IntegrationDoc } from '../state.js';
import type { IntegrationInput, OperationContext } from '../types.js';

/**
 * PUT /v1/integrations/{_id}: replaces the whole document. `version` is whatever the client sends;
 * the server never touches it.
 */
export function updateIntegration(ctx: OperationContext<'updateIntegration'>): Reply {
  const stored = findIntegration(ctx.state, ctx.params._id);
  if (!stored) return notFound();
  // Unknown keys are kept as sent.
  const body: IntegrationInput = ctx.body;
  if (blockedByUpdate(stored, body)) {
    return errorReply(422, 'update-in-progress', {
      code: 'update_in_progress',
      message: 'Settings cannot be changed while an update is in progress. Set updateInProgress to false in the same request.',
      field: 'settings',
    });
  }
  const fields = clientFields(body) as IntegrationInput;
  // The docs: the flag "must" be set back to false explicitly, so leaving it out keeps a stored true.
  if (stored.updateInProgress === true && fields.updateInProgress === undefined) fields.updateInProgress = true;
  const doc: IntegrationDoc = {
    _id: stored._id,
    ...fields,
    createdAt: stored.createdAt,
    lastModified: nextModified(ctx.now(), stored.lastModified),
  };
  // A new object, never an edit of the stored one: replies already given may still hold that.
  putIntegration(ctx.state, doc);
  return { status: 200, body: doc, example: 'updated' };
}

/** While a managed update runs, settings may only change in the PUT that ends it. */
function blockedByUpdate(stored: IntegrationDoc, body: IntegrationInput): boolean {
  if (stored.updateInProgress !== true || body.updateInProgress === false) return false;
  return !isDeepStrictEqual(body.settings, stored.settings);
}
