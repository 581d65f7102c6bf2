import type { Schemas } from './types.js';

/**
 * How the runs of one flow go, the fixture's `runBehaviour` by flow id (sandbox-only state, never in an answer):
 * the named scenarios `run-fails-with-errors` and `long-running-job` set it. Absent: every run completes cleanly.
 */
export interface RunBehaviour {
  /** `completed` (the default), `errors` (completed with `numError` > 0 and job errors), `failed` (the export fails). */
  outcome?: 'completed' | 'errors' | 'failed';
  /** Records each step handles (default 10). */
  records?: number;
  /** Records an import step fails with `outcome: errors` (default 2). */
  errors?: number;
  /** Extra reads the job stays `running` before its steps start to finish (default 0). */
  runningReads?: number;
}

/**
 * A job in flight on the job clock (`job-clock.ts`), by the `_id` of its top job (a `flow` or `retry` job); removed
 * when that job ends. `ticks` counts the reads so far.
 */
export interface JobProgress {
  ticks: number;
  hold: number;
  outcome: 'completed' | 'errors' | 'failed';
  records: number;
  errors: number;
  /** The step jobs, in `oIndex` order (empty for a retry job). */
  steps: string[];
}

/**
 * One error of a flow step as the error-management endpoints show it, plus where it belongs: the step
 * (`_stepId`), the step job (`_jobId`) and that job's matching job error (`_jobErrorId`). Open while `resolvedAt`
 * is absent.
 */
export type StepErrorRecord = Schemas['ResolvedFlowError'] & {
  _stepId: string;
  _jobId?: string;
  _jobErrorId?: string;
};
