import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { SimulationCheck } from '../contracts/simulation-report.js';
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
    .option('--provider-name <name>', 'your provider name, if not acme: the pact\'s /acme-provision-account/ becomes /<name>-provision-account/ (centurylink-marketplace-saas-provider)')
    .option('--header <header>', "extra header on every request, 'Name: value' (repeatable)", collect, [])
    .option('--junit <file>', 'also write a JUnit XML report')
    .addHelpText(
      'after',
      `
Before the verifier runs, --provider-base-url (and --provider-states-setup-url) must accept a TCP connection
within 3 s; if not, every interaction fails at once with the reason, e.g.
  FAIL  <interaction>: could not connect to http://127.0.0.1:3000: connection refused
Each request, and each state change, has a timeout (10 s, 5 s). A report, one line per interaction, is always
printed (and written with --junit); the exit code is 0 only when every interaction passed.
--list shows each pact's states and, under each, the requests its interactions make: the records (emails, ids,
SKUs, keys) your provider must hold for that state, and the status each expects.`,
    )
    .action(async (opts: VerifyCommandOptions) => {
      // Loaded on demand: Pact's native library would otherwise add half a second to every `serve`.
      const { runVerifyCommand } = await import('../contracts/verify-command.js');
      const code = await runVerifyCommand(opts);
      // Exit once the report is out, rather than when every handle is gone: a provider that stalled keeps the
      // proxy's connection to it open (Pact gives us no handle on it), which held the process until it gave up.
      process.stdout.write('', () => process.exit(code));
    });

  const simulate = program.command('simulate').description('make the calls a platform makes on your service, and check the answers');

  simulate
    .command('centurylink-provision')
    .description("the CenturyLink marketplace provisioning accounts on your /<provider>-provision-account/")
    .requiredOption('--url <url>', 'your provision-account URL, e.g. https://you.example/acme-provision-account/')
    .option('--header <header>', "extra header on every call, 'Name: value' (repeatable)", collect, [])
    .option('--junit <file>', 'also write a JUnit XML report')
    .addHelpText('after', SIMULATE_HELP)
    .action(async (opts: { url: string; header: string[]; junit?: string }) => {
      const { simulateCenturyLinkProvision } = await import('../contracts/simulate-centurylink-provision.js');
      const checks = await simulateCenturyLinkProvision({ url: opts.url, headers: parseHeaders(opts.header) });
      process.exitCode = await reportChecks('simulate centurylink-provision', `Simulating the CenturyLink marketplace against ${opts.url}`, checks, opts.junit);
    });

  simulate
    .command('cloud66-launch')
    .description('Cloud 66 sending a user to your landing page; the sandbox plays Cloud 66 (partner endpoint and callback)')
    .requiredOption('--partner-url <url>', 'your landing URL, where Cloud 66 sends the user with uid, email, callback')
    .option('--sandbox-port <port>', 'port for the sandbox playing Cloud 66 (your service posts the link there)', parsePort, 0)
    .option('--partner <id>', 'the partner id in the sandbox fixture', 'acme')
    .option('--email <email>', 'the user clicking the integration', 'jon@smith.com')
    .option('--junit <file>', 'also write a JUnit XML report')
    .addHelpText('after', SIMULATE_HELP)
    .action(async (opts: { partnerUrl: string; sandboxPort: number; partner: string; email: string; junit?: string }) => {
      const { simulateCloud66Launch } = await import('../contracts/simulate-cloud66-launch.js');
      const running = await (await createSandbox()).listen(opts.sandboxPort, DEFAULT_HOST);
      process.stdout.write(`Cloud 66 is played by the sandbox at ${running.url}/cloud66: your service must POST the link to ${running.url}/cloud66/partners/${opts.partner}/integrations\n`);
      try {
        const checks = await simulateCloud66Launch({ partnerUrl: opts.partnerUrl, sandbox: running, partnerId: opts.partner, email: opts.email });
        process.exitCode = await reportChecks('simulate cloud66-launch', `Simulating Cloud 66 against ${opts.partnerUrl}`, checks, opts.junit);
      } finally {
        await running.close();
      }
    });
}

const SIMULATE_HELP = `
Each call to your service times out after 5 s; a call that gets no answer says why (connection refused,
timed out after 5 s, host not found) and the checks after it are not tried. Exit code 0 only when every check passed.`;

/** Prints the checks, writes JUnit if asked, and gives the exit code. */
async function reportChecks(suite: string, title: string, checks: SimulationCheck[], junit: string | undefined): Promise<number> {
  const { formatChecks, checksToJUnit } = await import('../contracts/simulation-report.js');
  process.stdout.write(`${formatChecks(title, checks)}\n`);
  if (junit) writeFileSync(junit, checksToJUnit(suite, checks));
  return checks.every((c) => c.ok) ? 0 : 1;
}
