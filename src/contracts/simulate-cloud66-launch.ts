import { PartnerLandingClient } from '../clients/partner-landing-client.js';
import { callApi } from '../clients/http.js';
import type { RunningSandbox } from '../sandbox.js';
import { check, type SimulationCheck } from './simulation-report.js';

export interface LaunchSimulationOptions {
  /** The partner's landing URL, where Cloud 66 sends the user. */
  partnerUrl: string;
  /** The running sandbox that plays Cloud 66 (its partner endpoint and callback). */
  sandbox: RunningSandbox;
  partnerId?: string;
  email?: string;
}

/**
 * Cloud 66's side of the flow against a partner's landing page: a user clicks the integration (a pending link in
 * the sandbox), is sent to the partner with uid/email/callback, the partner posts the link to its Cloud 66 endpoint
 * (the sandbox) and sends the user back to the callback.
 */
export async function simulateCloud66Launch(options: LaunchSimulationOptions): Promise<SimulationCheck[]> {
  const partnerId = options.partnerId ?? 'acme';
  const email = options.email ?? 'jon@smith.com';
  const cloud66 = `${options.sandbox.url}/cloud66`;
  const launch = await callApi(cloud66, 'GET', `/partners/${encodeURIComponent(partnerId)}/launch`, { query: { email } });
  const sent = new URL(launch.headers.get('location') ?? 'http://invalid/');
  const uid = sent.searchParams.get('uid') ?? '';
  const callback = sent.searchParams.get('callback') ?? '';
  if (launch.status !== 302 || !uid) return [check('the sandbox started a link for the user', false, `launch answered ${launch.status}`)];

  const outcome = await new PartnerLandingClient(options.partnerUrl).sendUser({ uid, email, callback }).catch((err: unknown) => ({ status: 0, returnedToCallback: false, location: undefined, error: String(err) }));
  const back = outcome.location ? new URL(outcome.location, options.partnerUrl) : undefined;
  const link = (await callApi<{ status?: string; error?: string }>(cloud66, 'GET', `/partners/${encodeURIComponent(partnerId)}/callback`, { query: { uid } })).body;
  return [
    check('the landing page answers with a redirect (302/303)', outcome.status === 302 || outcome.status === 303, `answered ${outcome.status || 'nothing'}`),
    check('the redirect goes back to the callback Cloud 66 gave', outcome.returnedToCallback, `Location: ${outcome.location ?? '(none)'}`),
    check('the callback carries the uid', back?.searchParams.get('uid') === uid, `expected uid=${uid}`),
    check(`the partner posted link_uid and user_email to ${cloud66}/partners/${partnerId}/integrations`, link?.status === 'linked', `the link is ${link?.status ?? 'unknown'}${link?.error ? `: ${link.error}` : ''}`),
  ];
}
