/** The results.json document: assembled from what the run measured and computed, and written to disk. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryOf } from '../compute/case-memory.js';
import { peerOfLabel, ratiosOf, sharingOf, startupOf } from '../compute/ratios.js';
import type { RunningServer } from '../measure/servers.js';
import type { Options } from '../options.js';
import type { CaseMemory, Results, RunFigures, ServerFigures, SoakResults } from '../types.js';
import { caseNotes, soakNotes } from './notes.js';

export interface Measured {
  /** When the run began, before any start-up: how busy the machine was. */
  loadavgStart: number[];
  /** Every server process, stopped, in the servers table's order. */
  servers: RunningServer[];
  runs: RunFigures[];
  perCase: CaseMemory[];
  soak: SoakResults | undefined;
}

export function resultsOf(options: Options, m: Measured): Results {
  const servers = m.servers.map(serverFiguresOf);
  return {
    machine: machineOf(m.loadavgStart),
    node: process.version,
    date: new Date().toISOString(),
    options: optionsOf(options),
    notes: m.soak ? soakNotes(m.soak, options.cases, options.withPrism) : caseNotes(options, m.perCase),
    servers,
    runs: m.runs,
    ratios: ratiosOf(m.runs),
    sharing: sharingOf(m.runs, options.replicas),
    startup: startupOf(servers),
    memory: memoryOf(servers, m.perCase),
    ...(m.soak ? { soak: m.soak } : {}),
  };
}

export function writeResults(out: string, results: Results): void {
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
}

const FOUR_APIS = ['cloud66', 'centurylink', 'integrator', 'oem'];
/** WireMock and node-http serve a stub (a route) per case, of these specs' operations. */
const STUBBED_APIS = ['cloud66', 'integrator', 'oem'];

function serverFiguresOf(s: RunningServer): ServerFigures {
  return {
    label: s.label,
    specs: s.label === 'redis' ? [] : s.label.includes(':') && peerOfLabel(s.label) ? [s.label.slice(s.label.indexOf(':') + 1)] : s.label === 'wiremock-nojournal' || s.label === 'node-http' ? STUBBED_APIS : FOUR_APIS,
    ...(s.store ? { store: s.store === 'memory' ? ('memory' as const) : ('redis' as const) } : {}),
    startupMs: Math.round(s.startupMs),
    listeningMs: s.listeningMs === undefined ? undefined : Math.round(s.listeningMs),
    rss: s.rss.result(),
  };
}

function machineOf(loadavgStart: number[]): Results['machine'] {
  const cpus = os.cpus();
  return {
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemMb: Math.round(os.totalmem() / 2 ** 20),
    loadavgStart,
    loadavgEnd: os.loadavg(),
  };
}

function optionsOf(o: Options): Results['options'] {
  return {
    durationS: o.durationS,
    warmupS: o.warmupS,
    connections: o.connections,
    cases: o.cases.map((c) => c.name),
    sessions: o.sessions,
    quick: o.quick,
    keepState: o.keepState,
    replicas: o.replicas,
    store: o.store,
    withPrism: o.withPrism,
    soakS: o.soakS,
    peers: o.peers,
    loadgen: o.loadgen,
    pin: o.pin,
  };
}
