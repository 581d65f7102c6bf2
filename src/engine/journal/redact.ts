/** Values are replaced, never removed, so a reader still sees that the field was sent. */
export const REDACTED = '[REDACTED]';

/** Keys whose values are credentials in one of the four APIs (or HTTP itself). */
// integrator.io connections add `passphrase`, `pfx`, `encrypted` (client certificates) and `pkceCodeVerifier`.
const SECRET_KEY = /(secret|password|passwd|passphrase|token|key$|^authorization$|^cookie$|^set-cookie$|credentials|multipass|signature|^pfx$|^encrypted$|verifier$)/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A deep copy with every secret value replaced. Never mutates its input. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isSecretKey(key) && v !== '' && v !== null ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out;
}

/** Headers as the journal shows them: secrets replaced, the rest as sent. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[name] = isSecretKey(name) ? REDACTED : Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
