import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox.js';
import { notesApi } from './fixtures/notes-module.js';

/** A scenario folder holding one notes scenario with the given YAML. */
function scenarioDir(yaml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'scenarios-'));
  mkdirSync(path.join(dir, 'notes'));
  writeFileSync(path.join(dir, 'notes', 'broken.yaml'), yaml);
  return dir;
}

const start = (yaml: string) => createSandbox({ modules: [notesApi], scenarioDir: scenarioDir(yaml) });

describe('scenario files are checked at start-up', () => {
  it('names the file, the path inside it and the schema rule it breaks', async () => {
    await expect(start('description: x\nrules:\n  - operation: createNote\n    fault: meltdown\n')).rejects.toThrow(
      /notes\/broken\.yaml: \/rules\/0\/fault: must be equal to one of the allowed values \(connection-reset, empty-response, malformed-json, stalled-response\)/,
    );
  });

  it('refuses a response the operation does not document, listing the ones it does', async () => {
    await expect(start('description: x\nrules:\n  - operation: createNote\n    respond: { status: 418 }\n')).rejects.toThrow(
      /broken\.yaml: \/rules\/0\/respond: createNote does not document status 418; it documents 201 \(created, urgent\);.*503 \(unavailable\)/,
    );
  });

  it('refuses an unknown operation and an example of another status', async () => {
    await expect(start('description: x\nrules:\n  - operation: deleteNote\n    latency: 5\n')).rejects.toThrow(/\/rules\/0\/operation: notes has no operation "deleteNote"/);
    await expect(start('description: x\nrules:\n  - operation: createNote\n    respond: { status: 503, example: created }\n')).rejects.toThrow(/createNote 503 has no example named "created"/);
  });

  it('refuses a rate limit on an operation without a documented 429', async () => {
    await expect(start('description: x\nrules:\n  - operation: createNote\n    rateLimit: { requests: 1, perSeconds: 1 }\n')).rejects.toThrow(/\/rules\/0\/rateLimit: createNote documents no 429/);
  });

  it('refuses a file without a description, and YAML that does not parse', async () => {
    await expect(start('rules: []\n')).rejects.toThrow(/broken\.yaml: \(top\): must have required property 'description'/);
    await expect(start('description: [unclosed\n')).rejects.toThrow(/broken\.yaml: line \d+: not valid YAML/);
  });
});

describe('a rule may answer an inline body (what proxy --record writes)', () => {
  it('serves a body that fits the status schema instead of the example', async () => {
    const body = { id: 'abcdefabcdefabcdefabcdef', title: 'Recorded' };
    const sandbox = await start(`description: x\nrules:\n  - operation: createNote\n    respond:\n      status: 201\n      body: ${JSON.stringify(body)}\n`);
    const running = await sandbox.listen(0);
    try {
      const res = await fetch(`${running.url}/notes/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mock-scenario': 'notes/broken', authorization: 'Bearer notes-token' },
        body: JSON.stringify({ title: 'x' }),
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual(body);
    } finally {
      await running.close();
    }
  });

  it('refuses a body that does not fit, naming the file, the rule and the reason', async () => {
    await expect(start('description: x\nrules:\n  - operation: createNote\n    respond:\n      status: 201\n      body: { id: 42 }\n')).rejects.toThrow(
      /notes\/broken\.yaml: \/rules\/0\/respond\/body: does not fit the schema of createNote 201 \(application\/json\): body must have required property 'title'; body\/id must be string/,
    );
  });

  it('does not read the example files written beside the scenarios', async () => {
    const dir = scenarioDir('description: x\nrules:\n  - operation: createNote\n    latency: 1\n');
    writeFileSync(path.join(dir, 'notes', 'broken.example.yaml'), 'summary: an OpenAPI example\nvalue: { id: 1 }\n');
    const sandbox = await createSandbox({ modules: [notesApi], scenarioDir: dir });
    expect(sandbox.scenarios.names()).toEqual(['notes/broken']);
  });
});
