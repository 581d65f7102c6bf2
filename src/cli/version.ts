import { readFileSync } from 'node:fs';

/**
 * The version in the package's own package.json: two folders up from src/cli/ (under tsx) and from dist/cli/
 * alike. Read directly rather than through fromRoot (spec-loader.ts), whose import loads the OpenAPI parser.
 */
export function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}
