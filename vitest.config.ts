import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    env: { PACT_DO_NOT_TRACK: 'true', LOG_LEVEL: 'silent' },
    // Threads, not forks: pact_ffi serialises pact-file merges only within one process (see the README).
    pool: 'threads',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
