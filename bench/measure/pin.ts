/** Pinning with `taskset` (util-linux), as shared/bench/peers.sh does: the servers on one core, the load generator on another. */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childPidsOf } from './proc.js';

/** Whether an executable of that name is on PATH. */
export function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir || '.', name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const cpuCount = () => os.availableParallelism?.() ?? os.cpus().length;

/** A process and its descendants (Prism's worker), to pin them all. */
function treeOf(pid: number, depth = 0): number[] {
  return depth >= 3 ? [pid] : [pid, ...childPidsOf(pid).flatMap((c) => treeOf(c, depth + 1))];
}

/**
 * Every thread of a process and of its descendants onto one core (`taskset -a -p -c`). Threads and processes they
 * start later inherit it, so a JVM's or V8's later threads stay there too. Servers are pinned once their start-up has
 * been timed: [INF] start-ups run one at a time with nothing else going on, and `startPrism` spawns Prism itself.
 */
export function pinTree(pid: number, cpu: number): void {
  for (const p of treeOf(pid)) execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(p)], { stdio: 'ignore' });
}

/** The command line that runs `argv` on one core, or `argv` itself unpinned. */
export function pinned(argv: string[], cpu: number | undefined): string[] {
  return cpu === undefined ? argv : ['taskset', '-c', String(cpu), ...argv];
}
