import { Command, InvalidArgumentError } from 'commander';
import { API_NAMES } from './apis/index.js';
import { logger } from './logger.js';
import type { VerifyCommandOptions } from './contracts/verify-command.js';
import { createSandbox, DEFAULT_HOST, DEFAULT_PORT } from './sandbox.js';

function parseHeaders(headers: string[]): Record<string, string> {
  return Object.fromEntries(
    headers.map((h) => {
      const at = h.indexOf(':');
      if (at < 1) throw new InvalidArgumentError(`a header looks like 'Name: value', not "${h}"`);
      return [h.slice(0, at).trim().toLowerCase(), h.slice(at + 1).trim()];
    }),
  );
}

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

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return port;
}

const program = new Command('partner-sandbox')
  .description('Offline sandbox and contract tests for the Cloud 66, CenturyLink SaaS v1, integrator.io and OEM partner APIs')
  .showHelpAfterError();

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

program
  .command('prism')
  .description('serve one API\'s spec with Stoplight Prism (static examples), to compare with the sandbox')
  .argument('<api>', `one of ${API_NAMES.join(', ')}`)
  .option('-p, --port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
  .option('--host <host>', 'interface to listen on', DEFAULT_HOST)
  .option('--dynamic', 'generate bodies from the schemas instead of the examples')
  .action(async (api: string, opts: { port: number; host: string; dynamic?: boolean }) => {
    if (!API_NAMES.includes(api)) throw new InvalidArgumentError(`unknown API "${api}"; choose one of ${API_NAMES.join(', ')}`);
    const { startPrism } = await import('./prism/prism-process.js');
    const prism = await startPrism(`specs/${api}.yaml`, { ...opts, inheritOutput: true });
    const stop = () => void prism.stop().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('verify')
  .description('verify your own service against one of the shipped pacts, with the real Pact verifier')
  .option('--list', 'list the shipped pacts and the provider states each needs')
  .option('--pact <name|file>', 'a shipped pact (see --list) or a pact file')
  .option('--provider-base-url <url>', 'where your service listens, e.g. http://localhost:3000/cloud66')
  .option('--provider-states-setup-url <url>', 'your state-change endpoint (Pact protocol: {consumer, state, params, action})')
  .option('--header <header>', "extra header on every request, 'Name: value' (repeatable)", collect, [])
  .option('--junit <file>', 'also write a JUnit XML report')
  .action(async (opts: VerifyCommandOptions) => {
    // Loaded on demand: Pact's native library would otherwise add half a second to every `serve`.
    const { runVerifyCommand } = await import('./contracts/verify-command.js');
    process.exitCode = await runVerifyCommand(opts);
  });

const simulate = program.command('simulate').description('make the calls a platform makes on your service, and check the answers');

simulate
  .command('centurylink-provision')
  .description("the CenturyLink marketplace provisioning accounts on your /<provider>-provision-account/")
  .requiredOption('--url <url>', 'your provision-account URL, e.g. https://you.example/acme-provision-account/')
  .option('--header <header>', "extra header on every call, 'Name: value' (repeatable)", collect, [])
  .action(async (opts: { url: string; header: string[] }) => {
    const { simulateCenturyLinkProvision } = await import('./contracts/simulate-centurylink-provision.js');
    const { formatChecks } = await import('./contracts/simulation-report.js');
    const checks = await simulateCenturyLinkProvision({ url: opts.url, headers: parseHeaders(opts.header) });
    process.stdout.write(`${formatChecks(`Simulating the CenturyLink marketplace against ${opts.url}`, checks)}\n`);
    process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
  });

simulate
  .command('cloud66-launch')
  .description('Cloud 66 sending a user to your landing page; the sandbox plays Cloud 66 (partner endpoint and callback)')
  .requiredOption('--partner-url <url>', 'your landing URL, where Cloud 66 sends the user with uid, email, callback')
  .option('--sandbox-port <port>', 'port for the sandbox playing Cloud 66 (your service posts the link there)', parsePort, 0)
  .option('--partner <id>', 'the partner id in the sandbox fixture', 'acme')
  .option('--email <email>', 'the user clicking the integration', 'jon@smith.com')
  .action(async (opts: { partnerUrl: string; sandboxPort: number; partner: string; email: string }) => {
    const { simulateCloud66Launch } = await import('./contracts/simulate-cloud66-launch.js');
    const { formatChecks } = await import('./contracts/simulation-report.js');
    const running = await (await createSandbox()).listen(opts.sandboxPort, DEFAULT_HOST);
    process.stdout.write(`Cloud 66 is played by the sandbox at ${running.url}/cloud66: your service must POST the link to ${running.url}/cloud66/partners/${opts.partner}/integrations\n`);
    try {
      const checks = await simulateCloud66Launch({ partnerUrl: opts.partnerUrl, sandbox: running, partnerId: opts.partner, email: opts.email });
      process.stdout.write(`${formatChecks(`Simulating Cloud 66 against ${opts.partnerUrl}`, checks)}\n`);
      process.exitCode = checks.every((c) => c.ok) ? 0 : 1;
    } finally {
      await running.close();
    }
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`partner-sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
