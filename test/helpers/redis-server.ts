import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`), for outage tests. */
  restart(): Promise<void>;
}

const BINARY = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

/**
 * A throwaway redis-server on a free loopback port in its own temp dir, stopped by the caller. With `durable`,
 * every write is fsynced to an append-only file, so a restart (an outage test) keeps what Redis acknowledged.
 */
export async function startRedisServer(options: { durable?: boolean } = {}): Promise<RedisServer> {
  if (!BINARY) throw new Error('redis-server is not installed: apt-get install -y redis-server (.ci/run does this)');
  const chosen = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'redis-'));
  const persistence = options.durable ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  let child = await launch(chosen, dir, persistence);
  return {
    url: `redis://127.0.0.1:${chosen}/0`,
    port: chosen,
    stop: async () => {
      await stopChild(child);
    },
    restart: async () => {
      child = await launch(chosen, dir, persistence);
    },
  };
}

async function launch(port: number, dir: string, persistence: string[]): Promise<ChildProcess> {
  const child = spawn(BINARY!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--dir', dir, '--protected-mode', 'yes'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (await answersPing(port)) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port}`);
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    socket.write('PING\r\n');
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

