import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { fromRoot } from '../../src/engine/paths.js';
import { listScenario, until, userProject, writeFixture, writeScenario } from '../helpers/user-files.js';

/**
 * `partner-sandbox serve` as someone who installed it runs it: the real binary, started in their own project
 * folder (not the package's), with paths relative to that folder. [INF] Logging at `info` here (the suite runs
 * silent): the reload lines are what a user watching the log sees, and what these tests wait for.
 */
const BIN = fromRoot('bin/partner-sandbox.js');
const ENV = { ...process.env, LOG_LEVEL: 'info' };
const TOKEN = { authorization: 'Bearer integrator-sandbox-token' };
const SCENARIO = { 'x-mock-scenario': 'integrator/my-outage' };

interface Served {
  child: ChildProcess;
  url: string;
  output(): string;
  stop(): Promise<number | null>;
}

const running: Served[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function serveIn(cwd: string, args: string[]): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), ...args], { cwd, env: ENV, stdio: 'pipe' });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const served: Served = {
    child,
    url,
    output: () => output,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  running.push(served);
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`the sandbox exited: ${output}`);
    return (await fetch(`${url}/__sandbox/health`).then((r) => r.ok, () => false)) || undefined;
  }, 'the sandbox to answer', 30_000);
  return served;
}

function runIn(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd, env: ENV, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const list = async (served: Served, session: string, headers: Record<string, string> = {}) =>
  fetch(`${served.url}/integrator/v1/integrations`, { headers: { ...TOKEN, 'x-mock-session': session, ...headers } });
const acmeName = async (served: Served, session: string): Promise<string> =>
  ((await (await fetch(`${served.url}/__sandbox/state?session=${session}`)).json()) as { apis: { cloud66: { partners: { acme: { serviceName: string } } } } }).apis.cloud66.partners.acme
    .serviceName;
/** Resolves once `pattern` has been logged more often than `before` times. */
const logged = (served: Served, pattern: string, before = 0) =>
  until(() => (served.output().split(pattern).length - 1 > before ? true : undefined), `"${pattern}" in the log`);
const count = (served: Served, pattern: string) => served.output().split(pattern).length - 1;

describe('partner-sandbox serve with the user\'s own files', () => {
  it('resolves relative --fixture, --scenarios and --state-file against the current directory', async () => {
    const project = userProject();
    writeScenario(path.join(project, 'sandbox-scenarios'), 'integrator/my-outage', listScenario(429));
    writeFixture(path.join(project, 'my-fixture.yaml'), 'ACME From My Project');
    const served = await serveIn(project, ['--fixture', 'my-fixture.yaml', '--scenarios', 'sandbox-scenarios', '--state-file', 'state.json']);

    expect((await list(served, 'rel', SCENARIO)).status).toBe(429);
    expect(await acmeName(served, 'rel')).toBe('ACME From My Project');
    expect((await list(served, 'rel')).status).toBe(200);
    expect(await served.stop()).toBe(0);
    expect(existsSync(path.join(project, 'state.json'))).toBe(true);
  });

  it('stops at start-up on a bad scenario file: non-zero exit, one line naming file, path and reason', async () => {
    const project = userProject();
    writeScenario(path.join(project, 'sandbox-scenarios'), 'integrator/my-outage', 'description: x\nrules:\n  - operation: listIntegrations\n    respond: { status: 418 }\n');
    const { code, stdout, stderr } = await runIn(project, ['--scenarios', 'sandbox-scenarios']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^partner-sandbox: sandbox-scenarios\/integrator\/my-outage\.yaml: \/rules\/0\/respond: listIntegrations does not document status 418; it documents 200/),
    ]);
  });

  it('refuses a name a shipped scenario has, naming both files, and serves the user\'s with --scenarios-override', async () => {
    const project = userProject();
    writeScenario(path.join(project, 'mine'), 'integrator/rate-limited', listScenario(401, 'mine: every list is from another region'));
    const refused = await runIn(project, ['--scenarios', 'mine']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim()).toMatch(/^partner-sandbox: mine\/integrator\/rate-limited\.yaml: \(name\): integrator\/rate-limited is also defined by scenarios\/integrator\/rate-limited\.yaml; rename one/);

    const served = await serveIn(project, ['--scenarios', 'mine', '--scenarios-override']);
    expect((await list(served, 'override', { 'x-mock-scenario': 'integrator/rate-limited' })).status).toBe(401);
  });
});

describe('partner-sandbox serve --watch', () => {
  it('serves an edited scenario and fixture without dropping sessions; a broken edit keeps the last good set and says why', async () => {
    const project = userProject();
    const scenarios = path.join(project, 'sandbox-scenarios');
    writeScenario(scenarios, 'integrator/my-outage', listScenario(429));
    writeFixture(path.join(project, 'my-fixture.yaml'), 'ACME Before');
    const served = await serveIn(project, ['--scenarios', 'sandbox-scenarios', '--fixture', 'my-fixture.yaml', '--watch']);

    // State made before any edit.
    const created = await fetch(`${served.url}/integrator/v1/integrations`, {
      method: 'POST',
      headers: { ...TOKEN, 'x-mock-session': 'kept', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Made before the edit' }),
    });
    expect(created.status).toBe(201);
    expect((await list(served, 'kept', SCENARIO)).status).toBe(429);
    expect(await acmeName(served, 'kept')).toBe('ACME Before');

    // A good edit of the scenario and the fixture.
    writeScenario(scenarios, 'integrator/my-outage', listScenario(401));
    writeFixture(path.join(project, 'my-fixture.yaml'), 'ACME After');
    await until(async () => ((await list(served, 'kept', SCENARIO)).status === 401 ? true : undefined), 'the edited scenario to be served');
    await until(async () => ((await acmeName(served, 'new-session')) === 'ACME After' ? true : undefined), 'new sessions to use the edited fixture');
    expect(served.output()).toMatch(/scenarios reloaded \(1 user scenario\)/);
    const kept = (await (await list(served, 'kept')).json()) as { name: string }[];
    expect(kept.map((i) => i.name)).toContain('Made before the edit');
    expect(await acmeName(served, 'kept')).toBe('ACME Before');

    // A broken edit: the last good scenario stays, and one line says which file, where and why.
    const reloads = count(served, 'scenarios reloaded');
    writeScenario(scenarios, 'integrator/my-outage', 'description: broken\nrules:\n  - operation: listIntegrations\n    respond: { status: 418 }\n');
    await logged(served, 'reload refused');
    const line = served.output().split('\n').find((l) => l.includes('reload refused'));
    expect(line).toContain('sandbox-scenarios/integrator/my-outage.yaml: /rules/0/respond: listIntegrations does not document status 418');
    expect((await list(served, 'kept', SCENARIO)).status).toBe(401);
    expect(count(served, 'scenarios reloaded')).toBe(reloads);

    // A later good edit applies.
    writeScenario(scenarios, 'integrator/my-outage', listScenario(429));
    await until(async () => ((await list(served, 'kept', SCENARIO)).status === 429 ? true : undefined), 'the fixed scenario to be served');
    const stillKept = (await (await list(served, 'kept')).json()) as { name: string }[];
    expect(stillKept.map((i) => i.name)).toContain('Made before the edit');
  });

  it('picks up a scenario added in a new API folder after start-up', async () => {
    const project = userProject();
    writeScenario(path.join(project, 'sandbox-scenarios'), 'integrator/my-outage', listScenario(429));
    const served = await serveIn(project, ['--scenarios', 'sandbox-scenarios', '--watch']);
    writeScenario(path.join(project, 'sandbox-scenarios'), 'oem/my-slow-list', 'description: slow\nrules:\n  - operation: oemListIntegrations\n    latency: 1\n');
    await logged(served, 'scenarios reloaded (2 user scenarios)');
    const names = ((await (await fetch(`${served.url}/__sandbox/scenarios`)).json()) as { name: string }[]).map((s) => s.name);
    expect(names).toContain('oem/my-slow-list');
  });

  it('refuses --watch with nothing to watch', async () => {
    const { code, stderr } = await runIn(userProject(), ['--watch']);
    expect(code).not.toBe(0);
    expect(stderr.trim()).toBe('partner-sandbox: --watch watches the --scenarios folders and the --fixture file: give at least one');
  });
});
