import type { Command } from 'commander';
import { logger } from '../logger.js';
import { createSandbox, DEFAULT_HOST, DEFAULT_PORT } from '../sandbox.js';
import { parseCount, parsePort } from './options.js';

interface ServeOptions {
  port: number;
  host: string;
  fixture: string;
  stateFile?: string;
  logRequests?: boolean;
  journalSize: number;
  journalTotal: number;
  maxSessions: number;
  store: string;
}

export function addServeCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('serve all four APIs (and the /__sandbox admin API) on one port')
    .option('-p, --port <port>', 'port to listen on (env PORT)', parsePort, process.env.PORT ? parsePort(process.env.PORT) : DEFAULT_PORT)
    .option('--host <host>', 'interface to listen on (env HOST)', process.env.HOST ?? DEFAULT_HOST)
    .option('--fixture <file>', 'default fixture loaded into every new session', 'scenarios/default.yaml')
    .option('--state-file <file>', 'persist every session there and restore them at start-up')
    .option('--log-requests', 'log one line per request (method, path, status, duration, session; never bodies)')
    .option('--journal-size <n>', 'exchanges kept per session', parseCount, 50)
    .option('--journal-total <n>', 'exchanges kept over all sessions (memory store), the oldest dropped first', parseCount, 20_000)
    .option('--max-sessions <n>', 'sessions kept; the least recently used goes first', parseCount, 10_000)
    .option('--store <url>', 'where sessions live: memory (default) or redis://host:port/db shared by replicas (env SANDBOX_STORE)', process.env.SANDBOX_STORE ?? 'memory')
    .action(async (opts: ServeOptions) => {
      const sandbox = await createSandbox({
        fixtureFile: opts.fixture,
        stateFile: opts.stateFile,
        logRequests: opts.logRequests,
        journalSize: opts.journalSize,
        journalTotal: opts.journalTotal,
        maxSessions: opts.maxSessions,
        store: opts.store === 'memory' ? 'memory' : { redis: opts.store },
      });
      const running = await sandbox.listen(opts.port, opts.host);
      const mounts = sandbox.runtimes.map((r) => `${running.url}${r.module.prefix}`);
      logger.info({ url: running.url, apis: mounts }, 'partner-sandbox listening');
      process.stdout.write(`partner-sandbox listening on ${running.url}\n${mounts.map((m) => `  ${m}`).join('\n')}\n  ${running.url}/__sandbox/health\n`);
      const stop = (signal: string) => {
        logger.info({ signal }, 'draining in-flight requests, then saving state');
        running.close().then(
          () => process.exit(0),
          (err: unknown) => {
            process.stderr.write(`partner-sandbox: shutdown failed: ${String(err)}\n`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
