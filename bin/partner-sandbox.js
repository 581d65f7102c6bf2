#!/usr/bin/env node
// Runs the build in dist/ (made by `npm install`, ~2x faster to start) while it is newer than every source file;
// otherwise compiles the TypeScript sources on load with tsx, so an edited source is never run stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// Memory of the long-running server, set before anything is loaded (V8 reads both flags as the heap grows):
// - every journal record outlives a young-generation collection, so under load the old generation fills with
//   dead records at a steady rate; V8's default growth (up to 4x the live size when collections are cheap, as
//   here) made that a sawtooth between ~150 and ~280 MB. At 1.5x, RSS stays flat for about one more full
//   collection a second (a few ms, mostly incremental).
// - the young generation keeps its first size instead of growing to 2 x 16 MB: requests leave little alive, so
//   collections stay as cheap and RSS is ~30 MB lower (measured: same req/s, lower p99; bench/README.md).
if (process.argv[2] === 'serve') setFlagsFromString('--heap-growing-percent=50 --semi-space-growth-factor=1');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    // Only code counts: an edited README beside the sources must not send the server back to tsx.
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

if (existsSync(built) && statSync(built).mtimeMs >= newestSource(path.join(root, 'src'))) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
