/**
 * `--soak <s>`: is the sandbox's memory flat under a long mixed load, and how does its peak compare with Prism's?
 * Each server is driven alone for the soak's length with a mix of the cases (every connection cycles through their
 * requests), the sandbox's requests spread over many sessions; every serving process's VmRSS is read once a second.
 */
import { requestFor, type ApiName, type BenchCase } from './cases.js';
import { runLoad, type LoadResult } from './load.js';
import { mb, type SoakLoad, type SoakPhase, type SoakProcess, type SoakResults } from './report.js';
import { openMemoryWindows, resetSandbox, type MemoryWindow, type RunningServer } from './servers.js';

export interface SoakOptions {
  durationS: number;
  /** All the connections a server gets: the sandbox's, or every Prism process's together. */
  connections: number;
  sessions: number;
  cases: BenchCase[];
  keepState: boolean;
}

/** Issue 7's "flat": RSS after the warm baseline stays within this much of it. */
const FLAT_PCT = 10;

/** The warm baseline: the end of the first 10 % of the run, and never before 5 s (sessions and JIT settle first). */
export function baselineAt(durationS: number): number {
  return Math.max(5, Math.ceil(durationS / 10));
}

/** One autocannon instance of a phase: a process, its share of the connections and the cases it serves. */
interface SoakTarget {
  server: RunningServer;
  cases: BenchCase[];
  connections: number;
}

export async function runSoak(o: SoakOptions, sandbox: RunningServer, prisms: Map<ApiName, RunningServer>, log: (line: string) => void): Promise<SoakResults> {
  const baselineAtS = baselineAt(o.durationS);
  // The checks' requests (and a create among the cases) leave state behind: start from the fixture.
  if (!o.keepState) await resetSandbox(sandbox.url);
  log(`soak: the sandbox alone for ${o.durationS} s, ${o.connections} connections cycling through ${o.cases.map((c) => c.name).join(', ')}, over ${o.sessions || 'no'} sessions…`);
  const sandboxPhase = await soakPhase('sandbox', [{ server: sandbox, cases: o.cases, connections: o.connections }], o, baselineAtS);
  let prismPhase: SoakPhase | null = null;
  if (prisms.size) {
    // Prism serves one spec per process: one instance per process, all at once, so Prism gets the same mix.
    const entries = [...prisms.entries()].map(([api, server]) => ({ server, cases: o.cases.filter((c) => c.api === api) }));
    const split = splitConnections(o.connections, entries.map((e) => e.cases.length));
    const targets = entries.map((e, i) => ({ ...e, connections: split[i] }));
    log(`soak: Prism alone for ${o.durationS} s, ${targets.map((t) => `${t.server.label} ${t.connections} conns`).join(', ')}…`);
    prismPhase = await soakPhase('prism', targets, o, baselineAtS);
  }
  return {
    durationS: o.durationS,
    baselineAtS,
    connections: o.connections,
    sessions: o.sessions,
    cases: o.cases.map((c) => c.name),
    stateCreatingCases: o.cases.filter((c) => c.createsState).map((c) => c.name),
    sandbox: sandboxPhase,
    prism: prismPhase,
    ...verdictOf(sandboxPhase, prismPhase),
  };
}

/**
 * The connections divided between Prism's processes in proportion to the cases each serves (largest remainder, at
 * least one each): the same total as the sandbox gets, and about the same share of each case as in its mix.
 */
export function splitConnections(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map((x) => Math.max(1, Math.floor(x)));
  const byRemainder = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest);
  for (let k = 0, left = total - out.reduce((a, b) => a + b, 0); left > 0; k++, left--) out[byRemainder[k % out.length].i] += 1;
  return out;
}

/** One server driven alone: its load instances at once, each process's VmRSS once a second, its peak over the phase. */
async function soakPhase(kind: 'sandbox' | 'prism', targets: SoakTarget[], o: SoakOptions, baselineAtS: number): Promise<SoakPhase> {
  const windows = targets.flatMap((t) => openMemoryWindows(t.server));
  const timeline: SoakPhase['timeline'] = [];
  let answers = 0;
  let counted = 0;
  const started = performance.now();
  const tick = (s: number) => {
    const rssKb = Object.fromEntries(windows.map((w) => [w.proc.label, w.rssKb()]));
    timeline.push({ s, atMs: Math.round(performance.now() - started), answers: answers - counted, rssKb });
    counted = answers;
  };
  const ticker = setInterval(() => tick(timeline.length + 1), 1_000);
  let results: LoadResult[];
  let peaks: ReturnType<MemoryWindow['finish']>[];
  try {
    results = await Promise.all(
      targets.map((t) =>
        runLoad({
          url: t.server.url,
          steps: t.cases.map((c) => ({ name: c.name, request: requestFor(c, kind), expectedStatus: c.expectedStatus })),
          connections: t.connections,
          durationS: o.durationS,
          sessions: kind === 'sandbox' && o.sessions > 0 ? o.sessions : undefined,
          onAnswer: () => {
            answers += 1;
          },
        }),
      ),
    );
  } finally {
    clearInterval(ticker);
    peaks = windows.map((w) => w.finish());
  }
  // The load may end a little before the last tick: its last second is read now.
  if ((timeline.at(-1)?.s ?? 0) < o.durationS) tick(o.durationS);
  const loads = targets.map((t, i) => loadOf(t, results[i]));
  const sum = (f: (l: SoakLoad) => number) => loads.reduce((a, l) => a + f(l), 0);
  return {
    server: kind,
    connections: sum((l) => l.connections),
    durationS: o.durationS,
    reqPerSec: sum((l) => l.reqPerSec),
    completed: sum((l) => l.completed),
    badStatus: sum((l) => l.badStatus),
    socketErrors: sum((l) => l.socketErrors),
    timeouts: sum((l) => l.timeouts),
    loads,
    processes: windows.map((w, i) => flatnessOf(w, peaks[i], timeline, baselineAtS)),
    timeline,
  };
}

function loadOf(t: SoakTarget, r: LoadResult): SoakLoad {
  const { perUrl: _perUrl, perStep, ...figures } = r;
  // A one-case mix has no per-step split in the load's result: its counts are the whole load's.
  const perCase = perStep ?? { [t.cases[0].name]: { answers: Object.values(r.statusCounts).reduce((a, b) => a + b, 0), badStatus: r.badStatus, statusCounts: r.statusCounts } };
  return { process: t.server.label, cases: t.cases.map((c) => c.name), ...figures, perCase };
}

/** Baseline at `baselineAtS`; min, max and last after it; growth = (max − baseline) ÷ baseline. */
function flatnessOf(w: MemoryWindow, peak: ReturnType<MemoryWindow['finish']>, timeline: SoakPhase['timeline'], baselineAtS: number): SoakProcess {
  const at = (s: number) => timeline.find((t) => t.s === s)?.rssKb[w.proc.label] ?? null;
  const baselineKb = at(baselineAtS);
  const rest = timeline.filter((t) => t.s > baselineAtS).map((t) => t.rssKb[w.proc.label]).filter((kb): kb is number => kb !== null);
  const maxKb = rest.length ? Math.max(...rest) : null;
  // The lowest reading of the first and of the last third after the baseline: what survives a GC. A leak raises
  // them; a GC sawtooth only raises the max (which the growth, as issue 7 defines it, is taken from).
  const third = Math.max(1, Math.floor(rest.length / 3));
  const troughKb = rest.length ? { first: Math.min(...rest.slice(0, third)), last: Math.min(...rest.slice(-third)) } : null;
  const growthPct = baselineKb && maxKb !== null ? Math.round(((maxKb - baselineKb) / baselineKb) * 1000) / 10 : null;
  return {
    label: w.proc.label,
    role: w.proc.role,
    pid: w.proc.pid,
    peakKb: peak.peakKb,
    exact: peak.exact,
    baselineKb,
    minKb: rest.length ? Math.min(...rest) : null,
    maxKb,
    lastKb: rest.at(-1) ?? null,
    growthPct,
    flat: growthPct === null ? null : growthPct <= FLAT_PCT,
    troughKb,
  };
}

/**
 * The sandbox's peak against the largest single Prism process that served (the target) and against all of them
 * together; its flatness. Prism's CLI parents (they print the workers' logs) are shown, never compared.
 */
function verdictOf(sandbox: SoakPhase, prism: SoakPhase | null): Pick<SoakResults, 'peak' | 'misses'> {
  const own = sandbox.processes.find((p) => p.label === 'sandbox')!;
  const serving = prism?.processes.filter((p) => p.role === 'server') ?? [];
  const known = (kb: number | null): kb is number => kb !== null;
  const largest = serving.reduce<SoakProcess | null>((big, p) => (p.peakKb !== null && (big === null || p.peakKb > big.peakKb!) ? p : big), null);
  const sumKb = serving.length && serving.every((p) => known(p.peakKb)) ? serving.reduce((a, p) => a + p.peakKb!, 0) : null;
  const all = prism?.processes ?? [];
  const withCliKb = all.length && all.every((p) => known(p.peakKb)) ? all.reduce((a, p) => a + p.peakKb!, 0) : null;
  const ratio = (kb: number | null) => (own.peakKb !== null && kb ? Math.round((own.peakKb / kb) * 100) / 100 : null);
  const ratioLargest = ratio(largest?.peakKb ?? null);
  const misses = [
    ...(own.flat === false ? [`soak: sandbox RSS grew ${own.growthPct} % after its warm baseline (target ≤ ${FLAT_PCT} %)`] : []),
    ...(ratioLargest !== null && ratioLargest > 1 ? [`soak: peak RSS sandbox ${mb(own.peakKb)} MB > largest Prism process ${largest!.label} ${mb(largest!.peakKb)} MB (${ratioLargest}×)`] : []),
  ];
  return {
    peak: {
      sandboxMb: mb(own.peakKb),
      prismLargest: largest ? { label: largest.label, mb: mb(largest.peakKb) } : null,
      prismSumMb: mb(sumKb),
      prismWithCliMb: mb(withCliKb),
      ratioLargest,
      ratioSum: ratio(sumKb),
    },
    misses,
  };
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
