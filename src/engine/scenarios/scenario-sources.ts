import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ApiRuntime } from '../api-runtime.js';
import { loadScenarios, ScenarioError, scenarioDirPath } from './scenario-loader.js';
import type { Scenario } from './scenario-types.js';

/** Where scenarios come from: the shipped folder, and the user's own folders beside it (`--scenarios`). */
export interface ScenarioSources {
  /** In place of the shipped `scenarios/` (relative to the current directory); the shipped one when absent. */
  shippedDir?: string;
  /** The user's folders of `<api>/<name>.yaml`, relative to the current directory, in the order given. */
  userDirs?: string[];
  /** A user scenario may take the name of a shipped one, and a later user folder the name of an earlier one. */
  override?: boolean;
}

export interface LoadedScenarios {
  scenarios: Scenario[];
  /** How many of them come from the user's folders. */
  userCount: number;
}

/**
 * The shipped scenarios and the user's, each file checked by `loadScenarios` exactly as the shipped ones are.
 * A name taken twice is refused, naming both files, unless `override` says the later one wins.
 * [INF] "Later wins" (shipped, then user folders in the order given) is the one order a user can see on their
 * command line; without `override`, a clash is far more often a copy left behind than a deliberate replacement.
 */
export function loadScenarioSources(runtimes: ApiRuntime[], sources: ScenarioSources): LoadedScenarios {
  const byName = new Map<string, Scenario>(loadScenarios(runtimes, sources.shippedDir).map((s) => [s.name, s]));
  const fromUser = new Set<Scenario>();
  for (const dir of sources.userDirs ?? []) {
    checkLayout(dir, runtimes.map((r) => r.module.name));
    for (const scenario of loadScenarios(runtimes, dir)) {
      const taken = byName.get(scenario.name);
      if (taken && !sources.override) {
        throw new ScenarioError(
          scenario.file,
          '(name)',
          `${scenario.name} is also defined by ${taken.file}; rename one, or let yours override it (--scenarios-override, or overrideScenarios: true)`,
        );
      }
      if (taken) fromUser.delete(taken);
      byName.set(scenario.name, scenario);
      fromUser.add(scenario);
    }
  }
  return { scenarios: [...byName.values()], userCount: fromUser.size };
}

/**
 * Each folder of `.yaml` files in a user folder is named after an API. [INF] The shipped folder is not checked
 * this way; in a user's folder, a misnamed API folder would otherwise be skipped without a word and its scenarios
 * would just seem not to exist. Files at the top (a fixture kept beside the scenarios, as the shipped
 * `scenarios/default.yaml` is) and folders without `.yaml` files are left alone.
 */
function checkLayout(dir: string, apis: string[]): void {
  const absolute = scenarioDirPath(dir);
  let isDir = false;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    // Missing: reported below, as a path that is not a folder is.
  }
  if (!isDir) throw new ScenarioError(dir, '(folder)', 'no such folder of scenarios');
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || apis.includes(entry.name)) continue;
    if (!readdirSync(path.join(absolute, entry.name)).some((f) => f.endsWith('.yaml'))) continue;
    throw new ScenarioError(path.join(dir, entry.name), '(folder)', `not an API of this sandbox; scenario folders are named ${apis.join(', ')}`);
  }
}
