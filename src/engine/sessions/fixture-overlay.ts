/**
 * The default fixture with a scenario's `setup` laid over it: objects merge key by key, lists append
 * (so a scenario adds a link or an account to those of the fixture), anything else is replaced.
 */
export function overlayFixture(base: unknown, overlay: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(overlay)) return [...base, ...overlay];
  if (isPlainObject(base) && isPlainObject(overlay)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(overlay)) out[key] = key in base ? overlayFixture(base[key], value) : value;
    return out;
  }
  return overlay === undefined ? base : overlay;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
