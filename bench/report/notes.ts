/** What the figures mean, as results.json's `notes` and the report's `note:` lines say it. */
import type { BenchCase } from '../cases.js';
import type { Options } from '../options.js';
import type { CaseMemory, SoakResults } from '../types.js';

/** What the per-case run's figures mean (the classic run and the replica mode). */
export function caseNotes(options: Options, perCase: CaseMemory[]): string[] {
  const who = options.store === 'redis' ? 'the single sandbox\'s and the replicas\'' : "the sandbox's";
  const peaks = perCase.flatMap((c) => c.processes);
  return [
    ...(options.store === 'redis'
      ? [
          `${options.replicas} replica${options.replicas === 1 ? '' : 's'} (serve --store redis://127.0.0.1:<port>/0) share one redis-server started for this run (no persistence); the single sandbox keeps its sessions in memory; both run the same cases over the same sessions`,
          `one autocannon instance drives the replicas: connection i talks to replica i mod ${options.replicas} (${options.connections.map((n) => `${n} → ${splitOf(n, options.replicas)}`).join('; ')}); the session rotates per request, not per connection, so every session is served by every replica (no affinity)`,
          'server CPU % is each serving process (replicas, then Redis) over the run, 100 = one core; load gen CPU % is the bench process (autocannon)',
        ]
      : ['start-up is spawn → first 200 on a real request, polled every 10 ms: the sandbox (all four specs) and Prism on integrator.yaml answer GET /v1/integrations/{_id}']),
    ...(options.withPrism ? options.cases.flatMap((c) => (c.prismOnly ? [`${c.name}: ${c.prismOnly.note}`] : [])) : []),
    options.sessions > 0
      ? `${who} load is spread round-robin over ${options.sessions} X-Mock-Session values (bench-0…)${options.withPrism ? '; Prism has no sessions' : ''}`
      : `${who} load all goes to the default session (no X-Mock-Session)`,
    options.keepState
      ? 'the sandbox keeps its state from run to run (--keep-state): a create run leaves its integrations for the next'
      : `the sandbox is reset to its fixture (POST /__sandbox/reset${options.store === 'redis' ? ', on replica-1 for the shared store' : ''}) before each measured run; state still grows within a run`,
    ...(options.withPrism ? ['each Prism process serves one spec; the sandbox serves all four in one process'] : []),
    options.loadgen === 'wrk'
      ? 'load: wrk (one thread, its own process; latencies from its --latency distribution, 10 µs steps); bad status is its "Non-2xx or 3xx" count for a 2xx case, a Lua response hook\'s status counts otherwise; load gen CPU % is wrk\'s'
      : 'load: autocannon in the bench process; load gen CPU % is the bench process',
    options.pin
      ? `pinned with taskset after the start-ups: every server process (all threads, and Prism's worker) on core ${options.pin.server}, the load generator${options.loadgen === 'wrk' ? ' (wrk) and the bench process' : ' (the bench process)'} on core ${options.pin.loadgen}`
      : 'not pinned: the scheduler places servers and load generator on any core',
    ...(options.peers.includes('prism-silent') ? ['prism-silent: Prism with -v silent (no log line per request), one process per spec like Prism; its start-up ends at the first 200 as the others\''] : []),
    ...(options.peers.includes('wiremock-nojournal')
      ? ['wiremock-nojournal: WireMock standalone (npm wiremock\'s jar, java) with --no-request-journal, one process with a stub per case: method, path template, the Authorization header, the body against the operation\'s request schema (matchesJsonSchema, 2020-12); it answers with the body the sandbox gives; its first warm-up is 3× as long (JIT)']
      : []),
    ...(options.peers.includes('node-http')
      ? ["node-http: a bare node:http server (bench/node-http-peer.mjs) that only looks up the route, checks the Authorization header, parses the body and validates it against the same request schema (ajv), stores the created document and otherwise answers the sandbox's body: the floor a Node.js mock can reach on this machine, not a product"]
      : []),
    'before each measured run, the bench waits (at most 15 s) until every other server process uses under 5 % of a core: Prism\'s CLI goes on printing its worker\'s request logs for seconds after its run',
    `peak RSS per case: each process's high-water mark (VmHWM) is reset (/proc/<pid>/clear_refs) before the case's first run on it, warm-up included, and read after its last run of the case${
      options.withPrism ? '; the sandbox (one process, four APIs) is compared with the Prism process that served the case' : ''
    }${options.store === 'redis' ? '; Redis is not measured per case (it holds the replicas\' sessions throughout)' : ''}`,
    ...(options.withPrism
      ? [
          "Prism runs with NODE_ENV=production (startPrism), so its CLI process forks one worker that answers HTTP: per case, Prism's figure is that worker's, its CLI parent (it prints the worker's logs) is listed beside it; in the servers table, prism:<api> is the CLI process alone, as before",
        ]
      : []),
    ...(peaks.some((p) => !p.exact)
      ? [`the kernel refused to reset the high-water mark for ${[...new Set(peaks.filter((p) => !p.exact).map((p) => p.label))].join(', ')}: per case, their peak is the highest VmRSS sampled every 250 ms (marked *)`]
      : []),
    'per case, a process\'s peak includes what earlier cases left: V8 keeps the heap it grew, so RSS seldom falls back between cases (the `at case start` column shows it; cases run in the order given)',
    ...perCase.flatMap((c) =>
      c.perDocument
        ? [
            `${c.case}: growth per document = ${c.perDocument.definition}; it reads low (the warm-up's documents, freed by the reset, left their heap in the baseline); the same from the case's start, before the warm-up, reads high (JIT and the request path's own growth count too): the two bracket the cost${
              options.sessions > 0 ? `; with ${options.sessions} sessions, their own state (re-created after each reset) counts as well` : ''
            }`,
          ]
        : [],
    ),
  ];
}

/** `5 each`, or `4 or 3` when the connections do not divide evenly. */
function splitOf(connections: number, replicas: number): string {
  const low = Math.floor(connections / replicas);
  return connections % replicas === 0 ? `${low} each` : `${low + 1} or ${low}`;
}

/** What the soak's figures mean, for the report's notes. */
export function soakNotes(k: SoakResults, cases: BenchCase[], withPrism: boolean): string[] {
  const prismShare = k.prism ? k.prism.loads.map((l) => `${l.process} ${l.connections}`).join(', ') : '';
  return [
    `each server is driven alone for ${k.durationS} s: the sandbox first (one autocannon instance, ${k.connections} connections)${
      k.prism ? `, then every Prism process at once (one instance per process, the ${k.connections} connections split by their share of the cases: ${prismShare}; req/s summed)` : ''
    }; each connection cycles through its cases' requests in turn`,
    k.sessions > 0
      ? `the sandbox's requests are spread round-robin over ${k.sessions} X-Mock-Session values (bench-0…), one per request${withPrism ? '; Prism has no sessions' : ''}`
      : "the sandbox's requests all go to the default session (no X-Mock-Session)",
    `RSS is VmRSS once a second; the warm baseline is the reading at ${k.baselineAtS} s (the first 10 % of the run, at least 5 s: every session has been touched and the JIT has warmed by then)`,
    [k.sandbox, ...(k.prism ? [k.prism] : [])].every((ph) => ph.processes.every((p) => p.exact))
      ? "peak = VmHWM at the end of the server's soak, the high-water mark having been reset (/proc/<pid>/clear_refs) at its start"
      : 'peak: the kernel refused to reset the high-water mark (/proc/<pid>/clear_refs) for the processes marked *: their peak is the highest VmRSS sampled every 250 ms',
    ...(withPrism
      ? [
          "Prism runs with NODE_ENV=production (startPrism), so each Prism CLI forks one worker that answers HTTP: Prism's figures are the workers'; their CLI parents (they print the workers' logs) are listed and never compared",
          ...cases.flatMap((c) => (c.prismOnly ? [`${c.name}: ${c.prismOnly.note}`] : [])),
        ]
      : ['Prism was not started (--no-prism)']),
    ...(k.stateCreatingCases.length
      ? [`${k.stateCreatingCases.join(', ')} create${k.stateCreatingCases.length === 1 ? 's' : ''} a document with every answer: the sandbox's memory then grows with the documents created, so it is not expected to be flat`]
      : ['no selected case creates state (the soak\'s default: every case but those marked createsState), so memory has no reason to grow']),
  ];
}
