import type { ServerResponse } from 'node:http';
import { Verifier } from '@pact-foundation/pact';
import { InteractionTracker, type ProxiedRequest } from './interaction-tracker.js';
import { CALL_TIMEOUT_MS, noAnswer, originOf } from './network-failure.js';
import type { PactInteraction, PactSummary } from './pact-catalog.js';
import { guardRequest, installProxyGuard } from './proxy-guard.js';

/** pact-js types its handlers for HTTP and message pacts in one map; ours are HTTP setup/teardown pairs. */
type VerifierConfig = ConstructorParameters<typeof Verifier>[0];
type StateHandlerOption = VerifierConfig['stateHandlers'];
type RequestFilter = NonNullable<VerifierConfig['requestFilter']>;

/** Where pact-js's proxy takes state changes and messages; everything else it forwards to the provider. */
const PACT_PROXY_PATHS = ['/_pactSetup', '/_messages'];

/**
 * [INF] How long the provider has to answer one request: 10 s, ample for one call (Pact's default is 30 s, and a
 * stalled provider held the run 30 s per interaction). Our proxy guard answers in its place after that, naming the
 * timeout; the verifier's own timeout (which names only the proxy's URL) is a backstop above it, and above the 5 s
 * we give each state change.
 */
export const PROVIDER_TIMEOUT_MS = 10_000;
const VERIFIER_TIMEOUT_MS = 15_000;

export interface VerifyOptions {
  pact: PactSummary;
  providerBaseUrl: string;
  /** The provider's state-change endpoint (Pact's protocol: `{consumer, state, params, action}`). */
  stateSetupUrl?: string;
  /** Extra headers on every request to the provider (`Name: value`). */
  headers?: string[];
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

export interface InteractionResult {
  description: string;
  ok: boolean;
  /** One cause that explains the failure, printed on the interaction's line (`could not connect to …`). */
  reason?: string;
  mismatches: string[];
}

export interface VerificationReport {
  pact: string;
  provider: string;
  providerBaseUrl: string;
  ok: boolean;
  interactions: InteractionResult[];
  /** Failures outside any interaction: the provider cannot be reached, a state could not be set up. */
  errors: string[];
}

interface PactVerifierResult {
  result?: boolean;
  interactionResults?: { description: string; result: string }[];
  errors?: { interaction?: string; mismatch?: { mismatches?: Mismatch[]; message?: string; type?: string } }[];
}

interface Mismatch {
  type?: string;
  path?: string;
  expected?: unknown;
  actual?: unknown;
  mismatch?: string;
}

/** What went wrong during a run, outside what the verifier itself reports. */
interface RunLog {
  /** Interactions whose request our proxy guard answered because the provider gave no answer. */
  reasons: Map<PactInteraction, string>;
  errors: string[];
  /** A state setup that just failed: the reason of the interaction whose request comes next. */
  failedSetup?: string;
  /** The pact-js proxy's own address, which the verifier's messages name instead of the provider's. */
  proxyOrigin?: string;
}

/** Runs the real Pact verifier against a provider and turns its result into a per-interaction report. */
export async function verifyProvider(options: VerifyOptions): Promise<VerificationReport> {
  installProxyGuard();
  const log: RunLog = { reasons: new Map(), errors: [] };
  const verifier = new Verifier({
    provider: options.pact.provider,
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: [options.pact.file],
    logLevel: options.logLevel ?? 'error',
    customProviderHeaders: options.headers && pactSpelling(options.headers, options.pact),
    timeout: VERIFIER_TIMEOUT_MS,
    requestFilter: trackRequests(options, log),
    stateHandlers: options.stateSetupUrl ? (stateHandlers(options.pact, options.stateSetupUrl, log) as StateHandlerOption) : undefined,
  });
  const raw = await verifier.verifyProvider().then(
    (ok) => ok,
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );
  return toReport(options, parseResult(raw), log);
}

/**
 * pact-js's `requestFilter` sees every request the verifier sends through its proxy: it tells the tracker which
 * states were set up, ties each provider request to its interaction, and routes the proxy's errors on it to us.
 */
function trackRequests(options: VerifyOptions, log: RunLog): RequestFilter {
  const tracker = new InteractionTracker(options.pact.interactions);
  const filter = (req: ProxiedRequest, res: ServerResponse, next: () => void) => {
    log.proxyOrigin ??= `http://127.0.0.1:${req.socket.localPort}`;
    const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
    if (path === PACT_PROXY_PATHS[0]) tracker.stateChange(req.body);
    else if (!PACT_PROXY_PATHS.includes(path)) {
      const interaction = tracker.request(req);
      const blame = (reason: string) => {
        if (interaction) log.reasons.set(interaction, log.reasons.get(interaction) ?? reason);
        else log.errors.push(`${req.method} ${path}: ${reason}`);
      };
      // pact-js answers the verifier 200 whatever our state handler threw, so the request still comes: the
      // interaction fails for its state, which is the cause, not for whatever the unprepared provider answers.
      if (log.failedSetup) blame(log.failedSetup);
      log.failedSetup = undefined;
      const failed = (reason: string, status: number) => {
        blame(reason);
        answerInstead(res, reason, status);
      };
      guardRequest(req, (err) => failed(noAnswer(options.providerBaseUrl, err, PROVIDER_TIMEOUT_MS), 502));
      // http-proxy checks headersSent before relaying a late answer, so answering first is safe.
      const timer = setTimeout(() => failed(`no answer from ${originOf(options.providerBaseUrl)}: timed out after ${PROVIDER_TIMEOUT_MS / 1000} s`, 504), PROVIDER_TIMEOUT_MS);
      res.once('close', () => clearTimeout(timer));
    }
    next();
  };
  return filter as unknown as RequestFilter;
}

/**
 * `--header 'x-api-key: mine'` spelled as the pact spells the header (`X-Api-Key`): the verifier replaces a pact
 * header by a custom one only when the names match exactly, and otherwise sends the pact's value (measured: the
 * provider got `sandbox-provision-key`), though HTTP header names are case-insensitive.
 */
function pactSpelling(headers: string[], pact: PactSummary): string[] {
  const names = new Map(pact.interactions.flatMap((i) => Object.keys(i.request.headers)).map((n) => [n.toLowerCase(), n]));
  return headers.map((h) => {
    const at = h.indexOf(':');
    const name = h.slice(0, at).trim();
    return `${names.get(name.toLowerCase()) ?? name}:${h.slice(at + 1)}`;
  });
}

/** The verifier gets an answer (so it moves on at once instead of waiting out its timeout), naming the cause. */
function answerInstead(res: ServerResponse, reason: string, status: number): void {
  if (res.writableEnded) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`partner-sandbox verify: ${reason}\n`);
}

/**
 * One handler per state in the pact, posting Pact's state-change body. A failed setup fails the interaction that
 * follows, naming the state; a failed teardown is a run-level error.
 */
function stateHandlers(pact: PactSummary, url: string, log: RunLog) {
  const failed = (action: 'setup' | 'teardown', message: string) => {
    if (action === 'setup') log.failedSetup = message;
    else log.errors.push(message);
    return new Error(message);
  };
  const post = async (state: string, params: unknown, action: 'setup' | 'teardown') => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consumer: pact.consumer, state, params: params ?? {}, action }),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    }).catch((err: unknown) => {
      throw failed(action, `state ${action} "${state}": ${noAnswer(url, err)} (--provider-states-setup-url)`);
    });
    if (!res.ok) throw failed(action, `state ${action} "${state}" failed: ${url} answered ${res.status} ${(await res.text()).slice(0, 300)}`);
  };
  return Object.fromEntries(
    pact.providerStates.map((state) => [
      state,
      {
        setup: async (params?: unknown) => {
          await post(state, params, 'setup');
          return undefined;
        },
        teardown: async (params?: unknown) => {
          await post(state, params, 'teardown');
          return undefined;
        },
      },
    ]),
  );
}

function parseResult(raw: unknown): PactVerifierResult {
  if (typeof raw !== 'string') return {};
  try {
    return JSON.parse(raw) as PactVerifierResult;
  } catch {
    return { result: false, errors: [{ mismatch: { message: raw } }] };
  }
}

function toReport(options: VerifyOptions, result: PactVerifierResult, log: RunLog): VerificationReport {
  const failures = new Map<string, string[]>();
  const general: string[] = [...countRepeats(log.errors)];
  const ours = (text: string) => (log.proxyOrigin ? text.split(log.proxyOrigin).join(originOf(options.providerBaseUrl)) : text);
  for (const error of result.errors ?? []) {
    const lines = (error.mismatch?.mismatches ?? []).map(describeMismatch);
    if (lines.length === 0 && error.mismatch?.message) lines.push(error.mismatch.message);
    if (error.interaction) failures.set(error.interaction, [...(failures.get(error.interaction) ?? []), ...lines.map(ours)]);
    else general.push(...lines.map(ours));
  }
  const interactions = options.pact.interactions.map((i): InteractionResult => {
    const outcome = result.interactionResults?.find((r) => r.description === i.description);
    const reason = log.reasons.get(i);
    // The verifier's mismatches against the 502 our guard answered say nothing the reason does not.
    if (reason) return { description: i.description, ok: false, reason, mismatches: [] };
    const mismatches = [...failures.entries()].filter(([name]) => name.includes(i.description)).flatMap(([, m]) => m);
    const ok = outcome?.result === 'OK' && mismatches.length === 0;
    const unexplained = ok || outcome || mismatches.length ? undefined : general.length ? 'not verified (see ERROR below)' : 'the verifier reported no result for it';
    return { description: i.description, ok, reason: unexplained, mismatches };
  });
  const ok = result.result === true && general.length === 0 && interactions.every((i) => i.ok);
  return { pact: options.pact.name, provider: options.pact.provider, providerBaseUrl: options.providerBaseUrl, ok, interactions, errors: general };
}

/** The same teardown failure after every interaction, said once: `… (3 times)`. */
function countRepeats(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => (n > 1 ? `${l} (${n} times)` : l));
}

/** Every interaction failed for one reason, without running the verifier (the provider cannot be reached). */
export function failedReport(pact: PactSummary, providerBaseUrl: string, reason: string, errors: string[] = []): VerificationReport {
  const interactions = pact.interactions.map((i) => ({ description: i.description, ok: false, reason, mismatches: [] }));
  return { pact: pact.name, provider: pact.provider, providerBaseUrl, ok: false, interactions, errors };
}

function describeMismatch(m: Mismatch): string {
  const where = m.path ? ` at ${m.path}` : '';
  if (m.mismatch) return `${m.type ?? 'Mismatch'}${where}: ${m.mismatch}`;
  return `${m.type ?? 'Mismatch'}${where}: expected ${JSON.stringify(m.expected)} but was ${JSON.stringify(m.actual)}`;
}
