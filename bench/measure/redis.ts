import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../test/helpers/free-port.js';
import { keepTail, stopChild, type ChildTracker } from './children.js';
import { HOST, POLL_EVERY_MS, START_TIMEOUT_MS } from './probe.js';
import { RssSampler } from './rss-sampler.js';
import type { RunningServer } from './servers.js';

const REDIS_BINARY = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

/**
 * A throwaway redis-server for the replicas to share: a free loopback port, no persistence (`--save ''`,
 * `--appendonly no`), its own temp dir (removed when it stops, or when the bench exits however it exits).
 * Its start-up is spawn → first `+PONG`, polled every 10 ms.
 */
export async function startRedis(tracker: ChildTracker): Promise<RunningServer> {
  if (!REDIS_BINARY) throw new Error('redis-server is not installed (looked in /usr/bin and /usr/local/bin): apt-get install -y redis-server');
  const port = await freePort(HOST);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-redis-'));
  const removeDir = tracker.cleanup(() => rmSync(dir, { recursive: true, force: true }));
  const started = performance.now();
  const args = ['--port', String(port), '--bind', HOST, '--protected-mode', 'yes', '--save', '', '--appendonly', 'no', '--dir', dir];
  const child = spawn(REDIS_BINARY, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  tracker.add(child, { stopLast: true });
  const outputTail = keepTail(child);
  let rss: RssSampler | undefined;
  const stop = async () => {
    rss?.stop();
    await stopChild(child);
    removeDir();
  };
  try {
    let last = 'no answer yet';
    while (performance.now() - started < START_TIMEOUT_MS) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode})`);
      const answer = await redisPing(port).catch((err: Error) => err.message);
      if (answer.startsWith('+PONG')) {
        const startupMs = performance.now() - started;
        rss = new RssSampler(child.pid!);
        return { label: 'redis', url: `redis://${HOST}:${port}/0`, pid: child.pid!, startupMs, rss, outputTail, stop };
      }
      last = answer.trim();
      await sleep(POLL_EVERY_MS);
    }
    throw new Error(`no PONG on ${HOST}:${port} within ${START_TIMEOUT_MS} ms (last: ${last})`);
  } catch (err) {
    await stop();
    throw new Error(`redis-server did not start: ${(err as Error).message}\n${outputTail()}`);
  }
}

/** One `PING` on a fresh connection: the first line of the answer, or a rejection (refused, 1 s without one). */
function redisPing(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: HOST, timeout: 1_000 });
    socket.once('error', reject);
    socket.once('timeout', () => socket.destroy(new Error('no answer within 1000 ms')));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString());
    });
    socket.write('PING\r\n');
  });
}
