/** Prism's `Prefer: code=…, example=…, dynamic=…` (also as `__code`, `__example`, `__dynamic` query parameters). */
export interface Preference {
  code?: number;
  example?: string;
  dynamic?: boolean;
}

export type ParsedPreference = { ok: true; preference: Preference | undefined } | { ok: false; reason: string };

const QUERY_KEYS = ['__code', '__example', '__dynamic'] as const;

/** Reads the preference and removes the `__` query keys, so they never reach validation or a handler. */
export function takePreference(header: string | undefined, query: Record<string, unknown>): ParsedPreference {
  const raw: Record<string, string> = {};
  for (const part of (header ?? '').split(/[,;]/)) {
    const [key, ...rest] = part.split('=');
    if (key.trim() && rest.length) raw[key.trim().toLowerCase()] = rest.join('=').trim().replace(/^"|"$/g, '');
  }
  for (const key of QUERY_KEYS) {
    if (typeof query[key] === 'string') raw[key.slice(2)] = query[key] as string;
    delete query[key];
  }
  const preference: Preference = {};
  if (raw.code !== undefined) {
    const code = Number(raw.code);
    if (!/^\d{3}$/.test(raw.code)) return { ok: false, reason: `Prefer code must be a three-digit status, not "${raw.code}"` };
    preference.code = code;
  }
  if (raw.example !== undefined) preference.example = raw.example;
  if (raw.dynamic !== undefined) preference.dynamic = raw.dynamic === 'true';
  const any = preference.code !== undefined || preference.example !== undefined || preference.dynamic;
  return { ok: true, preference: any ? preference : undefined };
}
