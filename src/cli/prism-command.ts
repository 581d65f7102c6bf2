import { InvalidArgumentError, type Command } from 'commander';
import { API_NAMES } from '../apis/index.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../sandbox.js';
import { parsePort } from './options.js';

export function addPrismCommand(program: Command): void {
  program
    .command('prism')
    .description('serve one API\'s spec with Stoplight Prism (static examples), to compare with the sandbox')
    .argument('<api>', `one of ${API_NAMES.join(', ')}`)
    .option('-p, --port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
    .option('--host <host>', 'interface to listen on', DEFAULT_HOST)
    .option('--dynamic', 'generate bodies from the schemas instead of the examples')
    .action(async (api: string, opts: { port: number; host: string; dynamic?: boolean }) => {
      if (!API_NAMES.includes(api)) throw new InvalidArgumentError(`unknown API "${api}"; choose one of ${API_NAMES.join(', ')}`);
      const { startPrism } = await import('../prism/prism-process.js');
      const prism = await startPrism(`specs/${api}.yaml`, { ...opts, inheritOutput: true });
      const stop = () => void prism.stop().finally(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
