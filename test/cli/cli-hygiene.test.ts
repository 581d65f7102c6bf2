import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { fromRoot } from '../../src/engine/paths.js';
import { BIN, run, startAndWait } from './cli-process.js';

const { version } = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string };
const STACK_FRAME = /^\s+at /m;

/** One line on stderr, nothing on stdout, exit 1: how every mistake the user can fix is reported. */
function expectOneLineError(result: { code: number | null; stdout: string; stderr: string }, line: string): void {
  expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ code: 1, stdout: '', stderr: `${line}\n` });
}

// Generous timeouts: each test starts the binary (through tsx when dist/ is stale) on 2 shared cores.
describe('partner-sandbox: version, commands, help', { timeout: 45_000, concurrent: true }, () => {
  it('--version and -V print the version in package.json', async () => {
    const [long, short] = await Promise.all([run(['--version']), run(['-V'])]);
    expect(long).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(short).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('an unknown command names itself and the commands, in one line (serve no longer takes it as an argument)', async () => {
    expectOneLineError(await run(['frobnicate']), "partner-sandbox: unknown command 'frobnicate' (commands: serve, prism, proxy, verify, simulate, coverage, help)");
  });

  it('a bare partner-sandbox prints the help and exits 0 instead of starting a server', async () => {
    // A server would never exit: run() kills it after 20 s (code null).
    const result = await run([], {}, 20_000);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: partner-sandbox \[options\] \[command\]/);
    expect(result.stdout).toMatch(/^ {2}serve \[options\]/m);
    expect(result.stdout).not.toContain('listening');
  });
});

describe('partner-sandbox serve: the environment gets the one-line error a flag gets', { timeout: 45_000, concurrent: true }, () => {
  it.each([
    ['PORT', 'abc', 'partner-sandbox: PORT=abc: a port is a whole number from 0 to 65535'],
    ['PORT', '70000', 'partner-sandbox: PORT=70000: a port is a whole number from 0 to 65535'],
    ['HOST', 'http://0.0.0.0', 'partner-sandbox: HOST=http://0.0.0.0: a host is a name or an IP address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)'],
    ['SANDBOX_STORE', 'localhost:6379', 'partner-sandbox: SANDBOX_STORE=localhost:6379: a store is memory or a Redis URL such as redis://127.0.0.1:6379/0 (rediss:// for TLS)'],
    ['LOG_LEVEL', 'loud', 'partner-sandbox: LOG_LEVEL=loud: a log level is one of trace, debug, info, warn, error, fatal, silent'],
  ])('%s=%s', async (name, value, line) => {
    const result = await run(['serve'], { [name]: value });
    expectOneLineError(result, line);
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('--cors takes origins, and says so in one line', async () => {
    const result = await run(['serve', '--cors', 'app.example.com'], {});
    expect(result.stderr).toContain('--cors takes origins such as https://app.example.com, not "app.example.com"');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('a flag wins over its variable, so a stray PORT does not stop `serve --port`', async () => {
    const port = await freePort();
    const served = await startAndWait(process.execPath, [BIN, 'serve', '--port', String(port)], port, { env: { ...process.env, PORT: 'abc' } });
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
  });
});

describe('partner-sandbox serve: when it cannot listen, one line says what to change', { timeout: 45_000, concurrent: true }, () => {
  let taken: Server;
  let takenPort: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    takenPort = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('EADDRINUSE: the port is taken; choose another with --port or PORT', async () => {
    expectOneLineError(
      await run(['serve', '--port', String(takenPort)]),
      `partner-sandbox: port ${takenPort} on 127.0.0.1 is already in use; choose another with --port <n> or PORT=<n>`,
    );
  });

  it('the same when the port came from PORT', async () => {
    expectOneLineError(await run(['serve'], { PORT: String(takenPort) }), `partner-sandbox: port ${takenPort} on 127.0.0.1 is already in use; choose another with --port <n> or PORT=<n>`);
  });

  it('EADDRNOTAVAIL: the host is no address of this machine', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned to a real interface.
    expectOneLineError(
      await run(['serve', '--port', '0', '--host', '192.0.2.1']),
      'partner-sandbox: 192.0.2.1 is not an address of this machine; choose another with --host <address> or HOST=<address> (127.0.0.1: this machine only; 0.0.0.0: every interface)',
    );
  });

  // Needs an unprivileged user and a kernel that keeps low ports privileged: as root, the test runs the binary as
  // `nobody` through setpriv (util-linux).
  const unprivilegedStart = existsSync('/proc/sys/net/ipv4/ip_unprivileged_port_start') ? Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8')) : 1024;
  const isRoot = process.getuid?.() === 0;
  const hasSetpriv = isRoot && commandExists('setpriv');
  it.runIf(process.platform === 'linux' && unprivilegedStart > 1 && (!isRoot || hasSetpriv))('EACCES: a low port needs privileges; choose another', async () => {
    const [cmd, args]: [string, string[]] = isRoot
      ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'serve', '--port', '1']]
      : [process.execPath, [BIN, 'serve', '--port', '1']];
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(cmd, args, { timeout: 30_000, killSignal: 'SIGKILL' }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    });
    expectOneLineError(result, 'partner-sandbox: port 1 on 127.0.0.1 needs privileges this user lacks (ports below 1024 usually need root); choose another with --port <n> or PORT=<n>');
  });
});

function commandExists(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
