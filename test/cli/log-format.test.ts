import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { createLogger, formattedDestination, type LogFormat } from '../../src/logger.js';
import { prettyLine } from '../../src/log-pretty.js';
import { BIN, run, startAndWait } from './cli-process.js';

const ESC = '\x1b';
const PRETTY = /^\d\d:\d\d:\d\d\.\d{3} (TRACE|DEBUG|INFO |WARN |ERROR|FATAL) \S/;

/** `partner-sandbox serve <args>` with its output piped to us, one request made, then SIGTERM: all it printed. */
async function servePiped(args: string[]): Promise<string> {
  const port = await freePort();
  const served = await startAndWait(process.execPath, [BIN, 'serve', '--port', String(port), '--log-requests', ...args], port, { env: { ...process.env, LOG_LEVEL: 'info' } });
  // Read to the end, so the request's log line is written before the SIGTERM's.
  await (await fetch(`${served.url}/integrator/v1/integrations`, { headers: { authorization: 'Bearer integrator-sandbox-token' } })).text();
  served.child.kill('SIGTERM');
  expect(await served.exited).toBe(0);
  await served.closed;
  return served.output();
}

/** The log lines: what is not the "partner-sandbox listening on" block printed for people. */
const logLines = (output: string) => output.split('\n').filter((l) => l !== '' && !l.startsWith('partner-sandbox listening on') && !l.startsWith('  http://'));

describe('partner-sandbox serve: log format', { concurrent: true }, () => {
  it('piped, the default and --log-format json are JSON lines, with no escape character anywhere', async () => {
    for (const args of [[], ['--log-format', 'json']]) {
      const output = await servePiped(args);
      expect(output).not.toContain(ESC);
      const records = logLines(output).map((l) => JSON.parse(l) as { msg: string; path?: string });
      expect(records.at(0)?.msg).toBe('partner-sandbox listening');
      expect(records).toContainEqual(expect.objectContaining({ msg: 'request', path: '/integrator/v1/integrations', status: 200 }));
      // Last but for request lines: Node emits a response's `finish` (which logs it) after the client may have read
      // it, so on a loaded machine the SIGTERM's line can come first.
      expect(records.filter((r) => r.msg !== 'request').at(-1)?.msg).toBe('draining in-flight requests, then saving state');
      expect(output).toContain('partner-sandbox listening on http://127.0.0.1:');
    }
  }, 60_000);

  it('--log-format pretty, piped, gives plain human lines: time, level, message, key=value; no escape character', async () => {
    const output = await servePiped(['--log-format', 'pretty']);
    expect(output).not.toContain(ESC);
    const lines = logLines(output);
    for (const line of lines) expect(line).toMatch(PRETTY);
    expect(lines.at(0)).toMatch(/ INFO  partner-sandbox listening url=http:\/\/127\.0\.0\.1:\d+ apis=\["http/);
    // (The health checks startAndWait made are logged as requests too.)
    expect(lines).toContainEqual(expect.stringMatching(/ INFO  request method=GET path=\/integrator\/v1\/integrations status=200 ms=[\d.]+ session=default$/));
    expect(lines.filter((l) => !/ INFO  request /.test(l)).at(-1)).toMatch(/ INFO  draining in-flight requests, then saving state reason=SIGTERM$/);
  }, 30_000);

  it('--log-format xml is refused', { timeout: 45_000 }, async () => {
    const result = await run(['serve', '--log-format', 'xml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("option '--log-format <format>' argument 'xml' is invalid. a log format is json or pretty");
  });

  // A terminal, through `script` (util-linux), where there is one.
  it.runIf(process.platform === 'linux' && hasScript())('on a terminal, the default is the pretty form, still without colour', async () => {
    const port = await freePort();
    const command = [process.execPath, BIN, 'serve', '--port', String(port)].map((a) => `'${a}'`).join(' ');
    const served = await startAndWait('script', ['-qfec', command, '/dev/null'], port, { env: { ...process.env, LOG_LEVEL: 'info' } });
    // script passes SIGTERM on to the server in its terminal.
    served.child.kill('SIGTERM');
    await served.closed;
    const output = served.output();
    expect(output).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}partner-sandbox listening url=/m);
    expect(output).not.toContain('{"level"');
    expect(output).not.toContain(ESC);
  }, 60_000);
});

describe('the process logger in either format', () => {
  const secrets = { req: { headers: { authorization: 'Bearer s3cret-token' } }, body: { clientSecret: 'c-secret', password: 'p-secret', providerkey: 'pk-secret' } };

  it.each(['json', 'pretty'] as LogFormat[])('%s: secrets are censored by the redact paths', (format) => {
    const lines: string[] = [];
    const log = createLogger(formattedDestination({ write: (l: string) => void lines.push(l) }, format));
    log.info(secrets, 'a request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/s3cret|c-secret|p-secret|pk-secret/);
    expect(lines[0].match(/\[REDACTED\]/g)).toHaveLength(4);
    if (format === 'json') expect(JSON.parse(lines[0])).toMatchObject({ msg: 'a request', req: { headers: { authorization: '[REDACTED]' } } });
    else expect(lines[0]).toMatch(PRETTY);
  });

  it('pretty: control characters from a message or a value (client input) are escaped, never passed to the terminal', () => {
    const line = prettyLine(`${JSON.stringify({ level: 40, time: 0, msg: `bad \x1b[31mred\x1b[0m\nsecond line`, path: '/x\u009b2J', note: 'two words' })}\n`);
    expect(line).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(line.split('\n')).toHaveLength(2);
    expect(line).toContain('WARN  bad \\u001b[31mred\\u001b[0m\\u000asecond line path="/x\\u009b2J" note="two words"');
  });

  it('pretty: an error stack reads as indented lines under its entry', () => {
    const line = prettyLine(JSON.stringify({ level: 50, time: 0, msg: 'request failed', err: { message: 'boom', stack: 'Error: boom\n    at f (x.ts:1:1)' } }));
    expect(line.split('\n')).toEqual([expect.stringMatching(/ ERROR request failed err=\{"message":"boom"\}$/), '    Error: boom', '        at f (x.ts:1:1)', '']);
  });
});

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
