import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/engine/paths.js';
import { createSandbox, type RunningSandbox } from '../../src/sandbox.js';
import { compareOutput, compareYamlBlock, newSession, runShellBlocks, sectionBlocks, shellSteps, type CodeBlock, type Outcome } from './readme-examples.js';

/**
 * The README's walk-through and QA examples print what the README shows: each command runs, in the README's order,
 * against a fresh sandbox on a free port (BASE is that sandbox), and its output is compared with the `# → ` lines
 * under it. The convention is in readme-examples.ts.
 */

const SECTIONS = ['A curl walk-through per API', 'For QA: choosing a response'];
const README = readFileSync(fromRoot('README.md'), 'utf8');

function examples(markdown: string): CodeBlock[] {
  return SECTIONS.flatMap((title) => sectionBlocks(markdown, title));
}

/** Every command of the README's examples, run in order in one shell session against a new sandbox. */
async function runReadme(markdown: string): Promise<Outcome[]> {
  const running = await freshSandbox();
  try {
    return await runShellBlocks(examples(markdown), newSession(running.url));
  } finally {
    await running.close();
  }
}

async function freshSandbox(): Promise<RunningSandbox> {
  // [INF] Memory, whatever SANDBOX_STORE says: the README's ids are those of a fresh sandbox.
  return (await createSandbox({ store: 'memory', logRequests: false })).listen(0, '127.0.0.1');
}

function failures(outcomes: Outcome[]): string[] {
  return outcomes
    .filter((o) => o.problems.length > 0)
    .map((o) => `README line ${o.line}: ${o.source.replace(/\s*\\\n\s*/g, ' ')}\n  ${o.problems.join('\n  ')}`);
}

describe('the README walk-through and QA examples', () => {
  it('set BASE once, at the top, and every command reaches the sandbox through it', () => {
    const [first, ...rest] = examples(README).filter((b) => b.lang === 'sh');
    expect(first.lines.join('\n')).toMatch(/^export BASE=http:\/\/127\.0\.0\.1:4010\b/);
    expect(shellSteps(first)).toHaveLength(1);
    const commands = rest.flatMap(shellSteps).filter((s) => s.source.startsWith('curl'));
    expect(commands.length).toBeGreaterThanOrEqual(12);
    expect(commands.filter((s) => !/ "?\$BASE\//.test(s.source)).map((s) => s.source)).toEqual([]);
  });

  let outcomes: Outcome[];
  beforeAll(async () => {
    outcomes = await runReadme(README);
  });

  it('print, command by command, what the README shows under it', () => {
    expect(failures(outcomes)).toEqual([]);
    expect(outcomes.filter((o) => o.output !== undefined).length).toBeGreaterThanOrEqual(12);
  });

  it('show each scenario file as it is', () => {
    const yamlBlocks = examples(README).filter((b) => b.lang === 'yaml');
    expect(yamlBlocks.length).toBeGreaterThan(0);
    expect(yamlBlocks.flatMap((b) => compareYamlBlock(b, fromRoot))).toEqual([]);
    // As the README showed it before: one spelling of the operation, where the file names both.
    const [flaky] = yamlBlocks;
    const older = { ...flaky, lines: flaky.lines.map((l) => l.replace('[updateSubscription, updateSubscriptionPlural]', 'updateSubscription')) };
    expect(compareYamlBlock(older, fromRoot)).toEqual(['scenarios/centurylink/flaky-update.yaml.rules[0].operation: the README shows "updateSubscription", the file has ["updateSubscription","updateSubscriptionPlural"]']);
  });

  it('fail on a README whose output is wrong: a changed value, a left-out key or element, another header case', async () => {
    const wrong = [
      ['"message":"service added"', '"message":"service linked"'],
      ['{"status":200,"examples":["service-added"]},{"status":400,"examples":["malformed-body",…]},', '{"status":200,"examples":["service-added"]},'],
      ['# → location: ', '# → Location: '],
      ['"expired-date":null,"count":3,', '"expired-date":null,'],
    ];
    let markdown = README;
    for (const [from, to] of wrong) {
      expect(markdown).toContain(from);
      markdown = markdown.replace(from, to);
    }
    const failed = (await runReadme(markdown)).filter((o) => o.problems.length > 0);
    expect(failed.map((o) => [o.source.split('\n')[0], o.problems.join('\n')])).toEqual([
      [expect.stringContaining('/cloud66/partners/acme/launch'), expect.stringContaining('the README shows "Location: http://127.0.0.1:')],
      [expect.stringContaining('/cloud66/partners/acme/integrations -d link_uid'), expect.stringContaining('$.message: the README shows "service linked", the sandbox printed "service added"')],
      [expect.stringContaining('/centurylink/update-subscription/'), expect.stringContaining('$: the sandbox printed key(s) the README leaves out without "…": count')],
      [expect.stringContaining("'Prefer: code=418'"), expect.stringContaining('$.documented[1].status: the README shows 403, the sandbox printed 400')],
    ]);
  });
});

describe('comparing an output with the README', () => {
  it('reads … as anything in text, and as a prefix at the end', () => {
    expect(compareOutput('Link: <…>; rel="next"', 'Link: <http://x/?skip=1>; rel="next"')).toEqual([]);
    expect(compareOutput('location: http://x/landing?uid=1&callback=…', 'location: http://x/landing?uid=1&callback=http%3A')).toEqual([]);
    expect(compareOutput('location: http://x/landing?uid=2&callback=…', 'location: http://x/landing?uid=1&callback=http%3A')).not.toEqual([]);
    expect(compareOutput('Location: x', 'location: x')).not.toEqual([]);
  });

  it('compares JSON structurally: key order aside, every key shown unless … allows more', () => {
    expect(compareOutput('{"b":2,"a":1}', '{"a":1,"b":2}')).toEqual([]);
    expect(compareOutput('{"a":1}', '{"a":1,"b":2}')).toHaveLength(1);
    expect(compareOutput('{"a":1,…}', '{"a":1,"b":2}')).toEqual([]);
    expect(compareOutput('{"a":1,"b":…}', '{"a":1,"b":[2]}')).toEqual([]);
    expect(compareOutput('{"a":"x…"}', '{"a":"xyz"}')).toEqual([]);
    expect(compareOutput('{"a":"…"}', '{"a":3}')).toHaveLength(1);
    expect(compareOutput('[1,…]', '[1,2,3]')).toEqual([]);
    expect(compareOutput('[1,…]', '[2,3]')).toHaveLength(1);
    expect(compareOutput('[1]', '[1,2]')).toHaveLength(1);
    expect(compareOutput('{"a":1}', 'not json')).toHaveLength(1);
  });
});
