import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { CoverageRow } from '../engine/journal/coverage-report.js';
import { toJUnitXml } from '../contracts/junit.js';
import { noAnswer } from '../contracts/network-failure.js';

interface CoverageOptions {
  url: string;
  session: string;
  api?: string;
  require?: StatusFilter;
  junit?: string;
}

/** `--require 4xx,5xx,429`: status classes and statuses; absent, every documented response. */
type StatusFilter = (status: number) => boolean;

/**
 * `coverage`: after a partner's tests ran against a sandbox in one session, which documented responses they never
 * saw. Exits 1 naming each one, so CI fails a run that left a documented failure unexercised.
 */
export function addCoverageCommand(program: Command): void {
  program
    .command('coverage')
    .description("check that your tests' session saw every documented response (or every one of --require)")
    .requiredOption('--url <url>', 'the running sandbox, e.g. http://127.0.0.1:4010')
    .requiredOption('--session <id>', 'the X-Mock-Session your tests used')
    .option('--api <api>', 'only this API (cloud66, centurylink, integrator, oem)')
    .option('--require <statuses>', 'only these status classes or statuses, e.g. 4xx,5xx or 403,429', parseStatusFilter)
    .option('--junit <file>', 'also write a JUnit XML report, one test case per documented response')
    .action(async (opts: CoverageOptions) => {
      process.exitCode = await runCoverage(opts);
    });
}

async function runCoverage(opts: CoverageOptions): Promise<number> {
  const url = new URL('/__sandbox/coverage', opts.url);
  url.searchParams.set('session', opts.session);
  if (opts.api) url.searchParams.set('api', opts.api);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new Error(noAnswer(opts.url, err, 10_000));
  }
  const body = (await res.json().catch(() => undefined)) as { responses?: CoverageRow[]; detail?: string } | undefined;
  if (!res.ok || !body?.responses) throw new Error(`the sandbox answered ${res.status}${body?.detail ? `: ${body.detail}` : ''}`);
  const rows = body.responses.filter((r) => !opts.require || opts.require(r.status));
  const missed = rows.filter((r) => !r.reached);
  const name = (r: CoverageRow) => `${r.api} ${r.operationId} ${r.status}${r.example ? ` ${r.example}` : ''}`;
  for (const r of missed) process.stdout.write(`your tests never saw ${name(r)}\n`);
  process.stdout.write(`${rows.length - missed.length} of ${rows.length} documented responses seen in session ${opts.session}\n`);
  if (opts.junit) {
    const cases = rows.map((r) => ({ name: name(r), ...(r.reached ? {} : { failure: [`never answered in session ${opts.session}`] }) }));
    writeFileSync(opts.junit, toJUnitXml('partner-sandbox coverage', cases));
  }
  return missed.length === 0 ? 0 : 1;
}

function parseStatusFilter(value: string): StatusFilter {
  const parts = value.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  const tests = parts.map((part) => {
    if (/^[1-5]xx$/.test(part)) return (s: number) => Math.floor(s / 100) === Number(part[0]);
    if (/^[1-5]\d\d$/.test(part)) return (s: number) => s === Number(part);
    throw new InvalidArgumentError(`statuses look like 4xx,5xx or 403,429, not ${JSON.stringify(part)}`);
  });
  if (tests.length === 0) throw new InvalidArgumentError('name at least one status class or status, e.g. 4xx');
  return (status) => tests.some((t) => t(status));
}
