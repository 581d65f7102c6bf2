import { InvalidArgumentError, type Command } from 'commander';
import { parseTrustProxy, type TrustProxy } from '../engine/http/client-origin.js';
import { parseCorsOrigins, type CorsOrigins } from '../engine/http/cors.js';
import { parseHostMapping } from '../engine/http/host-routes.js';
import { trustInstructions } from '../engine/tls/trust-instructions.js';
import { watchSources } from '../engine/scenarios/source-watcher.js';
import { logger, setLogFormat, type LogFormat } from '../logger.js';
import { createSandbox, DEFAULT_HOST, DEFAULT_PORT } from '../sandbox.js';
import { applyEnvOptions, type EnvOption } from './env-options.js';
import { explainListenError } from './listen-errors.js';
import { collect, parseCount, parseHost, parseLogFormat, parsePort, parseStore } from './options.js';
import { onStopRequest } from './stop-requests.js';

interface ServeOptions {
  port: number;
  host: string;
  fixture?: string;
  stateFile?: string;
  scenarios: string[];
  scenariosOverride?: boolean;
  watch?: boolean;
  logRequests?: boolean;
  journalSize: number;
  journalTotal: number;
  maxSessions: number;
  store: string;
  cors?: CorsOrigins;
  hostMap: Record<string, string>;
  trustProxy?: TrustProxy;
  tls?: boolean;
  tlsDir?: string;
  tlsCert?: string;
  tlsKey?: string;
  httpsPort?: number;
}

/** `--tls` and its companions: any of them turns TLS on (a --tls-dir or a certificate means HTTPS was wanted). */
function tlsOptions(opts: ServeOptions): { dir?: string; cert?: string; key?: string; httpsPort?: number } | undefined {
  const wanted = opts.tls || opts.tlsDir !== undefined || opts.tlsCert !== undefined || opts.tlsKey !== undefined || opts.httpsPort !== undefined;
  if (!wanted) return undefined;
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new Error('--tls-cert and --tls-key go together');
  if (opts.tlsDir !== undefined && opts.tlsCert !== undefined) throw new Error('--tls-dir holds the local CA; --tls-cert/--tls-key replace it: give one or the other');
  return { dir: opts.tlsDir, cert: opts.tlsCert, key: opts.tlsKey, httpsPort: opts.httpsPort };
}

/** `--host-map h=api`, repeatable: the later of two for one host wins. */
function collectHostMap(value: string, previous: Record<string, string>): Record<string, string> {
  try {
    const { host, api } = parseHostMapping(value);
    return { ...previous, [host]: api };
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

function parseTrust(value: string): TrustProxy {
  try {
    return parseTrustProxy(value) ?? true;
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/** `--cors` alone is `true` to commander: any origin. */
function parseCors(value: string): CorsOrigins {
  try {
    return parseCorsOrigins(value) ?? '*';
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

export function addServeCommand(program: Command): void {
  program
    // [INF] Not the default command any more: a bare `partner-sandbox` prints help, and a mistyped command is
    // named as unknown instead of being taken as an argument of serve (src/cli.ts).
    .command('serve')
    .description('serve all four APIs (and the /__sandbox admin API) on one port')
    // The environment's values (PORT, HOST, SANDBOX_STORE) are applied by the preAction hook below, not here.
    .option('-p, --port <port>', 'port to listen on (env PORT)', parsePort, DEFAULT_PORT)
    .option('--host <host>', 'interface to listen on (env HOST)', parseHost, DEFAULT_HOST)
    // [INF] Relative paths resolve against the current directory (in createSandbox, so library callers get the
    // same rule); only the defaults (the shipped fixture and scenarios) come from the package.
    .option('--fixture <file>', 'fixture every new session starts from, relative to the current directory (default: the shipped scenarios/default.yaml)')
    .option('--state-file <file>', 'persist every session there and restore them at start-up (relative to the current directory)')
    .option('--scenarios <dir>', 'your own <api>/<name>.yaml scenarios, served beside the shipped ones (repeatable; relative to the current directory)', collect, [])
    .option('--scenarios-override', 'let a --scenarios file replace a shipped scenario of the same name (and a later --scenarios folder an earlier one)')
    .option('--watch', 'reload the --scenarios folders and the --fixture file when they change; sessions keep their state, new ones use the new fixture')
    .option('--cors [origins]', 'answer browsers on the APIs (never the admin API): any origin, or only these (comma-separated, e.g. https://app.example.com)', parseCors)
    .option('--tls', 'serve HTTPS too (same port; see --https-port) and answer CONNECT for the mocked real hosts (HTTPS_PROXY clients), with certificates from a local CA')
    .option('--tls-dir <dir>', 'where the CA (ca.pem, ca-key.pem) is kept, created on first use (default: partner-sandbox/tls in your configuration folder)')
    .option('--tls-cert <file>', 'your own certificate (PEM) instead of the local CA\'s; with --tls-key')
    .option('--tls-key <file>', 'the key of --tls-cert (PEM, unencrypted)')
    .option('--https-port <port>', 'a port for HTTPS only, beside --port', parsePort)
    .option('--host-map <host=api>', "serve an API on another host name too, at its real paths (repeatable; the specs' real hosts such as api.integrator.io are served already)", collectHostMap, {})
    .option('--trust-proxy [addresses]', 'build Link/Location from Forwarded / X-Forwarded-Proto / X-Forwarded-Host: from any peer, or only these (comma-separated IPs, or loopback)', parseTrust)
    .option('--log-requests', 'log one line per request (method, path, status, duration, session; never bodies)')
    .option('--journal-size <n>', 'exchanges kept per session', parseCount, 50)
    .option('--journal-total <n>', 'exchanges kept over all sessions (memory store), the oldest dropped first', parseCount, 20_000)
    .option('--max-sessions <n>', 'sessions kept; the least recently used goes first', parseCount, 10_000)
    .option('--store <url>', 'where sessions live: memory (default) or redis://host:port/db shared by replicas (env SANDBOX_STORE)', parseStore, 'memory')
    .option('--log-format <format>', 'json (one object a line) or pretty (HH:MM:SS.mmm LEVEL message key=value); default: pretty on a terminal, else json', parseLogFormat)
    .addHelpText('after', ENV_HELP)
    .hook('preAction', (command) => {
      applyEnvOptions(command, SERVE_ENV);
      const format = command.getOptionValue('logFormat') as LogFormat | undefined;
      if (format) setLogFormat(format);
    })
    .action(async (opts: ServeOptions) => {
      if (opts.watch && !opts.fixture && opts.scenarios.length === 0) throw new Error('--watch watches the --scenarios folders and the --fixture file: give at least one');
      const sandbox = await createSandbox({
        fixtureFile: opts.fixture,
        scenarioDirs: opts.scenarios,
        overrideScenarios: opts.scenariosOverride,
        stateFile: opts.stateFile,
        logRequests: opts.logRequests,
        journalSize: opts.journalSize,
        journalTotal: opts.journalTotal,
        maxSessions: opts.maxSessions,
        store: opts.store === 'memory' ? 'memory' : { redis: opts.store },
        // Given alone, `--cors` is `true` (commander): any origin.
        cors: (opts.cors as CorsOrigins | boolean | undefined) === true ? '*' : opts.cors,
        hostMap: opts.hostMap,
        tls: tlsOptions(opts),
        // Given alone, `--trust-proxy` is `true`: any peer.
        trustProxy: opts.trustProxy,
      });
      const running = await sandbox.listen(opts.port, opts.host).catch((err: unknown) => {
        throw explainListenError(err, opts.port, opts.host);
      });
      const mounts = sandbox.runtimes.map((r) => `${running.url}${r.module.prefix}`);
      logger.info({ url: running.url, apis: mounts }, 'partner-sandbox listening');
      process.stdout.write(`partner-sandbox listening on ${running.url}\n${mounts.map((m) => `  ${m}`).join('\n')}\n  ${running.url}/__sandbox/health\n`);
      if (running.https) {
        logger.info({ url: running.https.url, ca: running.https.caFile }, 'HTTPS, and CONNECT tunnels to the mocked hosts');
        process.stdout.write(`HTTPS on ${running.https.url}; as a proxy for the real hosts: HTTPS_PROXY=${running.url}\n`);
        if (running.https.caFile) process.stdout.write(`${trustInstructions(running.https.caFile, { baseUrl: `${running.https.url}/integrator/v1/integrations` })}\n`);
      }
      const watcher = opts.watch
        ? watchSources({ fixtureFile: opts.fixture, scenarioDirs: opts.scenarios, apis: sandbox.runtimes.map((r) => r.module.name), onChange: () => sandbox.reload() })
        : undefined;
      if (watcher) logger.info({ fixture: opts.fixture, scenarios: opts.scenarios }, 'watching the fixture and scenario folders for changes');
      onStopRequest((reason) => {
        watcher?.close();
        logger.info({ reason }, 'draining in-flight requests, then saving state');
        running.close().then(
          () => process.exit(0),
          (err: unknown) => {
            process.stderr.write(`partner-sandbox: shutdown failed: ${String(err)}\n`);
            process.exit(1);
          },
        );
      });
    });
}

/** What serve reads from the environment; a flag wins over its variable. */
const SERVE_ENV: readonly EnvOption[] = [
  { env: 'PORT', option: 'port', parse: parsePort },
  { env: 'HOST', option: 'host', parse: parseHost },
  { env: 'SANDBOX_STORE', option: 'store', parse: parseStore },
];

const ENV_HELP = `
Environment (a flag wins over its variable; an empty variable counts as unset):
  PORT, HOST, SANDBOX_STORE  as --port, --host, --store
  LOG_LEVEL                  trace, debug, info (default), warn, error, fatal or silent
  SANDBOX_ADMIN_TOKEN        the token the admin API asks for once the sandbox listens beyond loopback
Stop it with Ctrl-C or SIGTERM (kill <pid>); started by npm start or npx, it also stops when npm is killed.`;
