import { Command } from 'commander';
import { addContractCommands } from './cli/contract-commands.js';
import { addCoverageCommand } from './cli/coverage-command.js';
import { parseEnv, envValue } from './cli/env-options.js';
import { parseLogLevel } from './cli/options.js';
import { addPrismCommand } from './cli/prism-command.js';
import { addProxyCommand } from './cli/proxy-command.js';
import { addServeCommand } from './cli/serve-command.js';
import { packageVersion } from './cli/version.js';

const program = new Command('partner-sandbox')
  .description('Offline sandbox and contract tests for the Cloud 66, CenturyLink SaaS v1, integrator.io and OEM partner APIs')
  .version(packageVersion(), '-V, --version', 'print the version')
  .showHelpAfterError()
  // Every command logs through the one process logger, so its level is checked before any of them runs.
  .hook('preAction', () => {
    const level = envValue('LOG_LEVEL');
    if (level) parseEnv('LOG_LEVEL', level, parseLogLevel);
  });

addServeCommand(program);
addPrismCommand(program);
addProxyCommand(program);
addContractCommands(program);
addCoverageCommand(program);

// Commander's own answer would be two lines and the whole help; one line naming the commands is enough to retype.
program.on('command:*', (operands: string[]) => {
  const commands = program.createHelp().visibleCommands(program).map((c) => c.name());
  throw new Error(`unknown command '${operands[0]}' (commands: ${commands.join(', ')})`);
});

// [INF] A bare `partner-sandbox` shows what it can do (exit 0), as most CLIs do, instead of starting a server
// nobody asked for; serving is `partner-sandbox serve` (what `npm start` runs).
if (process.argv.length <= 2) program.help();

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`partner-sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
