import { callApi, type ApiResult } from './http.js';
import type { components } from '../spec-types/integrator.js';
import { IntegratorOperations, ResourceClient, type Connection, type Export, type Flow, type Import, type Job, type Script } from './integrator-resources.js';

type Schemas = components['schemas'];
export type Integration = Schemas['Integration'];
export type IntegrationInput = Schemas['IntegrationInput'];
export type IntegrationListItem = Schemas['IntegrationListItem'];
export type CloneRequest = Schemas['CloneRequest'];
export type CloneManifest = Schemas['CloneManifest'];
export type TokenInfo = Schemas['TokenInfo'];
export type IntegratorErrors = Schemas['ErrorEnvelope'];

/** A page of `GET /v1/integrations`: the raw result plus its items and the `Link` neighbours. */
export interface IntegrationPage extends ApiResult<IntegrationListItem[] | IntegratorErrors | undefined> {
  /** The page's integrations; empty on 204 (nothing there) and on an error. */
  items: IntegrationListItem[];
  /** Absolute URLs of the neighbouring pages, from `Link` (`rel="next"` / `rel="prev"`). */
  next?: string;
  prev?: string;
}

export interface PageParams {
  skip?: number;
  limit?: number;
}

/**
 * integrator.io's API with a Bearer API token: integrations and token info here, the other resources as
 * `connections`, `exports`, `imports`, `flows`, `jobs`, `scripts` and `operations` (runs, errors, state).
 * `baseUrl` is the API's root: `https://api.integrator.io` or the sandbox's `http://127.0.0.1:4010/integrator`.
 */
export class IntegratorClient {
  readonly connections: ResourceClient<Connection>;
  readonly exports: ResourceClient<Export>;
  readonly imports: ResourceClient<Import>;
  readonly flows: ResourceClient<Flow>;
  readonly jobs: ResourceClient<Job>;
  readonly scripts: ResourceClient<Script>;
  readonly operations: IntegratorOperations;

  constructor(
    readonly baseUrl: string,
    /** Without a token no `Authorization` header is sent (the API answers 401). */
    private readonly token?: string,
  ) {
    const call = this.call.bind(this);
    this.connections = new ResourceClient(call, '/v1/connections');
    this.exports = new ResourceClient(call, '/v1/exports');
    this.imports = new ResourceClient(call, '/v1/imports');
    this.flows = new ResourceClient(call, '/v1/flows');
    this.jobs = new ResourceClient(call, '/v1/jobs');
    this.scripts = new ResourceClient(call, '/v1/scripts');
    this.operations = new IntegratorOperations(call);
  }

  async list(page: PageParams = {}): Promise<IntegrationPage> {
    const result = await this.call<IntegrationListItem[] | IntegratorErrors | undefined>('GET', '/v1/integrations', { query: { ...page } });
    const links = parseLinkHeader(result.headers.get('link'));
    const items = result.status === 200 && Array.isArray(result.body) ? result.body : [];
    return { ...result, items, next: links.next, prev: links.prev };
  }

  get(id: string): Promise<ApiResult<Integration | IntegratorErrors>> {
    return this.call('GET', `/v1/integrations/${encodeURIComponent(id)}`);
  }

  create(integration: IntegrationInput): Promise<ApiResult<Integration | IntegratorErrors>> {
    return this.call('POST', '/v1/integrations', { body: integration });
  }

  /** Replaces the whole document (GET, edit, PUT). */
  update(id: string, integration: IntegrationInput): Promise<ApiResult<Integration | IntegratorErrors>> {
    return this.call('PUT', `/v1/integrations/${encodeURIComponent(id)}`, { body: integration });
  }

  delete(id: string): Promise<ApiResult<IntegratorErrors | undefined>> {
    return this.call('DELETE', `/v1/integrations/${encodeURIComponent(id)}`);
  }

  /** Answers the manifest of the created resources, the integration first. */
  clone(id: string, request: CloneRequest = {}): Promise<ApiResult<CloneManifest | IntegratorErrors>> {
    return this.call('POST', `/v1/integrations/${encodeURIComponent(id)}/clone`, { body: request });
  }

  tokenInfo(): Promise<ApiResult<TokenInfo | IntegratorErrors>> {
    return this.call('GET', '/v1/tokenInfo');
  }

  private call<T>(method: string, path: string, options: Parameters<typeof callApi>[3] = {}): Promise<ApiResult<T>> {
    const headers = this.token ? { authorization: `Bearer ${this.token}`, ...options.headers } : options.headers;
    return callApi<T>(this.baseUrl, method, path, { ...options, headers });
  }
}

/** RFC 5988: `<url>; rel="next", <url>; rel="prev"` → `{ next, prev }`. */
export function parseLinkHeader(header: string | null): Record<string, string | undefined> {
  const links: Record<string, string | undefined> = {};
  for (const match of (header ?? '').matchAll(/<([^>]*)>\s*;\s*rel="?([^",;]+)"?/g)) links[match[2]] = match[1];
  return links;
}

/** A stored integration came back (200 or 201). */
export function isIntegration(result: ApiResult<unknown>): result is ApiResult<Integration> {
  return (result.status === 200 || result.status === 201) && typeof (result.body as Integration | undefined)?._id === 'string';
}

/** The `code` of each error in the envelope, in order (none when the call succeeded). */
export function errorCodes(result: ApiResult<unknown>): string[] {
  const errors = (result.body as IntegratorErrors | undefined)?.errors;
  return Array.isArray(errors) ? errors.map((e) => e.code) : [];
}
