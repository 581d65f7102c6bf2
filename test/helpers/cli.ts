import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './free-port.js';
import { fromRoot } from '../../src/engine/paths.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `partner-sandbox <args>` as a partner runs it: the real binary in its own process. */
export function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [fromRoot('bin/partner-sandbox.js'), ...args], { env: { ...process.env, PACT_DO_NOT_TRACK: 'true' }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A stand-in for a partner's service on a free loopback port. */
export async function fakeService(handler: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export interface ServingCli {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
}

/** `partner-sandbox serve <args>` as a real process on a free port; resolves once it answers. */
export async function serveCli(args: string[]): Promise<ServingCli> {
  const port = await freePort();
  const child = spawn(process.execPath, [fromRoot('bin/partner-sandbox.js'), 'serve', '--port', String(port), ...args], { stdio: 'pipe' });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited: ${output}`);
    if (await fetch(`${url}/__sandbox/health`).then((r) => r.ok, () => false)) return { child, url, exited, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the sandbox did not start: ${output}`);
}
