import { Command, InvalidArgumentError } from 'commander';
import { API_NAMES } from './apis/index.js';
import { logger } from './logger.js';
import { startPrism } from './prism/prism-process.js';
import { createSandbox, DEFAULT_HOST, DEFAULT_PORT } from './sandbox.js';

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
  .action(async (opts: { port: number; host: string; fixture: string }) => {
    const sandbox = await createSandbox({ fixtureFile: opts.fixture });
    const running = await sandbox.listen(opts.port, opts.host);
    const mounts = sandbox.runtimes.map((r) => `${running.url}${r.module.prefix}`);
    logger.info({ url: running.url, apis: mounts }, 'partner-sandbox listening');
    process.stdout.write(`partner-sandbox listening on ${running.url}\n${mounts.map((m) => `  ${m}`).join('\n')}\n  ${running.url}/__sandbox/health\n`);
    const stop = () => {
      running.close().finally(() => process.exit(0));
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
    const prism = await startPrism(`specs/${api}.yaml`, { ...opts, inheritOutput: true });
    const stop = () => void prism.stop().finally(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`partner-sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
