import type { Reply } from '../../../engine/api-module.js';
import { errorReply, notFound } from '../errors.js';
import { cloneFlowsOf, connectionsUsedBy, type ManifestEntry } from '../integration-clone.js';
import { clientFields, findIntegration, newIntegrationId, putIntegration, type IntegratorState, type IntegrationDoc } from '../state.js';
import type { CloneRequest, ErrorEntry, IntegrationFields, OperationContext } from '../types.js';

const MAX_NAME = 100;

/**
 * POST /v1/integrations/{_id}/clone: a standalone copy under a new id with its flows and their steps, connections
 * remapped by `connectionMap`. Answers the manifest of what was created, the integration first.
 */
export function cloneIntegration(ctx: OperationContext<'cloneIntegration'>): Reply {
  const source = findIntegration(ctx.state, ctx.params._id);
  if (!source) return notFound();
  const request: CloneRequest = ctx.body ?? {};
  const connectionMap = request.connectionMap ?? {};
  const unknownKeys = unknownConnections(ctx.state, source, connectionMap);
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
  const manifest: ManifestEntry[] = [{ model: 'Integration', _id: clone._id, name: clone.name }];
  manifest.push(...cloneFlowsOf(ctx.state, source._id, clone._id, connectionMap, ctx.ids, now));
  return { status: 201, body: manifest, example: 'cloned' };
}

function unknownConnections(state: IntegratorState, source: IntegrationDoc, connectionMap: Record<string, string>): ErrorEntry[] {
  const registered = new Set([...(source._registeredConnectionIds ?? []), ...connectionsUsedBy(state, source._id)]);
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
