import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/engine/paths.js';

/**
 * Every source folder says what its files do: its own README.md, or its parent's (`handlers/x.ts`). A table row
 * naming a file that is gone fails as surely as a file no README names.
 */
const SOURCE_EXTENSIONS = /\.(ts|js|css|html)$/;

function folders(dir: string): string[] {
  const below = readdirSync(dir).map((name) => path.join(dir, name)).filter((p) => statSync(p).isDirectory());
  return [dir, ...below.flatMap(folders)];
}

/**
 * The file names a README's tables name in backticks in their first cell (a cell may name several: `a.ts`,
 * `b.ts`). A row for a folder without a README of its own (`dashboard/`) names its files in the rest of the row.
 */
function namedFiles(readme: string): string[] {
  const rows = readFileSync(readme, 'utf8').split('\n').filter((line) => line.startsWith('|'));
  const ticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  return rows.flatMap((row) => {
    const [, first = '', ...rest] = row.split('|');
    const names = ticked(first);
    const folder = names.length === 1 && names[0].endsWith('/') ? names[0] : undefined;
    const inFolder = folder ? ticked(rest.join('|')).filter((n) => /^[\w.-]+\.\w+$/.test(n)).map((n) => folder + n) : [];
    return [...names.map((n) => n.replace(/\/$/, '')), ...inFolder];
  });
}

const root = fromRoot('src');
const sourceFolders = folders(root).filter((dir) => readdirSync(dir).some((name) => SOURCE_EXTENSIONS.test(name)));

describe('folder READMEs', () => {
  it.each(sourceFolders.map((dir) => [path.relative(fromRoot('.'), dir), dir]))('%s: every file is named in a README table', (_name, dir) => {
    const own = path.join(dir, 'README.md');
    const parent = path.join(path.dirname(dir), 'README.md');
    const named = new Set([
      ...(existsSync(own) ? namedFiles(own) : []),
      ...(existsSync(parent) ? namedFiles(parent).filter((n) => n.startsWith(`${path.basename(dir)}/`)).map((n) => n.slice(path.basename(dir).length + 1)) : []),
    ]);
    const files = readdirSync(dir).filter((name) => SOURCE_EXTENSIONS.test(name) || (statSync(path.join(dir, name)).isDirectory() && existsSync(path.join(dir, name, 'README.md'))));
    expect(files.filter((f) => !named.has(f)), 'files no README names').toEqual([]);
  });

  it.each(folders(root).filter((dir) => existsSync(path.join(dir, 'README.md'))).map((dir) => [path.relative(fromRoot('.'), dir), dir]))('%s/README.md names no file that is gone', (_name, dir) => {
    const gone = namedFiles(path.join(dir, 'README.md')).filter((n) => /\.\w+$|\//.test(n) && !existsSync(path.join(dir, n)));
    expect(gone).toEqual([]);
  });
});
