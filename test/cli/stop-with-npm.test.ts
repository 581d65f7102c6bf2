import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { projectRoot } from '../../src/engine/paths.js';
import { eventually, portIsFree, startAndWait, type Started } from './cli-process.js';

/**
 * README "Stopping": `npm start &` then `kill $!` (or `kill <npm's PID>`) stops the server. npm runs the script
 * through `sh -c`; the SIGTERM npm passes on kills that shell, not the server, which used to keep the port.
 */
describe.runIf(process.platform !== 'win32' && spawnSync('npm', ['--version']).status === 0)('npm start, stopped by killing npm', () => {
  let started: Started | undefined;
  afterEach(() => {
    // Whatever is left of the group (npm, sh, the server) if the test failed: it was started detached, in its own.
    try {
      if (started?.child.pid) process.kill(-started.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  });

  it('SIGTERM to npm\'s PID: the server drains, saves and exits, and the port is free again within a few seconds', async () => {
    const port = await freePort();
    started = await startAndWait('npm', ['start', '--', '--port', String(port)], port, {
      cwd: projectRoot,
      detached: true,
      env: { ...process.env, LOG_LEVEL: 'info', npm_config_update_notifier: 'false' },
    });
    process.kill(started.child.pid!, 'SIGTERM');
    expect(await eventually(() => portIsFree(port), 5_000)).toBe(true);
    // Every writer of npm's pipes (the server too) closed them: the server exited, and said why.
    await started.closed;
    expect(started.output()).toMatch(/"reason":"parent exited","msg":"draining in-flight requests, then saving state"/);
  }, 60_000);
});
