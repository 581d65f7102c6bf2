import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A fresh folder for one file's CAs, removed after the file. */
export function tempTlsRoot(): () => string {
  const root = mkdtempSync(path.join(tmpdir(), 'sandbox-tls-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  return () => path.join(root, `case-${++n}`, 'tls');
}

/** An HTTPS server on 127.0.0.1 and a free port answering `ok`, closed after the file. */
export async function httpsServer(options: https.ServerOptions): Promise<{ port: number; close: () => void }> {
  const server = https.createServer(options, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => {
    server.closeAllConnections();
    server.close();
  };
  afterAll(close);
  return { port: (server.address() as AddressInfo).port, close };
}

/** GET over HTTPS: the body, or the TLS error's code (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`, …). */
export function httpsGet(options: https.RequestOptions): Promise<{ body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = https.get({ agent: false, ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ body }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
  });
}

/**
 * Runs a program without blocking the event loop (the server it calls lives in this process, so spawnSync would
 * deadlock): exit code, stdout and stderr.
 */
export function run(file: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env: env ? { ...process.env, ...env } : process.env, timeout: 10_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
