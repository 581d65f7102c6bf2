/**
 * One way an exchange breaks the spec, in the shape Prism's `sl-violations` header carries [SRC]
 * (@stoplight/prism-http-server `createErrorObjectWithPrefix`): where (`["response", "body", "items", "0"]`),
 * how bad, the Ajv keyword that failed (absent when there is none, as Prism leaves it) and a sentence.
 */
export interface Violation {
  location: string[];
  severity: 'Error' | 'Warning';
  code?: string;
  message: string;
}

export const VIOLATIONS_HEADER = 'sl-violations';

// [SRC] Prism's cap: a longer value would break the header limits of most clients and proxies.
const MAX_SAFE_HEADER_LENGTH = 8 * 1024 - 100;

/** The header's value as Prism writes it, or undefined when there is nothing to report. */
export function violationsHeader(violations: Violation[]): string | undefined {
  if (violations.length === 0) return undefined;
  const value = JSON.stringify(violations);
  return value.length > MAX_SAFE_HEADER_LENGTH ? `Too many violations! ${value.slice(0, MAX_SAFE_HEADER_LENGTH)}` : value;
}

export function errorsOf(violations: Violation[]): Violation[] {
  return violations.filter((v) => v.severity === 'Error');
}

/** A JSON pointer's segments, unescaped (`/a~1b/0` → `a/b`, `0`). */
export function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
