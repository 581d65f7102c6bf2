import { defineConfig } from 'vitest/config';

/**
 * Projects run in `groupOrder`: specs, engine and APIs, and the pact consumers (which write pacts) first; then
 * what reads their output: pact verification and drift checks; the response-coverage check last, since it reads
 * what every other suite reached.
 */
export default defineConfig({
  test: {
    env: { PACT_DO_NOT_TRACK: 'true', LOG_LEVEL: 'silent' },
    // Threads, not forks: pact_ffi serialises pact-file merges only within one process; under forks, parallel
    // files writing one pact lose interactions silently (measured in the toolchain reference).
    pool: 'threads',
    // Two workers on the 2-core machines: most tests wait on servers they started (sandbox, Prism, Chromium,
    // redis-server), so a second worker overlaps that waiting; vitest's default here (cores - 1) ran them one by one.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 40_000,
    globalSetup: ['test/setup/clean-run-artifacts.ts'],
    // Under CI a JSON report too, from which .ci/run prints the plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]] : ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'sandbox', include: ['test/**/*.test.ts'], exclude: ['test/**/*.check.test.ts', 'test/**/*.pact.test.ts', 'test/**/*.verify.test.ts'], sequence: { groupOrder: 0 } },
      },
      // pact-core 19's mock server sometimes reports a request it answered as "expected but not received" under
      // load (pact-foundation/pact-reference#535, open; measured here: about 1 run in 4). A real mismatch fails
      // every attempt; that false negative passes on a retry. 16.2.0 lacks it but also lacks per-interaction
      // verification results, which `partner-sandbox verify` reports.
      { extends: true, test: { name: 'pact-consumer', include: ['test/pacts/consumers/*.pact.test.ts'], retry: 2, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'pact-provider', include: ['test/**/*.verify.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
      {
        // The stateful sandbox's HTTP suites again, against the Redis store (one redis-server for the project): each
        // API's end-to-end flows, state and scenario call counts, integrator.io's workflow and runs, and the engine's
        // sessions. The store contract itself runs against both stores in test/stores/; [INF] the per-operation
        // suites (auth, bodies, lists, …: another 35 s of a worker) run on the memory store only.
        extends: true,
        test: {
          name: 'sandbox-redis',
          include: [
            'test/apis/*/{flow,end-to-end,state,scenarios}.test.ts',
            'test/apis/integrator/{workflow,runs}.test.ts',
            'test/engine/{api-router,prefer,scenarios,parallel-sessions}.test.ts',
            'test/robustness/concurrency.test.ts',
          ],
          globalSetup: ['test/setup/clean-run-artifacts.ts', 'test/setup/redis-server.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'checks', include: ['test/**/*.check.test.ts'], sequence: { groupOrder: 2 } } },
    ],
  },
});
