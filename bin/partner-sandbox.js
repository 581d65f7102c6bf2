#!/usr/bin/env node
// Runs the build in dist/ (~2x faster to start) whenever it was built from the sources now present; otherwise
// compiles the TypeScript sources on load with tsx, so an edited source is never run stale.
// - Installed from npm, the package ships no .ts sources ("files" in package.json): dist/ is all there is, and
//   tsx is not needed. [INF] Not mtimes: npm unpacks a tarball in an order that makes src/ look newer than dist/.
// - In a dev checkout, dist/ is fresh when its stamp matches the hash of the sources (bin/source-stamp.js).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
const hasSources = existsSync(path.join(root, 'src', 'cli.ts'));

if (!hasSources || (existsSync(built) && (await import('./source-stamp.js')).buildIsFresh(root))) {
  await import(pathToFileURL(built).href);
} else {
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes("'tsx'")) throw err;
    process.stderr.write('partner-sandbox: dist/ was not built from the current src/ and tsx (which runs the sources) is not installed: run `npm run build`, or `npm install` for tsx\n');
    process.exit(1);
  }
  tsx.register();
  await import('../src/cli.ts');
}
