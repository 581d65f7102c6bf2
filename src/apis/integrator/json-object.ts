/** A JSON object (not null, not an array): what a document, or a field holding one, is. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
