import type { IdSource } from '../../engine/api-module.js';
import { getOwn, setOwn } from '../keyed.js';

/**
 * One resource type of the account (connections, exports, flows, jobs, …): documents by `_id` plus their list
 * order (creation order), so a lookup is O(1) and a list page is a slice. Plain JSON, as all state is.
 * A stored document is never changed in place: a write stores a new object.
 */
export interface Collection<T extends { _id: string }> {
  byId: Record<string, T>;
  order: string[];
}

export function emptyCollection<T extends { _id: string }>(): Collection<T> {
  return { byId: {}, order: [] };
}

export function collectionOf<T extends { _id: string }>(docs: T[]): Collection<T> {
  const collection = emptyCollection<T>();
  for (const doc of docs) put(collection, doc);
  return collection;
}

export function find<T extends { _id: string }>(collection: Collection<T>, id: string | undefined): T | undefined {
  return id === undefined ? undefined : getOwn(collection.byId, id);
}

/** Stores a new document at the end of the list, or a new version of an existing one in its place. */
export function put<T extends { _id: string }>(collection: Collection<T>, doc: T): void {
  if (!Object.hasOwn(collection.byId, doc._id)) collection.order.push(doc._id);
  setOwn(collection.byId, doc._id, doc);
}

/** Removes a document; false when there is none with that id. */
export function remove<T extends { _id: string }>(collection: Collection<T>, id: string): boolean {
  if (!Object.hasOwn(collection.byId, id)) return false;
  delete collection.byId[id];
  // From the end: what a client deletes is most often what it created last.
  const position = collection.order.lastIndexOf(id);
  if (position >= 0) collection.order.splice(position, 1);
  return true;
}

/** The documents in list order. */
export function listed<T extends { _id: string }>(collection: Collection<T>): T[] {
  return collection.order.map((id) => collection.byId[id]);
}

/** A fresh 24-hex id that no document of the collection has (ids come from the session's seeded source). */
export function newId(collection: Collection<{ _id: string }>, ids: IdSource): string {
  let id = ids.hex(24);
  while (Object.hasOwn(collection.byId, id)) id = ids.hex(24);
  return id;
}
