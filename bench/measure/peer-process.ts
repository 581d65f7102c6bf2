/**
 * A peer started as a child process (WireMock, node-http): spawned, tracked so it never outlives the run, timed
 * from spawn to its first 200 on the integrator.io GET (as the sandbox and Prism are), its RSS sampled.
 */
import { spawn } from 'node:child_process';
import { CASES, requestFor, startupProbe } from '../cases.js';
import { keepTail, stopChild, type ChildTracker } from './children.js';
import { firstAnswer } from './probe.js';
import { RssSampler } from './rss-sampler.js';
import type { RunningServer } from './servers.js';

export interface PeerProcess {
  label: string;
  command: string;
  args: string[];
  url: string;
  cwd?: string;
  /** Removes what was written for the peer (its stubs or config), when it stops or fails to start. */
  removeFiles: () => void;
}

export async function startPeerProcess(tracker: ChildTracker, peer: PeerProcess): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(peer.command, peer.args, { cwd: peer.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  tracker.add(child);
  const outputTail = keepTail(child);
  const exited = new AbortController();
  child.once('exit', () => exited.abort());
  child.once('error', () => exited.abort());
  const probe = startupProbe('integrator');
  try {
    const startupMs = await firstAnswer(peer.url, requestFor(CASES.find((c) => c.path === probe.path)!, 'peer'), 200, started, exited.signal);
    const rss = new RssSampler(child.pid!);
    const stop = async () => {
      rss.stop();
      await stopChild(child);
      peer.removeFiles();
    };
    return { label: peer.label, url: peer.url, pid: child.pid!, startupMs, rss, outputTail, stop };
  } catch (err) {
    await stopChild(child);
    peer.removeFiles();
    throw new Error(`${peer.label} did not start (${peer.command} ${peer.args.join(' ')}): ${(err as Error).message}\n${outputTail()}`);
  }
}
