import type { RequestListener, Server } from 'node:http';
import path from 'node:path';
import { ADMIN_TOKEN_ENV } from './admin/admin-guard.js';
import type { ApiModule } from './engine/api-module.js';
import { createApiHandler } from './engine/api-pipeline.js';
import { asApiRequest } from './engine/http/api-request.js';
import { buildApiRuntime, compileValidators, type ApiRuntime } from './engine/api-runtime.js';
import { loadFixture, DEFAULT_FIXTURE_FILE } from './engine/sessions/fixture.js';
import { DEFAULT_LIMITS, type RequestLimits } from './engine/http/request-limits.js';
import { answerConnect, mockedBy } from './engine/http/proxy-tunnel.js';
import { listenOn, type TlsSetup } from './engine/http/server.js';
import type { JournalRecord } from './engine/journal/journal.js';
import { answerInternalError, createDispatcher, errorSummary, type MountedApi } from './engine/request-dispatcher.js';
import { HostRouter, realHostsOf } from './engine/http/host-routes.js';
import type { TrustProxy } from './engine/http/client-origin.js';
import type { CorsOrigins } from './engine/http/cors.js';
import { ResponseCoverage } from './engine/journal/response-coverage.js';
import { ScenarioRegistry } from './engine/scenarios/scenario-registry.js';
import { loadScenarioSources, type ScenarioSources } from './engine/scenarios/scenario-sources.js';
import { SessionFactory } from './engine/sessions/session-factory.js';
import { MemorySessionStore } from './engine/stores/memory-store.js';
import type { SessionStore } from './engine/stores/session-store.js';
import { StateFile } from './engine/stores/state-file.js';
import { logger } from './logger.js';
import type { Logger } from 'pino';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const ADMIN_PREFIX = '/__sandbox';

export interface SandboxOptions {
  modules?: ApiModule[];
  /**
   * The fixture every new session starts from; the shipped `scenarios/default.yaml` when absent. A relative path
   * resolves against `process.cwd()`, as every path given here does (`--fixture` on the command line too).
   */
  fixtureFile?: string;
  /** A folder of `<api>/<name>.yaml` scenarios served instead of the shipped ones (relative to `process.cwd()`). */
  scenarioDir?: string;
  /**
   * The user's own folders of `<api>/<name>.yaml` scenarios, served beside the shipped ones and checked the same
   * way (`--scenarios`; relative to `process.cwd()`). A name already taken is an error naming both files…
   */
  scenarioDirs?: string[];
  /** …unless this is set: then a user scenario replaces a shipped one of the same name, and a later folder an earlier one. */
  overrideScenarios?: boolean;
  bodyLimit?: string;
  /** Header, URL, nesting and slow-client limits; see request-limits.ts for the defaults. */
  limits?: Partial<RequestLimits>;
  sessionTtlMs?: number;
  maxSessions?: number;
  journalSize?: number;
  /** Journal records kept over all sessions together (memory store; Redis expires journals with sessions). */
  journalTotal?: number;
  /** Required for the admin API once the sandbox listens beyond loopback (env SANDBOX_ADMIN_TOKEN). */
  adminToken?: string;
  /** Persist every session here and restore them at start-up (`--state-file`; memory store only). */
  stateFile?: string;
  /** Where sessions live: this process (default) or a Redis every replica shares (`--store`, env SANDBOX_STORE). */
  store?: 'memory' | { redis: string; keyPrefix?: string };
  /** Where the sandbox logs (the process logger by default), and whether it logs every request. */
  logger?: Logger;
  logRequests?: boolean;
  /** CORS on the APIs (`--cors`): any origin, or only these; off when absent. Never on the admin API. */
  cors?: CorsOrigins;
  /**
   * More real host names (`--host-map`), or other APIs for those the specs name: `{ 'integrator.example.test':
   * 'integrator' }`. A host an API is served on takes that API's real paths, without the mount prefix.
   */
  hostMap?: Record<string, string>;
  /** Whose `Forwarded` / `X-Forwarded-*` headers the absolute URLs follow (`--trust-proxy`); ignored when absent. */
  trustProxy?: TrustProxy;
  /**
   * HTTPS (`--tls`): the port takes TLS beside plain HTTP, and `CONNECT` tunnels to the mocked hosts are answered.
   * Certificates come from the CA in `dir` (created there on first use; default: the user's configuration folder),
   * or are the user's own `cert` and `key` files. `httpsPort` adds a port for HTTPS only.
   */
  tls?: { dir?: string; cert?: string; key?: string; httpsPort?: number };
}

export interface Sandbox {
  /** The server's request listener: API requests to their pipelines, the rest (admin, dashboard, docs) to Express. */
  handler: RequestListener;
  sessions: SessionStore;
  runtimes: ApiRuntime[];
  scenarios: ScenarioRegistry;
  coverage: ResponseCoverage;
  /**
   * Reads the fixture file and the scenario folders again and serves them, without touching any session: sessions
   * keep their state, new ones start from the new fixture (`--watch` calls it). If anything is wrong, nothing
   * changes: the last good set stays and the reason is logged and returned.
   */
  reload(): ReloadResult;
  listen(port?: number, host?: string): Promise<RunningSandbox>;
}

export type ReloadResult = { ok: true; userScenarios: number } | { ok: false; reason: string };

export interface RunningSandbox {
  url: string;
  port: number;
  server: Server;
  /** With `tls`: where HTTPS answers (the same port, or `httpsPort`), and the CA file clients trust (none for the user's own certificate). */
  https?: { url: string; port: number; caFile?: string };
  close(): Promise<void>;
}

/** Builds the whole sandbox (all APIs, admin API) without listening, so tests and the CLI share one path. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // Loaded lazily, so an engine test with its own modules does not load the four APIs.
  const modules = options.modules ?? (await import('./apis/index.js')).allApis;
  const runtimes = await Promise.all(modules.map(buildApiRuntime));
  const fixtureShown = options.fixtureFile ?? DEFAULT_FIXTURE_FILE;
  const sources: ScenarioSources = { shippedDir: options.scenarioDir, userDirs: options.scenarioDirs, override: options.overrideScenarios };
  const fixture = loadFixture(options.fixtureFile);
  const loaded = loadScenarioSources(runtimes, sources);
  const factory = new SessionFactory(modules, fixture);
  // A fixture an API cannot build its state from stops start-up here, not at the first request.
  factory.replaceFixture(fixture, fixtureShown);
  const { sessions, persistence } = await openStore(factory, options);
  const scenarios = new ScenarioRegistry(loaded.scenarios, factory);
  const coverage = new ResponseCoverage();
  const limits: RequestLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.logger ?? logger;

  const reload = (): ReloadResult => {
    try {
      // Everything is read and checked before anything is swapped, so a failure leaves the last good set whole.
      const nextFixture = loadFixture(options.fixtureFile);
      const next = loadScenarioSources(runtimes, sources);
      factory.replaceFixture(nextFixture, fixtureShown);
      scenarios.replace(next.scenarios);
      log.info({ userScenarios: next.userCount }, `scenarios reloaded (${next.userCount} user scenario${next.userCount === 1 ? '' : 's'})`);
      return { ok: true, userScenarios: next.userCount };
    } catch (err) {
      // [INF] Any error, not only ScenarioError/FixtureError: a file caught mid-delete is an fs error, and a
      // watcher's reload must never take the server down.
      const reason = err instanceof Error ? err.message : String(err);
      // The whole reason in the message: one line a user watching the log can act on (file, path, reason).
      log.warn(`reload refused, still serving the last good scenarios and fixture: ${reason}`);
      return { ok: false, reason };
    }
  };

  let listenHost = DEFAULT_HOST;
  const startedAt = Date.now();
  // The admin app (Express, dashboard, docs) is built on first use or right after listening, whichever is first:
  // start-up does not wait for it, and API requests never pass through it.
  let adminApp: Promise<RequestListener> | undefined;
  const admin = () =>
    (adminApp ??= import('./admin/admin-app.js').then(({ createAdminApp }) =>
      createAdminApp({
        prefix: ADMIN_PREFIX,
        listenHost: () => listenHost,
        adminToken: options.adminToken ?? process.env[ADMIN_TOKEN_ENV],
        apiPrefixes: modules.map((m) => m.prefix),
        logger: log,
        sessions,
        runtimes,
        scenarios,
        coverage,
        startedAt,
        newSession: (id) => factory.create(id),
      }),
    ));

  const apiDeps = { store: sessions, scenarios, coverage, bodyLimit: options.bodyLimit, maxJsonDepth: limits.maxJsonDepth, trustProxy: options.trustProxy };
  const mounted = runtimes.map((runtime) => ({ prefix: runtime.module.prefix, handle: createApiHandler(runtime.module.prefix, runtime, apiDeps) }));
  const hosts = hostRouterOf(runtimes, mounted, options.hostMap ?? {});
  const journal = (id: string, record: JournalRecord) => void sessions.appendJournal(id, record);
  const handler = createDispatcher({
    apis: mounted,
    hosts,
    journal,
    fallback: (req, res) => {
      admin().then(
        (app) => app(req, res),
        (err: unknown) => answerInternalError(asApiRequest(req), res, err, log),
      );
    },
    maxUrlLength: limits.maxUrlLength,
    cors: options.cors,
    logger: log,
    logRequests: options.logRequests ?? false,
  });

  /** What start-up left for later: every validator compiled, the admin app built. */
  const warmUp = () =>
    Promise.all([compileValidators(runtimes), admin()]).then(
      () => undefined,
      (err: unknown) => log.error({ err: errorSummary(err) }, 'warm-up failed'),
    );

  return { handler, sessions, runtimes, scenarios, coverage, reload, listen: async (port, host) => {
      listenHost = host ?? DEFAULT_HOST;
      const tls = options.tls ? await serverTls(options.tls, hosts) : undefined;
      const listening = await listenOn({
        handler,
        limits,
        port: port ?? DEFAULT_PORT,
        host: listenHost,
        tls: tls?.setup,
        httpsPort: options.tls?.httpsPort,
        onConnect: (req, socket, head, serve) => answerConnect({ mocks: mockedBy(hosts), tls: tls !== undefined, journal }, req, socket, head, serve),
      });
      void warmUp();
      return {
        url: listening.url,
        port: listening.port,
        server: listening.server,
        https: listening.https && { url: listening.https.url, port: listening.https.port, caFile: tls?.caFile },
        // Drain in-flight requests first, then persist what they changed.
        close: async () => {
          await listening.close();
          await persistence?.flush();
          await sessions.close();
        },
      };
    },
  };
}

/**
 * The certificates `--tls` serves: the user's own pair, or the sandbox CA's, whose default certificate names the
 * local addresses and every real host (so a tunnelled client verifies it), and which signs one for any other
 * mocked name a client asks for by SNI (`acme.mspcentric.app`). Loaded only with `--tls`: the library is slow to import.
 */
async function serverTls(options: NonNullable<SandboxOptions['tls']>, hosts: HostRouter<MountedApi>): Promise<{ setup: TlsSetup; caFile?: string }> {
  if (options.cert || options.key) {
    if (!options.cert || !options.key) throw new Error('--tls-cert and --tls-key go together');
    const { loadUserCertificate } = await import('./engine/tls/user-cert.js');
    const own = await loadUserCertificate(path.resolve(options.cert), path.resolve(options.key));
    return { setup: { cert: own.cert, key: own.key } };
  }
  const [{ openCertificateAuthority }, { createServerCertificates }, { defaultTlsDir }] = await Promise.all([
    import('./engine/tls/certificate-authority.js'),
    import('./engine/tls/server-certificates.js'),
    import('./engine/tls/default-tls-dir.js'),
  ]);
  const ca = await openCertificateAuthority(path.resolve(options.dir ?? defaultTlsDir()));
  const certs = await createServerCertificates(ca, hosts.exactNames());
  const mocked = mockedBy(hosts);
  return {
    caFile: ca.certPath,
    setup: {
      cert: certs.default.cert,
      key: certs.default.key,
      // [INF] A certificate only for a name the sandbox mocks: any other gets the default one (and fails to verify).
      SNICallback: (name, cb) => (mocked(name) ? certs.sniCallback(name, cb) : cb(null, undefined)),
    },
  };
}

/** The memory store (with its state file, if any), or a Redis store once it answers. */
async function openStore(factory: SessionFactory, options: SandboxOptions): Promise<{ sessions: SessionStore; persistence?: StateFile }> {
  const limits = { ttlMs: options.sessionTtlMs, maxSessions: options.maxSessions, journalSize: options.journalSize, journalTotal: options.journalTotal };
  const store = options.store ?? storeFromEnv();
  if (store !== 'memory') {
    if (options.stateFile) throw new Error('--state-file keeps the memory store; a Redis store persists by itself');
    // Imported here: ioredis is the slowest module to load, and most runs keep sessions in memory.
    const { RedisSessionStore } = await import('./engine/stores/redis-store.js');
    const redis = new RedisSessionStore(factory, { url: store.redis, keyPrefix: store.keyPrefix, ...limits, onError: () => undefined });
    await redis.ready();
    return { sessions: redis };
  }
  let persistence: StateFile | undefined;
  const memory = new MemorySessionStore(factory, { ...limits, onChange: () => persistence?.markDirty() });
  if (options.stateFile) {
    persistence = new StateFile(options.stateFile, memory);
    persistence.load();
  }
  return { sessions: memory, persistence };
}

/** The specs' real host names, then the user's `hostMap` over them. */
function hostRouterOf(runtimes: ApiRuntime[], mounted: MountedApi[], hostMap: Record<string, string>): HostRouter<MountedApi> {
  const byName = new Map(runtimes.map((r, i) => [r.module.name, mounted[i]]));
  const routes = runtimes.flatMap((r, i) => realHostsOf(r.spec).map((host) => ({ host, target: mounted[i] })));
  for (const [host, api] of Object.entries(hostMap)) {
    const target = byName.get(api);
    if (!target) throw new Error(`hostMap ${host}=${api}: the API is one of ${[...byName.keys()].join(', ')}`);
    routes.push({ host, target });
  }
  return new HostRouter(routes);
}

function storeFromEnv(): NonNullable<SandboxOptions['store']> {
  const url = process.env.SANDBOX_STORE;
  return url && url !== 'memory' ? { redis: url } : 'memory';
}
