import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fromRoot } from '../engine/spec-loader.js';

export interface PrismProcess {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn until Prism said it was listening. */
  startupMs: number;
  stop(): Promise<void>;
}

/** Prism's own entry script, run with this Node (not through npx, which would orphan the server on kill). */
export function prismEntry(): string {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('@stoplight/prism-cli/package.json');
  const bin = (require(pkgFile) as { bin: Record<string, string> | string }).bin;
  return path.resolve(path.dirname(pkgFile), typeof bin === 'string' ? bin : bin.prism);
}

export interface StartPrismOptions {
  port: number;
  host?: string;
  /** Prism's `--dynamic`: bodies generated from schemas instead of examples. */
  dynamic?: boolean;
  /** Pipe Prism's output to this process's (for the CLI); tests keep it quiet. */
  inheritOutput?: boolean;
  timeoutMs?: number;
}

/** Starts `prism mock` on one spec and resolves once it listens. */
export function startPrism(specFile: string, options: StartPrismOptions): Promise<PrismProcess> {
  const host = options.host ?? '127.0.0.1';
  const args = [prismEntry(), 'mock', fromRoot(specFile), '-p', String(options.port), '-h', host, ...(options.dynamic ? ['-d'] : [])];
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Prism did not start within ${options.timeoutMs ?? 30_000} ms:\n${output}`)), options.timeoutMs ?? 30_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      if (options.inheritOutput) process.stdout.write(chunk);
      output += chunk.toString();
      if (/Prism is listening on/.test(output)) {
        clearTimeout(timer);
        // Prism logs every request: keep draining its output, but stop collecting it.
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        const drain = (c: Buffer) => options.inheritOutput && process.stdout.write(c);
        child.stdout!.on('data', drain);
        child.stderr!.on('data', drain);
        resolve({ url: `http://${host}:${options.port}`, child, startupMs: performance.now() - started, stop: () => stopChild(child) });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`Prism exited with code ${code} before listening:\n${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
