import { callApi, type ApiResult } from './http.js';
import type { components } from '../spec-types/centurylink.js';

type Schemas = components['schemas'];
export type UpdateSubscriptionRequest = Schemas['UpdateSubscriptionRequest'];
export type SubscriptionUpdate = Schemas['SubscriptionUpdate'];
export type CenturyLinkError = Schemas['Error'];

/** One usage or termination report; the client adds the `providerkey` and spells `expiredDate` as `expired-date`. */
export type SubscriptionReport = Omit<UpdateSubscriptionRequest, 'providerkey' | 'expired-date'> & {
  /** Required when `expired` is true: the date the customer terminated services. */
  expiredDate?: UpdateSubscriptionRequest['expired-date'];
};

/** The seed spells the endpoint both ways; the one to use is given at onboarding. */
export type UpdateSubscriptionPath = '/update-subscription/' | '/update-subscriptions/';

/**
 * A SaaS provider's side of the CenturyLink Cloud Marketplace v1: it reports each customer subscription's usage
 * and termination to `/update-subscription/`, authenticated only by the `providerkey` in the body.
 */
export class CenturyLinkMarketplaceClient {
  constructor(
    /** The marketplace's base URL, e.g. `http://127.0.0.1:4010/centurylink`. */
    readonly baseUrl: string,
    private readonly providerkey: string,
    private readonly options: { path?: UpdateSubscriptionPath } = {},
  ) {}

  updateSubscription(report: SubscriptionReport): Promise<ApiResult<SubscriptionUpdate | CenturyLinkError>> {
    const { expiredDate, ...rest } = report;
    const body: UpdateSubscriptionRequest = { ...rest, 'expired-date': expiredDate, providerkey: this.providerkey };
    return callApi(this.baseUrl, 'POST', this.options.path ?? '/update-subscription/', { body });
  }
}

export function isUpdated(result: ApiResult<unknown>): result is ApiResult<SubscriptionUpdate> {
  return result.status === 201 && typeof (result.body as SubscriptionUpdate | undefined)?.totalCount === 'number';
}
