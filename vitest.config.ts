import { defineConfig } from 'vitest/config';

/**
 * Projects run in `groupOrder`: the specs, engine and APIs first; the response-coverage check last, since it
 * reads what all the others reached. (The pact suites slot in between: consumers write, providers verify.)
 */
export default defineConfig({
  test: {
    env: { PACT_DO_NOT_TRACK: 'true', LOG_LEVEL: 'silent' },
    // Threads, not forks: pact_ffi serialises pact-file merges only within one process (see the README).
    pool: 'threads',
    testTimeout: 20_000,
    hookTimeout: 40_000,
    globalSetup: ['test/setup/clean-run-artifacts.ts'],
    projects: [
      { extends: true, test: { name: 'sandbox', include: ['test/**/*.test.ts'], exclude: ['test/**/*.check.test.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'coverage', include: ['test/**/*.check.test.ts'], sequence: { groupOrder: 9 } } },
    ],
  },
});
