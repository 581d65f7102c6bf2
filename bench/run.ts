/**
 * `npm run bench`: the sandbox and Stoplight Prism on the same specs, driven by autocannon with the same requests,
 * in one run. With `--replicas N --store redis`: N sandbox replicas sharing one Redis (started for the run) beside
 * one in-memory sandbox, Prism only with `--with-prism`. With `--soak <s>`: each server alone for that long under a
 * mix of the cases, its memory read once a second. Prints the tables and writes the figures (bench/README.md says
 * how to read them).
 */
import os from 'node:os';
import path from 'node:path';
import { log } from './log.js';
import { checkAnswers, checkSharing } from './measure/checks.js';
import { ChildTracker } from './measure/children.js';
import { everyProcess, startFleet, stopFleet } from './measure/fleet.js';
import { measureCases } from './measure/per-case.js';
import { runSoak } from './measure/soak.js';
import { kindsOf, parseOptions, timeLimitMs, type Options } from './options.js';
import { formatReport } from './report/format.js';
import { resultsOf, writeResults, type Measured } from './report/results.js';
import type { Results } from './types.js';

async function bench(options: Options, tracker: ChildTracker): Promise<Results> {
  const loadavgStart = os.loadavg();
  const kinds = kindsOf(options);
  const fleet = await startFleet(options, tracker);
  // One request of each case on each server first: a wrong answer here would make every figure meaningless.
  await checkAnswers(fleet, options.cases, kinds);
  // And the replicas must really share: what one creates, every other one reads.
  if (fleet.replicas.length > 1) await checkSharing(fleet.replicas);
  let measured: Pick<Measured, 'runs' | 'perCase' | 'soak'>;
  if (options.soakS !== null) {
    const soakOptions = { durationS: options.soakS, connections: options.connections[0], sessions: options.sessions, cases: options.cases, keepState: options.keepState };
    measured = { runs: [], perCase: [], soak: await runSoak(soakOptions, fleet.sandbox, fleet.prisms) };
  } else {
    measured = { ...(await measureCases(options, kinds, fleet)), soak: undefined };
  }
  await stopFleet(fleet);
  return resultsOf(options, { loadavgStart, servers: everyProcess(fleet), ...measured });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const tracker = new ChildTracker();
  // Children die with this process however it ends.
  process.on('exit', () => tracker.killAllNow());
  const abort = (why: string, code: number) => {
    log(`${why}: stopping the servers…`);
    const hard = setTimeout(() => process.exit(code), 70_000);
    hard.unref();
    void tracker.stopAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  const limit = setTimeout(() => abort(`the run took longer than its limit of ${Math.round(timeLimitMs(options) / 1000)} s`, 1), timeLimitMs(options));
  limit.unref();
  try {
    const results = await bench(options, tracker);
    process.stdout.write(`${formatReport(results)}\n`);
    writeResults(options.out, results);
    log(`figures written to ${path.relative(process.cwd(), options.out) || options.out}`);
  } finally {
    clearTimeout(limit);
    await tracker.stopAll();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
  // 'exit' kills any child still running.
  setImmediate(() => process.exit(1));
});
