import { readFileSync } from 'node:fs';
import { fromRoot } from '../engine/paths.js';

/** The version in the package's own package.json, from src/ (under tsx) and from dist/ alike. */
export function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : 'unknown';
}
