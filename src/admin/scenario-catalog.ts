/** The named scenarios the sandbox knows, as the admin API lists them. */
export interface ScenarioSummary {
  name: string;
  description: string;
  operations: string[];
}

export interface ScenarioCatalog {
  list(): ScenarioSummary[];
  has(name: string): boolean;
  names(): string[];
}

export function scenarioCatalogOf(summaries: ScenarioSummary[]): ScenarioCatalog {
  const byName = new Map(summaries.map((s) => [s.name, s]));
  return {
    list: () => [...byName.values()],
    has: (name) => byName.has(name),
    names: () => [...byName.keys()],
  };
}
