import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';
import { fromRoot } from '../../src/engine/paths.js';

/**
 * The real binary (or npm) as a user runs it, with an environment of the test's choosing: test/helpers/cli.ts's
 * runCli and serveCli inherit the test runner's, where vitest sets LOG_LEVEL=silent.
 */
export const BIN = fromRoot('bin/partner-sandbox.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `partner-sandbox <args>` to its end; one that does not end within `timeoutMs` is killed (code null). */
export function run(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface Started {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  /** stdout and stderr so far, in arrival order; once `closed` resolves, all of it. */
  output(): string;
  /** Resolves when every process writing to the pipes (the server included) has closed them. */
  closed: Promise<void>;
}

/** Spawns `command args` and resolves once http://127.0.0.1:<port>/__sandbox/health answers (bounded polling). */
export async function startAndWait(command: string, args: string[], port: number, options: SpawnOptions = {}, timeoutMs = 45_000): Promise<Started> {
  const child = spawn(command, args, { stdio: 'pipe', ...options });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited before answering: ${output}`);
    if (await fetch(`${url}/__sandbox/health`).then((r) => r.ok, () => false)) return { child, url, exited, closed, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`did not answer within ${timeoutMs} ms: ${output}`);
}

/** Whether nothing listens on the port (we can bind it ourselves). */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Polls `check` every 100 ms until it holds or `timeoutMs` has passed. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
