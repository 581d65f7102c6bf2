import { callApi, type ApiResult, type RequestOptions } from './http.js';
import type { components } from '../spec-types/integrator.js';

type Schemas = components['schemas'];
export type Connection = Schemas['Connection'];
export type Export = Schemas['Export'];
export type Import = Schemas['Import'];
export type Flow = Schemas['Flow'];
export type Job = Schemas['Job'];
export type JobError = Schemas['JobError'];
export type Script = Schemas['Script'];
export type RunStarted = Schemas['RunStarted'];
type Errors = Schemas['ErrorEnvelope'];

type Call = <T>(method: string, path: string, options?: RequestOptions) => Promise<ApiResult<T>>;
const at = (id: string) => encodeURIComponent(id);

/** List, get, create, replace and delete of one integrator.io resource type (`/v1/connections`, `/v1/flows`, …). */
export class ResourceClient<Doc, Input = Partial<Doc>> {
  constructor(
    private readonly call: Call,
    readonly path: string,
  ) {}

  list(query: Record<string, string | number | undefined> = {}): Promise<ApiResult<Doc[] | Errors | undefined>> {
    return this.call('GET', this.path, { query });
  }

  get(id: string): Promise<ApiResult<Doc | Errors>> {
    return this.call('GET', `${this.path}/${at(id)}`);
  }

  create(doc: Input): Promise<ApiResult<Doc | Errors>> {
    return this.call('POST', this.path, { body: doc });
  }

  /** Replaces the whole document (GET, edit, PUT). */
  update(id: string, doc: Input): Promise<ApiResult<Doc | Errors>> {
    return this.call('PUT', `${this.path}/${at(id)}`, { body: doc });
  }

  delete(id: string): Promise<ApiResult<Errors | undefined>> {
    return this.call('DELETE', `${this.path}/${at(id)}`);
  }
}

/** The calls beyond CRUD that embedding a flow takes: ping, run, its jobs and their errors, the state API. */
export class IntegratorOperations {
  constructor(private readonly call: Call) {}

  pingConnection(id: string): Promise<ApiResult<unknown>> {
    return this.call('POST', `/v1/connections/${at(id)}/ping`, { body: {} });
  }

  integrationFlows(integrationId: string): Promise<ApiResult<Flow[] | Errors | undefined>> {
    return this.call('GET', `/v1/integrations/${at(integrationId)}/flows`);
  }

  runFlow(flowId: string): Promise<ApiResult<RunStarted | Errors>> {
    return this.call('POST', `/v1/flows/${at(flowId)}/run`, { body: {} });
  }

  cloneFlow(flowId: string, request: Record<string, unknown>): Promise<ApiResult<unknown>> {
    return this.call('POST', `/v1/flows/${at(flowId)}/clone`, { body: request });
  }

  latestJobs(flowId: string): Promise<ApiResult<Job[] | Errors | undefined>> {
    return this.call('GET', `/v1/flows/${at(flowId)}/jobs/latest`);
  }

  /** `GET /v1/jobs` with job.md's filters (`_flowId`, `status`, `type`, `createdAt_gte`, …). */
  jobs(filters: Record<string, string | number | undefined> = {}): Promise<ApiResult<Job[] | Errors | undefined>> {
    return this.call('GET', '/v1/jobs', { query: filters });
  }

  job(id: string): Promise<ApiResult<Job | Errors>> {
    return this.call('GET', `/v1/jobs/${at(id)}`);
  }

  jobErrors(jobId: string): Promise<ApiResult<unknown>> {
    return this.call('GET', `/v1/jobs/${at(jobId)}/joberrors`);
  }

  flowErrors(flowId: string): Promise<ApiResult<unknown>> {
    return this.call('GET', `/v1/flows/${at(flowId)}/errors`);
  }

  stepErrors(flowId: string, stepId: string): Promise<ApiResult<unknown>> {
    return this.call('GET', `/v1/flows/${at(flowId)}/${at(stepId)}/errors`);
  }

  getState(key: string): Promise<ApiResult<unknown>> {
    return this.call('GET', `/v1/state/${at(key)}`);
  }

  putState(key: string, value: unknown): Promise<ApiResult<unknown>> {
    return this.call('PUT', `/v1/state/${at(key)}`, { body: value });
  }

  deleteState(key: string): Promise<ApiResult<unknown>> {
    return this.call('DELETE', `/v1/state/${at(key)}`);
  }
}
