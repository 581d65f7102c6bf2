import type { Reply } from '../../../engine/api-module.js';
import { clientFields, newIntegrationId, putIntegration, type IntegrationDoc } from '../state.js';
import type { IntegrationInput, OperationContext } from '../types.js';

/** POST /v1/integrations: the server sets `_id`, `createdAt` and `lastModified`, whatever the client sent. */
export function createIntegration(ctx: OperationContext<'createIntegration'>): Reply {
  // Unknown keys are kept as sent.
  const body: IntegrationInput = ctx.body;
  const fields = clientFields(body) as IntegrationInput;
  const now = ctx.now().toISOString();
  const doc: IntegrationDoc = { _id: newIntegrationId(ctx.state, ctx.ids), ...fields, createdAt: now, lastModified: now };
  putIntegration(ctx.state, doc);
  // Stored documents are never changed in place, so the stored one can be the answer.
  return { status: 201, body: doc, example: 'created' };
}
