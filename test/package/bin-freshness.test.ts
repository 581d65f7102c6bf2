import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/engine/paths.js';

/**
 * How bin/partner-sandbox.js chooses between dist/ and the sources, on a stand-in package whose cli only prints
 * which file ran (`dist/cli.js` or `src/cli.ts`): the real binary and build script, copied, with the repo's
 * node_modules (tsx, typescript) linked in when a case needs them.
 */
const WHICH_FILE = "process.stdout.write(import.meta.url.split('/').slice(-2).join('/'));\n";
// [INF] Unchecked and without @types/node: the stand-in is about which file runs, and tsc starts ~3x faster.
const SOURCE = `// @ts-nocheck\n${WHICH_FILE}`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(root: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: root, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const LONG_AGO = new Date('2001-01-01T00:00:00Z');

describe('bin/partner-sandbox.js runs dist/ only when it was built from the sources present', () => {
  let parent: string;
  let count = 0;
  beforeAll(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'bin-freshness-'));
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  /** A package with the real bin/, an unstamped dist/cli.js and, unless `sources` is false, a src/cli.ts. */
  function fakePackage(opts: { sources?: boolean; nodeModules?: boolean } = {}): string {
    const root = path.join(parent, `pkg-${count++}`);
    mkdirSync(path.join(root, 'dist'), { recursive: true });
    cpSync(fromRoot('bin'), path.join(root, 'bin'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'fake', type: 'module' }));
    writeFileSync(path.join(root, 'dist', 'cli.js'), WHICH_FILE);
    if (opts.sources !== false) {
      mkdirSync(path.join(root, 'src'));
      writeFileSync(path.join(root, 'src', 'cli.ts'), SOURCE);
      writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', strict: true, types: [] }, include: ['src'] }));
      writeFileSync(path.join(root, 'tsconfig.build.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { outDir: 'dist', rootDir: 'src' } }));
    }
    if (opts.nodeModules !== false) symlinkSync(fromRoot('node_modules'), path.join(root, 'node_modules'), 'dir');
    return root;
  }

  it('without .ts sources (an installed package) runs dist/, however old its files look', async () => {
    const root = fakePackage({ sources: false, nodeModules: false });
    utimesSync(path.join(root, 'dist', 'cli.js'), LONG_AGO, LONG_AGO);
    expect(await run(root, ['bin/partner-sandbox.js'])).toMatchObject({ code: 0, stdout: 'dist/cli.js' });
  });

  /** A stand-in package after `npm run build` (bin/source-stamp.js build), built once and copied per case. */
  let built: string;
  beforeAll(async () => {
    built = fakePackage();
    const build = await run(built, ['bin/source-stamp.js', 'build']);
    expect(build, build.stderr).toMatchObject({ code: 0 });
  });
  const copyOfBuilt = () => {
    const root = path.join(parent, `pkg-${count++}`);
    cpSync(built, root, { recursive: true, verbatimSymlinks: true });
    return root;
  };

  it('after `npm run build` runs dist/, even when the sources look newer (as npm unpacks them)', async () => {
    const root = copyOfBuilt();
    utimesSync(path.join(root, 'dist', 'cli.js'), LONG_AGO, LONG_AGO);
    expect(await run(root, ['bin/partner-sandbox.js'])).toMatchObject({ code: 0, stdout: 'dist/cli.js' });
  });

  it('runs the sources through tsx once one is edited after the build, whatever its mtime', async () => {
    const root = copyOfBuilt();
    // An edit that keeps an old mtime (a checkout, `cp -p`): only the content says the build is stale.
    writeFileSync(path.join(root, 'src', 'cli.ts'), `${SOURCE}// edited\n`);
    utimesSync(path.join(root, 'src', 'cli.ts'), LONG_AGO, LONG_AGO);
    expect(await run(root, ['bin/partner-sandbox.js'])).toMatchObject({ code: 0, stdout: 'src/cli.ts' });
  });

  it('counts the tsconfigs as sources, and not a README beside the code', async () => {
    const readme = copyOfBuilt();
    writeFileSync(path.join(readme, 'src', 'README.md'), 'notes\n');
    expect((await run(readme, ['bin/partner-sandbox.js'])).stdout).toBe('dist/cli.js');
    const config = copyOfBuilt();
    writeFileSync(path.join(config, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2020', module: 'NodeNext', types: [] }, include: ['src'] }));
    expect((await run(config, ['bin/partner-sandbox.js'])).stdout).toBe('src/cli.ts');
  });

  it('says in one line what to do when dist/ is stale and tsx is not installed', async () => {
    const root = fakePackage({ nodeModules: false });
    const result = await run(root, ['bin/partner-sandbox.js']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('partner-sandbox: dist/ was not built from the current src/ and tsx (which runs the sources) is not installed: run `npm run build`, or `npm install` for tsx\n');
  });
});
