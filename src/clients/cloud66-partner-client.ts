import { callApi, type ApiResult } from './http.js';
import type { components } from '../spec-types/cloud66.js';

type Schemas = components['schemas'];
export type LinkRequest = Schemas['LinkRequest'];
export type LinkResult = Schemas['Result'];
export type Cloud66Error = Schemas['Error'];

/** Partner-specific keys sent next to `link_uid` and `user_email` (e.g. the `project_uid` of the partner's project). */
export type PartnerPayload = Partial<Pick<LinkRequest, 'project_uid'>> & Record<string, unknown>;

export interface LinkServiceParams {
  /** The `uid` Cloud 66 sent in the redirect to the partner. */
  linkUid: string;
  /** The `email` of that redirect. */
  userEmail: string;
  payload?: PartnerPayload;
}

/**
 * A Cloud 66 partner's side of step 2: once it has provisioned the user, it POSTs to its unique endpoint
 * `/partners/{partnerId}/integrations` to add its service to the user's Cloud 66 account.
 */
export class Cloud66PartnerClient {
  /** `baseUrl` is Cloud 66's mount point (e.g. `http://127.0.0.1:4010/cloud66`); `partnerId` names the partner's endpoint. */
  constructor(
    readonly baseUrl: string,
    readonly partnerId: string,
  ) {}

  linkService({ linkUid, userEmail, payload = {} }: LinkServiceParams): Promise<ApiResult<LinkResult | Cloud66Error>> {
    const body: LinkRequest = { link_uid: linkUid, user_email: userEmail, ...payload };
    return callApi(this.baseUrl, 'POST', `/partners/${encodeURIComponent(this.partnerId)}/integrations`, { body });
  }
}

/** True when Cloud 66 answered `service added`. */
export function isServiceAdded(result: ApiResult<unknown>): result is ApiResult<LinkResult> {
  return result.status === 200 && (result.body as LinkResult | undefined)?.ok === true;
}

/** Cloud 66's reason for a failure (`error_description`), e.g. `invalid link_uid`. */
export function errorDescription(result: ApiResult<unknown>): string | undefined {
  const body = result.body as Partial<Cloud66Error> | undefined;
  return typeof body?.error_description === 'string' ? body.error_description : undefined;
}
