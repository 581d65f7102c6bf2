import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/engine/paths.js';
import { serveCli } from '../helpers/cli.js';

const TOKEN = { authorization: 'Bearer integrator-sandbox-token', 'content-type': 'application/json' };

/** `partner-sandbox serve --state-file` as a real process; resolves once it answers. */
const serve = (stateFile: string) => serveCli(['--state-file', stateFile]);

function runServe(stateFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fromRoot('bin/partner-sandbox.js'), 'serve', '--port', '0', '--state-file', stateFile], { stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('--state-file', () => {
  it('loses no acknowledged write when killed with SIGTERM under load and restarted', async () => {
    const stateFile = path.join(mkdtempSync(path.join(tmpdir(), 'state-')), 'sandbox.json');
    const first = await serve(stateFile);
    const acknowledged: { session: string; id: string }[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop && i < 500; i++) {
        const session = `dur-${w}-${i % 5}`;
        const res = await fetch(`${first.url}/integrator/v1/integrations`, { method: 'POST', headers: { ...TOKEN, 'x-mock-session': session }, body: JSON.stringify({ name: `w${w}-${i}` }) }).catch(() => undefined);
        if (res?.status === 201) acknowledged.push({ session, id: ((await res.json()) as { _id: string })._id });
        else if (res) await res.arrayBuffer();
      }
    });
    await new Promise((r) => setTimeout(r, 700));
    first.child.kill('SIGTERM');
    stop = true;
    await Promise.all(writers);
    expect(await first.exited).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(10);

    const second = await serve(stateFile);
    try {
      const lost: string[] = [];
      for (const { session, id } of acknowledged) {
        const res = await fetch(`${second.url}/integrator/v1/integrations/${id}`, { headers: { ...TOKEN, 'x-mock-session': session } });
        if (res.status !== 200) lost.push(`${session}/${id}`);
      }
      expect(lost).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);

  it('refuses to start on a corrupt file, says why, and leaves the file as it was', async () => {
    const stateFile = path.join(mkdtempSync(path.join(tmpdir(), 'state-')), 'corrupt.json');
    writeFileSync(stateFile, '{"format":"partner-sandbox-state","version":1,"sessions":[{"id":');
    const { code, output } = await runServe(stateFile);
    expect(code).toBe(1);
    expect(output).toContain(`--state-file ${stateFile} is not valid JSON`);
    expect(readFileSync(stateFile, 'utf8')).toBe('{"format":"partner-sandbox-state","version":1,"sessions":[{"id":');
  }, 30_000);

  it('refuses a JSON file that is not a state file', async () => {
    const stateFile = path.join(mkdtempSync(path.join(tmpdir(), 'state-')), 'other.json');
    writeFileSync(stateFile, '{"hello":"world"}');
    const { code, output } = await runServe(stateFile);
    expect(code).toBe(1);
    expect(output).toContain('is not a partner-sandbox state file');
  }, 30_000);
});
