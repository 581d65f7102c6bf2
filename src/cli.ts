import { Command } from 'commander';
import { addContractCommands } from './cli/contract-commands.js';
import { addPrismCommand } from './cli/prism-command.js';
import { addServeCommand } from './cli/serve-command.js';

const program = new Command('partner-sandbox')
  .description('Offline sandbox and contract tests for the Cloud 66, CenturyLink SaaS v1, integrator.io and OEM partner APIs')
  .showHelpAfterError();

addServeCommand(program);
addPrismCommand(program);
addContractCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`partner-sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
