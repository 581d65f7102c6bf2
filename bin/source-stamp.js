// The build stamp: a hash of everything the build compiles (src/**/*.ts and the two tsconfigs), written into
// dist/ by `npm run build` and compared by the binary in a dev checkout. [INF] Content, not mtimes: npm, tar and
// `cp -p` keep or reorder mtimes, so an mtime says nothing reliable about which is newer; a hash does, for
// ~5-10 ms per start in a checkout (an install has no sources to hash).
//
//   node bin/source-stamp.js build   hash the sources, compile (tsconfig.build.json), then write the stamp
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const STAMP_FILE = path.join('dist', 'source-stamp.txt');
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

function tsFiles(dir, root) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...tsFiles(file, root));
    // Only code counts: an edited README beside the sources must not send the binary back to tsx.
    else if (entry.name.endsWith('.ts')) found.push(path.relative(root, file).split(path.sep).join('/'));
  }
  return found;
}

/** The hash of the sources under `root`: file names and contents, in a fixed order. */
export function sourceHash(root) {
  const hash = createHash('sha256');
  const files = [...tsFiles(path.join(root, 'src'), root).sort(), ...CONFIGS.filter((f) => existsSync(path.join(root, f)))];
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

/** Whether dist/ was built from exactly the sources now under `root`. */
export function buildIsFresh(root) {
  const stampFile = path.join(root, STAMP_FILE);
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === sourceHash(root);
}

/**
 * Hashes before compiling, so a source edited while tsc runs leaves a stamp that no longer matches (the binary
 * then runs the sources); removes the old stamp first, so a failed build is never taken for a fresh one.
 */
function build(root) {
  const hash = sourceHash(root);
  rmSync(path.join(root, STAMP_FILE), { force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(path.join(root, STAMP_FILE), `${hash}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === 'build') {
  build(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
}
