import type { Session } from '../sessions/session.js';
import type { SessionFactory } from '../sessions/session-factory.js';
import type { Scenario } from './scenario-types.js';

/** What `GET /__sandbox/scenarios` lists for each scenario. */
export interface ScenarioSummary {
  name: string;
  description: string;
  operations: string[];
}

/** The loaded scenarios, and how one is put into a session. */
export class ScenarioRegistry {
  private byName: Map<string, Scenario>;

  constructor(scenarios: Scenario[], private readonly factory: SessionFactory) {
    this.byName = new Map(scenarios.map((s) => [s.name, s]));
  }

  /**
   * Serves `scenarios` instead, all at once (`--watch`). Sessions keep what they hold: a sticky name that is gone
   * no longer shapes anything, call counters carry on, and a setup already laid into a session stays as it was
   * until the session is reset. [INF] Swapping the whole map keeps each request seeing one consistent set.
   */
  replace(scenarios: Scenario[]): void {
    this.byName = new Map(scenarios.map((s) => [s.name, s]));
  }

  get(name: string): Scenario | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  list(): ScenarioSummary[] {
    return [...this.byName.values()].map((s) => ({ name: s.name, description: s.description, operations: s.operations }));
  }

  /** Lays the scenario's setup into the session's state, once per session. */
  ensureSetUp(session: Session, scenario: Scenario): void {
    if (!scenario.setup || session.appliedScenarios.includes(scenario.name)) return;
    this.factory.rebuildApiState(session, scenario.api, scenario.setup);
    session.appliedScenarios.push(scenario.name);
  }

  /** Makes the scenario apply to every request of the session (null clears it), counting its calls afresh. */
  makeSticky(session: Session, scenario: Scenario | null): void {
    session.stickyScenario = scenario?.name ?? null;
    if (!scenario) return;
    for (const key of Object.keys(session.scenarioCalls)) if (key.startsWith(`${scenario.name}#`)) delete session.scenarioCalls[key];
    for (const key of Object.keys(session.rateWindows)) if (key.startsWith(`${scenario.name}#`)) delete session.rateWindows[key];
    this.ensureSetUp(session, scenario);
  }
}
