import type { Reply } from '../engine/api-module.js';
import { problemOf } from '../engine/http/problem.js';
import { parseSessionId } from '../engine/sessions/session-resolver.js';
import type { ScenarioRegistry } from '../engine/scenarios/scenario-registry.js';
import { DEFAULT_SESSION, SESSION_ID_PATTERN, type Session } from '../engine/sessions/session.js';
import type { SessionStore } from '../engine/stores/session-store.js';

/** A Pact provider state the sandbox can put a session into. */
export interface ProviderStateDefinition {
  name: string;
  description: string;
  setUp(session: Session, params: Record<string, unknown>): void;
}

/** The fixture itself is a state too, for interactions that need nothing beyond it. */
export const DEFAULT_FIXTURE_STATE = 'default fixture';

/** One vocabulary: every scenario is a provider state of the same name, plus the default fixture. */
export function providerStatesFromScenarios(scenarios: ScenarioRegistry): ProviderStateDefinition[] {
  const fromScenarios = scenarios.list().map((summary) => ({
    name: summary.name,
    description: summary.description,
    setUp: (session: Session) => scenarios.makeSticky(session, scenarios.get(summary.name)!),
  }));
  return [{ name: DEFAULT_FIXTURE_STATE, description: 'the default fixture (scenarios/default.yaml), nothing else', setUp: () => undefined }, ...fromScenarios];
}

export interface ProviderStates {
  apply(body: unknown, sessionId: string | undefined): Promise<Reply>;
  names(): string[];
}

interface StateChange {
  consumer?: unknown;
  state?: unknown;
  params?: unknown;
  action?: unknown;
}

/**
 * Pact's state-change protocol: `setup` resets the session to the default fixture and then applies the
 * named state; `teardown` resets it, so one verification never leaks into the next.
 */
export function providerStates(sessions: SessionStore, definitions: ProviderStateDefinition[]): ProviderStates {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  return {
    names: () => [...byName.keys()],
    async apply(body, sessionId = DEFAULT_SESSION) {
      const parsed = parseSessionId(sessionId, 'session');
      if (!parsed.ok) return parsed.reply;
      const change = (body ?? {}) as StateChange;
      const action = change.action ?? 'setup';
      if (action !== 'setup' && action !== 'teardown') {
        return problemOf('unknownAction', 'action must be "setup" or "teardown"');
      }
      await sessions.reset(sessionId);
      if (action === 'teardown') return { status: 200, body: { session: sessionId, action } };
      if (typeof change.state !== 'string' || change.state === '') {
        return problemOf('missingState', 'send {"state": "<name>", "params": {…}, "action": "setup"}');
      }
      const definition = byName.get(change.state);
      if (!definition) {
        return problemOf('unknownProviderState', `the sandbox cannot set up "${change.state}"`, { known: [...byName.keys()] });
      }
      const params = change.params && typeof change.params === 'object' ? (change.params as Record<string, unknown>) : {};
      await sessions.update(sessionId, (session) => definition.setUp(session, params));
      return { status: 200, body: { session: sessionId, action, state: definition.name } };
    },
  };
}
