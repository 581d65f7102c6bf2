/**
 * `--soak <s>`: is the sandbox's memory flat under a long mixed load, and how does its peak compare with Prism's?
 * Each server is driven alone for the soak's length with a mix of the cases (every connection cycles through their
 * requests), the sandbox's requests spread over many sessions; every serving process's VmRSS is read once a second.
 */
import { requestFor, type ApiName, type BenchCase } from '../cases.js';
import { baselineAt, flatnessOf, verdictOf } from '../compute/flatness.js';
import { splitConnections } from '../compute/split-connections.js';
import { log } from '../log.js';
import type { SoakLoad, SoakPhase, SoakResults } from '../types.js';
import { runLoad, type LoadResult } from './load.js';
import { openMemoryWindows, type MemoryWindow } from './memory-windows.js';
import { resetSandbox } from './probe.js';
import type { RunningServer } from './servers.js';

export interface SoakOptions {
  durationS: number;
  /** All the connections a server gets: the sandbox's, or every Prism process's together. */
  connections: number;
  sessions: number;
  cases: BenchCase[];
  keepState: boolean;
}

/** One autocannon instance of a phase: a process, its share of the connections and the cases it serves. */
interface SoakTarget {
  server: RunningServer;
  cases: BenchCase[];
  connections: number;
}

export async function runSoak(o: SoakOptions, sandbox: RunningServer, prisms: Map<ApiName, RunningServer>): Promise<SoakResults> {
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
    processes: windows.map((w, i) => flatnessOf(w.proc, peaks[i], timeline, baselineAtS)),
    timeline,
  };
}

function loadOf(t: SoakTarget, r: LoadResult): SoakLoad {
  const { perUrl: _perUrl, perStep, ...figures } = r;
  // A one-case mix has no per-step split in the load's result: its counts are the whole load's.
  const perCase = perStep ?? { [t.cases[0].name]: { answers: Object.values(r.statusCounts).reduce((a, b) => a + b, 0), badStatus: r.badStatus, statusCounts: r.statusCounts } };
  return { process: t.server.label, cases: t.cases.map((c) => c.name), ...figures, perCase };
}

