// The English build only: the package index loads all 70 locales (≈115 ms more at start-up).
import type { Faker } from '@faker-js/faker';
import { faker as sharedFaker } from '@faker-js/faker/locale/en';
import type { IdSource } from './api-module.js';

const SEED = 4010;

// One Faker for the whole process; each session's ids come from reseeding it with (seed, counter).

/** The part of a session that makes its ids repeatable: plain data, so it persists with the session. */
export interface IdCounter {
  next: number;
}

/**
 * Ids are a pure function of the session's counter, so a fresh (or reset) session always yields the same
 * ids in the same order, and no generator object has to live per session.
 */
export function idSourceFor(counter: IdCounter): IdSource {
  const draw = (): Faker => {
    sharedFaker.seed([SEED, counter.next++]);
    return sharedFaker;
  };
  return {
    get faker() {
      return draw();
    },
    hex: (length) => draw().string.hexadecimal({ length, casing: 'lower', prefix: '' }),
    uuid: () => draw().string.uuid(),
  };
}
