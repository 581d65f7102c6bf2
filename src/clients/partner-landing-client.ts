import { callApi } from './http.js';

/** What Cloud 66 sees when it sends a user to a partner: where the partner sent the user next. */
export interface LandingOutcome {
  status: number;
  /** The partner's redirect, when it gave one. */
  location?: string;
  /** True when the partner sent the user back to the callback Cloud 66 gave it. */
  returnedToCallback: boolean;
  /** The `error` the partner reported on the callback, if any. */
  error?: string;
}

export interface LandingParams {
  uid: string;
  email: string;
  /** Where the partner must send the user back; always sent by Cloud 66, optional here to probe a partner. */
  callback?: string;
}

/**
 * Cloud 66's side of step 1: the user clicks the integration and is sent to the partner's URL with
 * `uid`, `email` and `callback` (seed: `GET http://partner/url?uid=abc123&email=jon@smith.com&callback=…`).
 */
export class PartnerLandingClient {
  /** `landingUrl` is the partner's URL, e.g. `https://partner.example/cloud66/landing`. */
  constructor(private readonly landingUrl: string) {}

  async sendUser(params: LandingParams): Promise<LandingOutcome> {
    const url = new URL(this.landingUrl);
    const result = await callApi(url.origin, 'GET', url.pathname, { query: { ...Object.fromEntries(url.searchParams), ...params } });
    const location = result.headers.get('location') ?? undefined;
    const back = location ? new URL(location, url) : undefined;
    const returnedToCallback = Boolean(back && params.callback && `${back.origin}${back.pathname}` === stripQuery(params.callback));
    return { status: result.status, location, returnedToCallback, error: back?.searchParams.get('error') ?? undefined };
  }
}

function stripQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
