import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/engine/paths.js';

/**
 * `npm test`'s pretest on a machine without the packages: a private mount namespace lays an empty /usr/bin over the
 * real one (chromium, redis-server and apt-get gone), so the real script meets a machine it cannot install on.
 * A copy of node runs it from outside /usr/bin; `unshare` comes with util-linux, as root (CI and sessions are root).
 */
function runWithout(prepare: string, runAs = ''): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'syspkg-'));
  const node = path.join(dir, 'node');
  copyFileSync(process.execPath, node);
  const script = fromRoot('scripts/system-packages.mjs');
  const inner = `/usr/bin/mkdir -p ${dir}/real && /usr/bin/mount --bind /usr/bin ${dir}/real && /usr/bin/mount -t tmpfs none /usr/bin && export PATH=${dir}/real && ${prepare} ${runAs} ${node} ${script}`;
  const run = spawnSync('/usr/bin/unshare', ['--mount', '/usr/bin/sh', '-c', inner], { encoding: 'utf8', timeout: 20_000, env: { HOME: dir } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('scripts/system-packages.mjs (npm pretest)', () => {
  it('stops at once with one line naming the packages and the command, where there is no apt-get', () => {
    const run = runWithout('');
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/the tests need chromium, redis-server, curl, openssl, python3 and default-jre-headless \(not installed\), but this is not a Debian-like system with apt-get; install with: sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium redis-server curl openssl python3 default-jre-headless'/);
  });

  it('says root is needed when apt-get is there but the user is not root', () => {
    // apt-get present (a stand-in: it must not run), and the script run as nobody through setpriv.
    const run = runWithout('printf "#!/bin/sh\\nexit 99\\n" > /usr/bin/apt-get && chmod 755 /usr/bin/apt-get &&', 'setpriv --reuid=65534 --regid=65534 --clear-groups');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/need chromium, redis-server, curl, openssl, python3 and default-jre-headless \(not installed\), but installing needs root; install with: sudo sh -c '/)]);
    expect(run.status).toBe(1);
  });

  it('does nothing where both are installed (this machine: the suite needs them)', () => {
    const run = spawnSync(process.execPath, [fromRoot('scripts/system-packages.mjs')], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });
});
