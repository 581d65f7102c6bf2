import { createHash } from 'node:crypto';
import type { IdSource } from '../api-module.js';

/** The seed of every session's ids (and of its dynamic bodies, with the same counter). */
export const ID_SEED = 4010;

/** The part of a session that makes its ids repeatable: plain data, so it persists with the session. */
export interface IdCounter {
  next: number;
}

/**
 * Ids are a pure function of the session's counter, so a fresh (or reset) session always yields the same
 * ids in the same order, and no generator object has to live per session.
 */
export function idSourceFor(counter: IdCounter): IdSource {
  return {
    hex: (length) => hexDigits(counter, length),
    uuid: () => {
      const h = hexDigits(counter, 32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

/**
 * Ids are the hash of (seed, counter): as repeatable as faker's, and about forty times cheaper than reseeding
 * it for each id, which was most of the cost of a create.
 */
function hexDigits(counter: IdCounter, length: number): string {
  // Only the bytes asked for become digits: a slice of a longer string would keep all of it alive in every
  // stored document. (An odd length still slices one digit off, a string only one longer.)
  let out = '';
  while (out.length < length) {
    const digest = createHash('sha256').update(`${ID_SEED}:${counter.next++}`).digest();
    out += digest.toString('hex', 0, Math.min(digest.length, Math.ceil((length - out.length) / 2)));
  }
  return out.length === length ? out : out.slice(0, length);
}
