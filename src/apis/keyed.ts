/**
 * Keyed lookups in API state. State is plain JSON (sessions are snapshotted and persisted), so an index is a
 * plain object (`Record<string, T>`), never a Map or Set. Keys often come from requests (`constructor`,
 * `__proto__`), so reads ignore inherited properties and writes never reach the prototype.
 */

export function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  // `record.__proto__ = …` would replace the prototype instead of storing an entry.
  if (key === '__proto__') Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}

/** Sets `key` only when it has no entry yet, so an index keeps the first item in list order, as a scan would. */
export function setFirst<T>(record: Record<string, T>, key: string, value: T): void {
  if (!Object.hasOwn(record, key)) setOwn(record, key, value);
}

/** Appends `value` to the list under `key` (positions in list order, when a key may match several items). */
export function pushUnder<T>(record: Record<string, T[]>, key: string, value: T): void {
  const list = getOwn(record, key);
  if (list) list.push(value);
  else setOwn(record, key, [value]);
}

/** Emails compared trimmed and case-insensitively, as a key. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
