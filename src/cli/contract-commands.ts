import type { Command } from 'commander';
import type { VerifyCommandOptions } from '../contracts/verify-command.js';
import { createSandbox, DEFAULT_HOST } from '../sandbox.js';
import { collect, parseHeaders, parsePort } from './options.js';

/** `verify` and `simulate`: the partner's side of the contracts. Each loads its machinery only when run. */
export function addContractCommands(program: Command): void {
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
      const { runVerifyCommand } = await import('../contracts/verify-command.js');
      process.exitCode = await runVerifyCommand(opts);
    });

  const simulate = program.command('simulate').description('make the calls a platform makes on your service, and check the answers');

  simulate
    .command('centurylink-provision')
    .description("the CenturyLink marketplace provisioning accounts on your /<provider>-provision-account/")
    .requiredOption('--url <url>', 'your provision-account URL, e.g. https://you.example/acme-provision-account/')
    .option('--header <header>', "extra header on every call, 'Name: value' (repeatable)", collect, [])
    .action(async (opts: { url: string; header: string[] }) => {
      const { simulateCenturyLinkProvision } = await import('../contracts/simulate-centurylink-provision.js');
      const { formatChecks } = await import('../contracts/simulation-report.js');
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
      const { simulateCloud66Launch } = await import('../contracts/simulate-cloud66-launch.js');
      const { formatChecks } = await import('../contracts/simulation-report.js');
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
}
