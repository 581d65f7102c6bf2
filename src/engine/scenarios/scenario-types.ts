/** A scenario file as `scenarios/scenario.schema.json` describes it. */
export interface ScenarioFile {
  description: string;
  setup?: Record<string, unknown>;
  rules?: ScenarioRule[];
}

export type Latency = number | { min: number; max: number };
export type Fault = 'connection-reset' | 'empty-response' | 'malformed-json' | 'stalled-response';

export interface ScenarioRule {
  operation: string | string[];
  skip?: number;
  times?: number;
  /** `body`: an inline JSON body (a `proxy --record` recording), answered instead of the example; it must fit the status's schema. */
  respond?: { status: number; example?: string; body?: unknown; headers?: Record<string, string> };
  latency?: Latency;
  fault?: Fault;
  stallMs?: number;
  rateLimit?: { requests: number; perSeconds: number };
}

/** A loaded, checked scenario. */
export interface Scenario extends ScenarioFile {
  /** `<api>/<name>`, from its path under scenarios/. */
  name: string;
  api: string;
  file: string;
  rules: ScenarioRule[];
  /** The operationIds its rules touch (every operation of the API for `*`). */
  operations: string[];
}
