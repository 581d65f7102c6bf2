import { InvalidArgumentError, type Command } from 'commander';
import { API_NAMES } from '../apis/index.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../sandbox.js';
import { explainListenError } from './listen-errors.js';
import { parseHost, parsePort } from './options.js';
import { onStopRequest } from './stop-requests.js';

interface ProxyCommandOptions {
  upstream: string;
  port: number;
  host: string;
  errors?: boolean;
  record?: string;
}

export function addProxyCommand(program: Command): void {
  program
    .command('proxy')
    .description('forward one API to the real one, validating both directions against its spec (Prism-compatible `sl-violations`)')
    .argument('<api>', `one of ${API_NAMES.join(', ')}`)
    .requiredOption('--upstream <url>', 'the real API\'s base URL, e.g. https://api.integrator.io')
    .option('-p, --port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
    .option('--host <host>', 'interface to listen on', parseHost, DEFAULT_HOST)
    .option('--errors', 'refuse an invalid request (422, not forwarded) and answer a response violation with a 500 problem, as Prism does')
    .option('--record <dir>', 'write each distinct answer as a scenario <dir>/<api>/recorded-*.yaml (serve it with --scenarios <dir>)')
    .action(async (api: string, opts: ProxyCommandOptions) => {
      if (!API_NAMES.includes(api)) throw new InvalidArgumentError(`unknown API "${api}"; choose one of ${API_NAMES.join(', ')}`);
      const { startProxy } = await import('../proxy/proxy-server.js');
      const proxy = await startProxy({ api, upstream: opts.upstream, port: opts.port, host: opts.host, errors: opts.errors, record: opts.record }).catch((err: unknown) => {
        throw explainListenError(err, opts.port, opts.host);
      });
      process.stdout.write(`partner-sandbox proxy listening on ${proxy.url}\n  ${proxy.url}/${api} → ${opts.upstream}\n  ${proxy.url}/__sandbox/drift\n`);
      onStopRequest(() => {
        process.stdout.write(`${proxy.drift.summary()}\n`);
        void proxy.close().finally(() => process.exit(0));
      });
    });
}
