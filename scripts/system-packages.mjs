#!/usr/bin/env node
// What the tests need beyond npm, installed when missing: Debian's Chromium (the dashboard's browser tests drive it
// through playwright-core, which must not download a browser of its own), redis-server (the Redis store's suites
// start their own on a free loopback port), and the real HTTPS clients the TLS tests run (curl, openssl, python3, Java). `npm test` runs this first (pretest), and so does .ci/run through
// `npm test`: one install path. Where it cannot install (not root, no apt-get), it stops at once with one line
// naming the packages and the command that installs them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package → the file the tests look for (test/dashboard/browser.ts, test/helpers/redis-server.ts). */
const NEEDED = [
  { pkg: 'chromium', files: ['/usr/bin/chromium'] },
  { pkg: 'redis-server', files: ['/usr/bin/redis-server', '/usr/local/bin/redis-server'] },
  // The real clients the TLS and proxy tests run unmodified (test/engine/tls/, test/engine/proxy/).
  { pkg: 'curl', files: ['/usr/bin/curl'] },
  { pkg: 'openssl', files: ['/usr/bin/openssl'] },
  { pkg: 'python3', files: ['/usr/bin/python3'] },
  { pkg: 'default-jre-headless', files: ['/usr/bin/keytool', '/usr/bin/java'] },
];

const missing = NEEDED.filter((n) => !n.files.some((f) => existsSync(f))).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const named = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
const stop = (why) => {
  process.stderr.write(`partner-sandbox: the tests need ${named} (not installed), but ${why}; install with: sudo sh -c '${command}'\n`);
  process.exit(1);
};
if (process.env.SANDBOX_NO_INSTALL) stop('SANDBOX_NO_INSTALL is set');
if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) stop('this is not a Debian-like system with apt-get');
if (process.getuid?.() !== 0) stop('installing needs root');

process.stdout.write(`installing ${named} for the tests (${command})\n`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
  const run = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (run.status !== 0) stop(`apt-get ${args[0]} failed (exit ${run.status ?? run.signal})`);
}
