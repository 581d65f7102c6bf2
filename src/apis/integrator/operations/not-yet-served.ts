import type { Reply } from '../../../engine/api-module.js';

/** Placeholder while a family is being built: never committed with a spec path that uses it. */
export function notYetServed(): Reply {
  return { status: 501, body: { errors: [{ code: 'not_implemented', message: 'Not served by the sandbox yet.' }] } };
}
