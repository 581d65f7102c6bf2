import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/engine/paths.js';
import { SPEC_FILES } from './spec-files.js';

const run = promisify(execFile);

describe('the types generated from the specs (src/spec-types/)', () => {
  it.each(SPEC_FILES)('are current for %s (npm run gen:types)', async (file) => {
    const api = path.basename(file, '.yaml');
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'types-')), `${api}.ts`);
    await run(fromRoot('node_modules/.bin/openapi-typescript'), [fromRoot(file), '-o', out]);
    expect(readFileSync(fromRoot(`src/spec-types/${api}.ts`), 'utf8')).toBe(readFileSync(out, 'utf8'));
  });
});
