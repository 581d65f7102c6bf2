import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIsFresh } from '../../bin/source-stamp.js';
import { freePort } from '../helpers/free-port.js';
import { projectRoot } from '../../src/engine/paths.js';

/**
 * The package as a consumer gets it: `npm pack`, then `npm install <tarball>` into an empty ESM project, then
 * the library, its types and the binary used from there. [INF] The tarball is packed from a copy of the
 * checkout, never from the checkout itself, so packing (which builds) never rewrites the dist/ that other test
 * files are running at the same moment.
 */
const REPO = projectRoot;
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const AUTH = { authorization: 'Bearer integrator-sandbox-token' };
const FIXTURE_NAME = 'Installed consumer fixture';
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };

/** npm as a user runs it: none of the npm_* settings `npm test` passes down, no analytics, cache preferred. */
const npmEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_'))),
  SCARF_ANALYTICS: 'false',
  PACT_DO_NOT_TRACK: 'true',
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string, timeout = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: npmEnv, timeout, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function mustRun(file: string, args: string[], cwd: string): Promise<Run> {
  const result = await run(file, args, cwd);
  if (result.code !== 0) throw new Error(`${path.basename(file)} ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe('the packed package, installed into an empty consumer project', () => {
  let work: string;
  let consumer: string;
  let installed: string;
  const servers: ChildProcess[] = [];

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'installed-package-'));
    const stage = path.join(work, 'stage');
    // Everything but what is never packed; "files" in package.json decides the rest, as it would in the repo.
    const skipped = new Set(['node_modules', '.git', 'dist', 'test', '.tmp', 'coverage']);
    cpSync(REPO, stage, { recursive: true, filter: (file) => !skipped.has(path.relative(REPO, file).split(path.sep)[0]!) });
    const packArgs = ['pack', '--pack-destination', work, '--loglevel', 'warn'];
    if (buildIsFresh(REPO)) {
      // The checkout's build matches its sources: ship that one instead of compiling again (~10 s).
      cpSync(path.join(REPO, 'dist'), path.join(stage, 'dist'), { recursive: true });
      packArgs.push('--ignore-scripts');
    } else {
      // npm pack runs `prepare` (the build) in the copy, with the checkout's typescript.
      symlinkSync(path.join(REPO, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
    }
    await mustRun('npm', packArgs, stage);
    const tarball = path.join(work, `partner-sandbox-${pkg.version}.tgz`);

    consumer = path.join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // [INF] @types/node beside it, as in any TypeScript project on Node: the sandbox's types, like pino's, name
    // node:http. The repo's own version, so the warm cache has it.
    const typesNode = (JSON.parse(readFileSync(path.join(REPO, 'node_modules', '@types', 'node', 'package.json'), 'utf8')) as { version: string }).version;
    await mustRun('npm', ['install', tarball, `@types/node@${typesNode}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'], consumer);
    installed = path.join(consumer, 'node_modules', 'partner-sandbox');
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve).kill('SIGKILL')) : undefined)));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** `partner-sandbox serve` from the consumer's node_modules/.bin, in the consumer's directory; resolves once it answers. */
  async function serve(args: string[]): Promise<{ url: string; output: () => string }> {
    const port = await freePort();
    const child = spawn(path.join(consumer, 'node_modules', '.bin', 'partner-sandbox'), ['serve', '--port', String(port), ...args], { cwd: consumer, env: npmEnv });
    servers.push(child);
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`partner-sandbox serve exited with ${child.exitCode}:\n${output}`);
      if (await fetch(`${url}/__sandbox/health`).then((r) => r.ok, () => false)) return { url, output: () => output };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`partner-sandbox serve did not answer within 10 s:\n${output}`);
  }

  it('ships the build, the specs, scenarios, pacts and dashboard assets, and no TypeScript sources or source maps', () => {
    const files = filesUnder(installed);
    for (const needed of ['dist/index.js', 'dist/index.d.ts', 'dist/cli.js', 'bin/partner-sandbox.js', 'specs/integrator.yaml', 'scenarios/default.yaml', 'scenarios/scenario.schema.json', 'src/admin/dashboard/index.html', 'src/admin/docs/docs-page.js']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((file) => file.startsWith('pacts/')).length).toBeGreaterThan(0);
    expect(files.filter((file) => (file.endsWith('.ts') && !file.endsWith('.d.ts')) || file.endsWith('.map'))).toEqual([]);
  });

  it('installs none of what only this repo needs: no tsx, no Prism, no test or build tools', () => {
    for (const devOnly of ['tsx', '@stoplight/prism-cli', 'typescript', 'vitest', '@pact-foundation/pact-cli', 'playwright-core']) {
      expect(existsSync(path.join(consumer, 'node_modules', devOnly)), devOnly).toBe(false);
    }
  });

  it('type-checks a consumer using createSandbox and startSandbox (NodeNext, strict, library checks on)', async () => {
    const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] };
    writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['use.ts'] }));
    writeFileSync(path.join(consumer, 'tsconfig.wrong.json'), JSON.stringify({ compilerOptions, files: ['wrong.ts'] }));
    writeFileSync(
      path.join(consumer, 'use.ts'),
      `import { createSandbox, startSandbox, DEFAULT_PORT, type SandboxOptions, type TestSandbox } from 'partner-sandbox';
const options: SandboxOptions = { journalSize: 10, limits: { maxUrlLength: 4096 }, store: 'memory' };
const running = await (await createSandbox(options)).listen(0);
const url: string = running.url;
await running.close();
const sandbox: TestSandbox = await startSandbox({ sessionId: 'consumer-1' });
const base: string = sandbox.baseUrl('integrator');
const headers: Record<string, string> = { ...sandbox.headers, authorization: 'Bearer integrator-sandbox-token' };
await sandbox.reset();
await sandbox.close();
const port: number = DEFAULT_PORT;
export { url, base, headers, port };
`,
    );
    writeFileSync(
      path.join(consumer, 'wrong.ts'),
      `import { createSandbox, startSandbox } from 'partner-sandbox';
import { loadFixture } from 'partner-sandbox/dist/engine/fixture.js';
await createSandbox({ store: 'postgres' });
const sandbox = await startSandbox({ port: 4010 });
sandbox.baseUrl('salesforce');
const id: number = sandbox.sessionId;
export { id, loadFixture };
`,
    );
    const [right, wrong] = await Promise.all([
      run(process.execPath, [TSC, '-p', 'tsconfig.json'], consumer),
      run(process.execPath, [TSC, '-p', 'tsconfig.wrong.json'], consumer),
    ]);
    expect(right, right.stdout).toMatchObject({ code: 0 });
    expect(wrong.code).not.toBe(0);
    const errorLines = wrong.stdout.split('\n').filter((line) => line.startsWith('wrong.ts('));
    // One error per wrong line, each on its own line: an internal module, a bad option value, an unknown
    // option, an API the sandbox does not serve, a session id that is a string.
    expect(errorLines.map((line) => /^wrong\.ts\((\d+),/.exec(line)?.[1])).toEqual(['2', '3', '4', '5', '6']);
    expect(wrong.stdout).not.toMatch(/node_modules\/partner-sandbox/);
  }, 60_000);

  it('runs in a consumer .mjs: startSandbox answers the fixture token with 200; createSandbox too; internals are not importable', async () => {
    writeFileSync(
      path.join(consumer, 'script.mjs'),
      `import { createRequire } from 'node:module';
import { createSandbox, startSandbox, DEFAULT_PORT } from 'partner-sandbox';
const sandbox = await startSandbox();
const res = await fetch(sandbox.baseUrl('integrator') + '/v1/integrations', { headers: { ...sandbox.headers, authorization: 'Bearer integrator-sandbox-token' } });
const names = (await res.json()).map((integration) => integration.name);
await sandbox.close();
const full = await (await createSandbox()).listen(0);
const health = (await fetch(full.url + '/__sandbox/health')).status;
await full.close();
const deep = await import('partner-sandbox/dist/sandbox.js').then(() => 'imported', (err) => err.code);
const { version } = createRequire(import.meta.url)('partner-sandbox/package.json');
console.log(JSON.stringify({ status: res.status, names, health, deep, version, port: DEFAULT_PORT }));
`,
    );
    // No process.exit in the script: it must also end by itself once both sandboxes are closed.
    const result = await run(process.execPath, ['script.mjs'], consumer, 30_000);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout)).toEqual({
      status: 200,
      names: expect.arrayContaining(['Licensing and Usage']),
      health: 200,
      deep: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      version: pkg.version,
      port: 4010,
    });
  }, 40_000);

  it('`partner-sandbox serve` starts from dist/ (nothing else is installed to run) and serves the APIs, dashboard and docs', async () => {
    // With no .ts sources in the package and no tsx in the project, dist/ is the only build the binary can run
    // (bin/partner-sandbox.js): its answering proves it ran from there.
    expect([existsSync(path.join(installed, 'src', 'cli.ts')), existsSync(path.join(consumer, 'node_modules', 'tsx'))]).toEqual([false, false]);
    const { url } = await serve([]);
    const health = (await (await fetch(`${url}/__sandbox/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    expect((await fetch(`${url}/integrator/v1/integrations`, { headers: AUTH })).status).toBe(200);
    const dashboard = await fetch(`${url}/__sandbox/`);
    expect([dashboard.status, dashboard.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
    expect((await fetch(`${url}/__sandbox/docs/integrator`)).status).toBe(200);
  }, 30_000);

  it('`serve --fixture ./my-fixture.yaml` reads the fixture from the consumer directory', async () => {
    const fixture = readFileSync(path.join(REPO, 'scenarios', 'default.yaml'), 'utf8').replace('name: Licensing and Usage', `name: ${FIXTURE_NAME}`);
    expect(fixture).toContain(FIXTURE_NAME);
    writeFileSync(path.join(consumer, 'my-fixture.yaml'), fixture);
    const { url } = await serve(['--fixture', './my-fixture.yaml']);
    const names = ((await (await fetch(`${url}/integrator/v1/integrations`, { headers: AUTH })).json()) as { name: string }[]).map((i) => i.name);
    expect(names).toContain(FIXTURE_NAME);
  }, 30_000);

  /** A consumer's own scenario folder holding one integrator scenario, `integrator/<name>.yaml`. */
  function scenarioFolder(dir: string, name: string, rule: string): string {
    mkdirSync(path.join(consumer, dir, 'integrator'), { recursive: true });
    writeFileSync(path.join(consumer, dir, 'integrator', `${name}.yaml`), `description: the consumer's own scenario\nrules:\n  - operation: listIntegrations\n    respond: ${rule}\n`);
    return path.join(consumer, dir, 'integrator', `${name}.yaml`);
  }
  const listWith = (url: string, scenario: string) => fetch(`${url}/integrator/v1/integrations`, { headers: { ...AUTH, 'X-Mock-Scenario': scenario } });

  it('`serve --scenarios ./my-scenarios` serves a consumer scenario, chosen with X-Mock-Scenario', async () => {
    scenarioFolder('my-scenarios', 'consumer-empty', '{ status: 204 }');
    const { url } = await serve(['--scenarios', './my-scenarios']);
    expect((await listWith(url, 'integrator/consumer-empty')).status).toBe(204);
    expect((await fetch(`${url}/integrator/v1/integrations`, { headers: AUTH })).status).toBe(200);
  }, 30_000);

  it('`serve --scenarios ./my-watched --watch` serves an edited scenario without a restart', async () => {
    const file = scenarioFolder('my-watched', 'consumer-edited', '{ status: 204 }');
    const { url, output } = await serve(['--scenarios', './my-watched', '--watch']);
    expect((await listWith(url, 'integrator/consumer-edited')).status).toBe(204);
    writeFileSync(file, readFileSync(file, 'utf8').replace('{ status: 204 }', '{ status: 429, example: rate-limited }'));
    let status = 0;
    for (let i = 0; i < 100 && status !== 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await listWith(url, 'integrator/consumer-edited')).status;
    }
    expect(status, output()).toBe(429);
  }, 30_000);

  it('`partner-sandbox prism` says in one line how to install Prism, at the version package.json pins', async () => {
    const result = await run(path.join(consumer, 'node_modules', '.bin', 'partner-sandbox'), ['prism', 'integrator'], consumer, 30_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`partner-sandbox: Stoplight Prism is not installed; add it with: npm i -D @stoplight/prism-cli@${pkg.devDependencies['@stoplight/prism-cli']}\n`);
  }, 30_000);
});
