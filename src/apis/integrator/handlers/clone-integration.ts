import type { Reply } from '../../../engine/api-module.js';
import { errorReply, notFound } from '../errors.js';
import { clientFields, findIntegration, newIntegrationId, putIntegration, type IntegrationDoc } from '../state.js';
import type { CloneRequest, ErrorEntry, IntegrationFields, OperationContext } from '../types.js';

const MAX_NAME = 100;

/**
 * POST /v1/integrations/{_id}/clone: a standalone copy under a new id, connections remapped by
 * `connectionMap`. Answers the new document ([INF]: the real API answers a manifest).
 */
export function cloneIntegration(ctx: OperationContext<'cloneIntegration'>): Reply {
  const source = findIntegration(ctx.state, ctx.params._id);
  if (!source) return notFound();
  const request: CloneRequest = ctx.body ?? {};
  const connectionMap = request.connectionMap ?? {};
  const unknownKeys = unknownConnections(source, connectionMap);
  if (unknownKeys.length > 0) return errorReply(400, 'invalid-connection-map', unknownKeys);

  // The one deep copy: a clone shares nothing with its source.
  const fields = remapConnections(structuredClone(clientFields(source)), connectionMap);
  const now = ctx.now().toISOString();
  const clone: IntegrationDoc = {
    _id: newIntegrationId(ctx.state, ctx.ids),
    ...fields,
    name: request.name ?? cutToCharacters(`Clone - ${source.name}`, MAX_NAME),
    ...(request.sandbox !== undefined ? { sandbox: request.sandbox } : {}),
    ...(request.tag !== undefined ? { tag: request.tag } : {}),
    createdAt: now,
    lastModified: now,
  };
  putIntegration(ctx.state, clone);
  return { status: 201, body: clone, example: 'cloned' };
}

function unknownConnections(source: IntegrationDoc, connectionMap: Record<string, string>): ErrorEntry[] {
  const registered = new Set(source._registeredConnectionIds ?? []);
  return Object.keys(connectionMap)
    .filter((oldId) => !registered.has(oldId))
    .map((oldId) => ({
      code: 'invalid_connectionMap' as const,
      message: `connectionMap key ${oldId} is not a connection of this integration.`,
      field: 'connectionMap',
    }));
}

function remapConnections(fields: IntegrationFields, map: Record<string, string>): IntegrationFields {
  const swap = (id: string): string => (Object.hasOwn(map, id) ? map[id] : id);
  const swapStep = <T extends { _connectionId?: string }>(step: T): T =>
    step._connectionId ? { ...step, _connectionId: swap(step._connectionId) } : step;
  return {
    ...fields,
    ...(fields._registeredConnectionIds ? { _registeredConnectionIds: fields._registeredConnectionIds.map(swap) } : {}),
    ...(fields.install ? { install: fields.install.map(swapStep) } : {}),
    ...(fields.installSteps ? { installSteps: fields.installSteps.map(swapStep) } : {}),
    ...(fields.uninstallSteps ? { uninstallSteps: fields.uninstallSteps.map(swapStep) } : {}),
  };
}

/** The first `max` characters (code points, as JSON Schema's `maxLength` counts them): never half a surrogate pair. */
function cutToCharacters(text: string, max: number): string {
  let end = 0;
  for (let count = 0; count < max && end < text.length; count++) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  return text.slice(0, end);
}
