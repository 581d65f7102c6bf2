import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/engine/paths.js';
import { SPEC_FILES } from './spec-files.js';

const run = promisify(execFile);

describe("Spectral's OpenAPI ruleset", () => {
  it('finds no error and no warning in any spec', async () => {
    const args = ['lint', '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet', ...SPEC_FILES];
    const result = await run(fromRoot('node_modules/.bin/spectral'), args, { cwd: fromRoot('.') }).catch((err: { stdout: string }) => err);
    const findings = JSON.parse(result.stdout || '[]') as { code: string; message: string; source: string; path: string[]; severity: number }[];
    const serious = findings.filter((f) => f.severity <= 1).map((f) => `${f.source.split('/').pop()} ${f.path.join('.')}: ${f.code} ${f.message}`);
    expect(serious).toEqual([]);
  }, 60_000);
});
