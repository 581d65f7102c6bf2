import type { IdSource, Reply } from '../../../engine/api-module.js';
import { newId, type Collection } from '../collection.js';
import { errorReply } from '../errors.js';
import { nextModified } from '../state.js';

/**
 * What the CRUD handlers of connections, exports, imports and scripts share: server-owned fields, whole-document
 * PUT, the in-use refusal. Stored documents are never changed in place (a write stores a new object).
 */

type Stored = { _id: string; createdAt?: string; lastModified?: string };

/** The client's fields without the server-owned ones (`_id`, `createdAt`, `lastModified`, and any `extra`). */
export function writable(body: object, extra: readonly string[] = []): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const key of ['_id', 'createdAt', 'lastModified', ...extra]) delete fields[key];
  return fields;
}

/** A new document: a fresh `_id`, `createdAt` = `lastModified` = now, whatever the client sent. */
export function newDoc<T extends Stored>(collection: Collection<T>, ctx: { ids: IdSource; now(): Date }, fields: Record<string, unknown>): T {
  const now = ctx.now().toISOString();
  return { _id: newId(collection, ctx.ids), ...fields, createdAt: now, lastModified: now } as unknown as T;
}

/** A PUT's new version: the client's fields replace the old ones; `_id` and `createdAt` kept, `lastModified` bumped. */
export function replacedDoc<T extends Stored>(stored: T, ctx: { now(): Date }, fields: Record<string, unknown>): T {
  return { _id: stored._id, ...fields, createdAt: stored.createdAt, lastModified: nextModified(ctx.now(), stored.lastModified) } as unknown as T;
}

/** [INF] 422 `resource_in_use`, `field: _id`. */
export function inUse(example: string, message: string): Reply {
  return errorReply(422, example, { code: 'resource_in_use', message, field: '_id' });
}
