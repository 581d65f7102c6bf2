import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fromRoot } from '../engine/paths.js';

export interface PrismProcess {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn until Prism said it was listening. */
  startupMs: number;
  stop(): Promise<void>;
}

/** The Prism the sandbox is compared with and tested against (package.json devDependencies). */
export const PRISM_VERSION = '5.14.2';

/** Prism's own entry script, run with this Node (not through npx, which would orphan the server on kill). */
export function prismEntry(): string {
  const require = createRequire(import.meta.url);
  let pkgFile: string;
  try {
    pkgFile = require.resolve('@stoplight/prism-cli/package.json');
  } catch {
    // [INF] Prism (~90 MB with its 185 dependencies) is a devDependency: only this command and the repo's own
    // tests need it, so an install of the sandbox does not carry it. The version is the one it is tested against.
    throw new Error(`Stoplight Prism is not installed; add it with: npm i -D @stoplight/prism-cli@${PRISM_VERSION}`);
  }
  const bin = (require(pkgFile) as { bin: Record<string, string> | string }).bin;
  return path.resolve(path.dirname(pkgFile), typeof bin === 'string' ? bin : bin.prism);
}

export interface StartPrismOptions {
  port: number;
  host?: string;
  /** Prism's `--dynamic`: bodies generated from schemas instead of examples (mock mode only). */
  dynamic?: boolean;
  /**
   * Runs `prism proxy <spec> <proxy>` instead of `prism mock`: Prism forwards each request to this upstream base URL
   * (the request path is appended to its path) and validates both the request and the upstream's answer against
   * the spec, reporting violations in an `sl-violations` response header.
   */
  proxy?: string;
  /**
   * Prism's `--errors`: an invalid request is answered by Prism itself (422, or 401 for security) and, in proxy
   * mode, not forwarded; an upstream answer with error-severity violations is replaced by a 500 problem+json.
   */
  errors?: boolean;
  /**
   * Prism's `-v silent`: no log line per request (its fastest configuration, a benchmark peer). Prism then never
   * prints "listening", so it counts as started once its port accepts a connection.
   */
  silent?: boolean;
  /** Pipe Prism's output to this process's (for the CLI); tests keep it quiet. */
  inheritOutput?: boolean;
  timeoutMs?: number;
}

/** Starts `prism mock` (or, with `proxy`, `prism proxy`) on one spec and resolves once it listens. */
export function startPrism(specFile: string, options: StartPrismOptions): Promise<PrismProcess> {
  const host = options.host ?? '127.0.0.1';
  const mode = options.proxy !== undefined ? ['proxy', fromRoot(specFile), options.proxy] : ['mock', fromRoot(specFile)];
  const args = [
    prismEntry(),
    ...mode,
    '-p',
    String(options.port),
    '-h',
    host,
    ...(options.dynamic && options.proxy === undefined ? ['-d'] : []),
    ...(options.errors ? ['--errors'] : []),
    ...(options.silent ? ['-v', 'silent'] : []),
  ];
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
    let listening = false;
    const onData = (chunk: Buffer) => {
      if (options.inheritOutput) process.stdout.write(chunk);
      output += chunk.toString();
      if (/Prism is listening on/.test(output)) listened();
    };
    const listened = () => {
      if (!listening) {
        listening = true;
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
    if (options.silent) {
      const tryConnect = () => {
        if (listening || child.exitCode !== null) return;
        const socket = connect(options.port, host);
        socket.once('connect', () => {
          socket.destroy();
          listened();
        });
        socket.once('error', () => setTimeout(tryConnect, 10));
      };
      tryConnect();
    }
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
