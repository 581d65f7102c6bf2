import { execFile } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fromRoot } from '../../src/engine/spec-loader.js';

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
