import { Verifier } from '@pact-foundation/pact';
import type { PactSummary } from './pact-catalog.js';

/** pact-js types its handlers for HTTP and message pacts in one map; ours are HTTP setup/teardown pairs. */
type StateHandlerOption = ConstructorParameters<typeof Verifier>[0]['stateHandlers'];

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

/** Runs the real Pact verifier against a provider and turns its result into a per-interaction report. */
export async function verifyProvider(options: VerifyOptions): Promise<VerificationReport> {
  const stateErrors: string[] = [];
  const verifier = new Verifier({
    provider: options.pact.provider,
    providerBaseUrl: options.providerBaseUrl,
    pactUrls: [options.pact.file],
    logLevel: options.logLevel ?? 'error',
    customProviderHeaders: options.headers,
    stateHandlers: options.stateSetupUrl ? (stateHandlers(options.pact, options.stateSetupUrl, stateErrors) as StateHandlerOption) : undefined,
  });
  const raw = await verifier.verifyProvider().then(
    (ok) => ok,
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );
  return toReport(options, parseResult(raw), stateErrors);
}

/** One handler per state in the pact, posting Pact's state-change body; a refusal fails the interaction loudly. */
function stateHandlers(pact: PactSummary, url: string, errors: string[]) {
  const post = async (state: string, params: unknown, action: 'setup' | 'teardown') => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consumer: pact.consumer, state, params: params ?? {}, action }),
    }).catch((err: unknown) => {
      throw new Error(`state ${action} "${state}": ${url} is unreachable (${err instanceof Error ? err.message : String(err)})`);
    });
    if (!res.ok) {
      const message = `state ${action} "${state}" failed: ${url} answered ${res.status} ${(await res.text()).slice(0, 300)}`;
      errors.push(message);
      throw new Error(message);
    }
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

function toReport(options: VerifyOptions, result: PactVerifierResult, stateErrors: string[]): VerificationReport {
  const failures = new Map<string, string[]>();
  const general: string[] = [...stateErrors];
  for (const error of result.errors ?? []) {
    const lines = (error.mismatch?.mismatches ?? []).map(describeMismatch);
    if (lines.length === 0 && error.mismatch?.message) lines.push(error.mismatch.message);
    if (error.interaction) failures.set(error.interaction, [...(failures.get(error.interaction) ?? []), ...lines]);
    else general.push(...lines);
  }
  const interactions = options.pact.interactions.map((i) => {
    const outcome = result.interactionResults?.find((r) => r.description === i.description);
    const mismatches = [...failures.entries()].filter(([name]) => name.includes(i.description)).flatMap(([, m]) => m);
    return { description: i.description, ok: outcome?.result === 'OK' && mismatches.length === 0, mismatches };
  });
  const ok = result.result === true && general.length === 0 && interactions.every((i) => i.ok);
  return { pact: options.pact.name, provider: options.pact.provider, providerBaseUrl: options.providerBaseUrl, ok, interactions, errors: general };
}

function describeMismatch(m: Mismatch): string {
  const where = m.path ? ` at ${m.path}` : '';
  if (m.mismatch) return `${m.type ?? 'Mismatch'}${where}: ${m.mismatch}`;
  return `${m.type ?? 'Mismatch'}${where}: expected ${JSON.stringify(m.expected)} but was ${JSON.stringify(m.actual)}`;
}
