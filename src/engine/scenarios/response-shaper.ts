import type { ApiRequest } from '../http/api-request.js';
import type { Reply } from '../api-module.js';
import { pickDocumented, replyFromPick } from '../spec/documented-responses.js';
import { dynamicBody } from './dynamic-body.js';
import type { SpecOperation } from '../spec/operation-index.js';
import { takePreference, type Preference } from './prefer.js';
import { problemOf } from '../http/problem.js';
import { SCENARIO_HEADER } from '../http/mock-headers.js';
import type { Session } from '../sessions/session.js';
import type { ScenarioRegistry } from './scenario-registry.js';
import type { Fault, Latency, Scenario, ScenarioRule } from './scenario-types.js';
import { operationsOf } from './scenario-loader.js';


/** How a request's answer is shaped before (or instead of) the API handling it. */
export interface Shaping {
  /** Answer this without running the API (a `Prefer`, a scenario's `respond` or rate limit, or a sandbox error). */
  forced?: Reply;
  latencyMs?: number;
  fault?: Fault;
  stallMs?: number;
  /** For the journal: what shaped the answer. */
  shapedBy?: string;
}

/**
 * Prism's `Prefer` wins over a per-request `X-Mock-Scenario`, which wins over the session's sticky scenario:
 * the most specific instruction applies.
 */
export function shapeRequest(
  registry: ScenarioRegistry,
  session: Session,
  req: ApiRequest,
  api: string,
  op: SpecOperation,
  query: Record<string, unknown>,
  authenticates: () => boolean,
): Shaping {
  const prefer = req.headers.prefer;
  const parsed = takePreference(Array.isArray(prefer) ? prefer.join(',') : prefer, query);
  if (!parsed.ok) return { forced: problemOf('invalidPrefer', parsed.reason) };
  if (parsed.preference) return fromPreference(op, parsed.preference, session);

  const header = req.headers[SCENARIO_HEADER];
  const requested = typeof header === 'string' && header.trim() ? header.trim() : undefined;
  const scenario = registry.get(requested ?? session.stickyScenario ?? '');
  if (requested && !scenario) {
    return { forced: problemOf('unknownScenario', `no scenario named "${requested}"`, { available: registry.names() }) };
  }
  if (!scenario || scenario.api !== api) return {};
  registry.ensureSetUp(session, scenario);
  return fromScenario(scenario, op, session, authenticates);
}

function fromPreference(op: SpecOperation, preference: Preference, session: Session): Shaping {
  const pick = pickDocumented(op, preference);
  const shapedBy = `prefer ${Object.entries(preference).map(([k, v]) => `${k}=${v}`).join(', ')}`;
  if (!pick.ok) {
    return {
      shapedBy,
      forced: problemOf('undocumentedResponse', `${pick.reason}; ask for one it documents`, { documented: pick.documented }),
    };
  }
  const body = preference.dynamic && pick.schema ? dynamicBody(pick.schema, session.ids) : pick.body;
  return { shapedBy, forced: replyFromPick(pick, body) };
}

/**
 * The order of answers [INF]: a rule's `respond` and `rateLimit` are the service's answers to an account (a licence
 * 403, a 5xx, a per-token 429: integrator.io limits per token), so they apply only to a request that passes the
 * API's authentication, and a refused request does not count as one of the rule's calls; the API answers it as it
 * would without the scenario. Faults and latency are the network's, so they apply to every request.
 */
function fromScenario(scenario: Scenario, op: SpecOperation, session: Session, authenticates: () => boolean): Shaping {
  for (const [index, rule] of scenario.rules.entries()) {
    if (!operationsOf(rule, [op.operationId]).includes(op.operationId)) continue;
    if ((rule.respond || rule.rateLimit) && !authenticates()) return {};
    const key = `${scenario.name}#${index}`;
    const call = (session.scenarioCalls[key] = (session.scenarioCalls[key] ?? 0) + 1);
    if (!inCallWindow(rule, call)) continue;
    const shapedBy = `scenario ${scenario.name} (rule ${index + 1}, call ${call})`;
    if (rule.rateLimit) {
      const limited = rateLimited(rule.rateLimit, key, session, op);
      if (limited) return { forced: limited, shapedBy };
      continue;
    }
    const forced = rule.respond ? respondFromRule(rule.respond, op) : undefined;
    // A wildcard rule naming a status this operation does not document leaves it alone.
    if (rule.respond && !forced) continue;
    return { forced, latencyMs: pickLatency(rule.latency), fault: rule.fault, stallMs: rule.stallMs, shapedBy };
  }
  return {};
}

function inCallWindow(rule: ScenarioRule, call: number): boolean {
  const skip = rule.skip ?? 0;
  return call > skip && (rule.times === undefined || call <= skip + rule.times);
}

function respondFromRule(respond: NonNullable<ScenarioRule['respond']>, op: SpecOperation): Reply | undefined {
  const pick = pickDocumented(op, { code: respond.status, example: respond.example });
  if (!pick.ok) return undefined;
  // An inline body (a proxy recording) wins over the spec's example; the loader checked it fits the schema.
  const reply = replyFromPick(pick, respond.body !== undefined ? respond.body : pick.body);
  reply.headers = { ...reply.headers, ...lowerCaseKeys(respond.headers ?? {}) };
  return reply;
}

/** A fixed window per session and rule; past its allowance, the operation's own 429 with the seconds left. */
function rateLimited(limit: NonNullable<ScenarioRule['rateLimit']>, key: string, session: Session, op: SpecOperation): Reply | undefined {
  const now = Date.now();
  const windowMs = limit.perSeconds * 1000;
  let window = session.rateWindows[key];
  if (!window || now - window.start >= windowMs) window = session.rateWindows[key] = { start: now, count: 0 };
  window.count++;
  if (window.count <= limit.requests) return undefined;
  const pick = pickDocumented(op, { code: 429 });
  if (!pick.ok) return undefined;
  const reply = replyFromPick(pick);
  reply.headers = { ...reply.headers, 'retry-after': String(Math.max(1, Math.ceil((window.start + windowMs - now) / 1000))) };
  return reply;
}

function pickLatency(latency: Latency | undefined): number | undefined {
  if (latency === undefined) return undefined;
  if (typeof latency === 'number') return latency;
  return latency.min + Math.floor(Math.random() * (latency.max - latency.min + 1));
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

