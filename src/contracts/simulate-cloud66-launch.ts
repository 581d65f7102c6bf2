import { callApi } from '../clients/http.js';
import type { RunningSandbox } from '../sandbox.js';
import { callService, describeAnswer } from './simulation-http.js';
import { check, type SimulationCheck } from './simulation-report.js';

export interface LaunchSimulationOptions {
  /** The partner's landing URL, where Cloud 66 sends the user. */
  partnerUrl: string;
  /** The running sandbox that plays Cloud 66 (its partner endpoint and callback). */
  sandbox: RunningSandbox;
  partnerId?: string;
  email?: string;
}

const REDIRECTS = 'the landing page answers with a redirect (302/303)';
const TO_CALLBACK = 'the redirect goes back to the callback Cloud 66 gave';
const WITH_UID = 'the callback carries the uid';

/**
 * Cloud 66's side of the flow against a partner's landing page: a user clicks the integration (a pending link in
 * the sandbox), is sent to the partner with uid/email/callback (seed: `GET http://partner/url?uid=abc123&email=…&callback=…`),
 * the partner posts the link to its Cloud 66 endpoint (the sandbox) and sends the user back to the callback.
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

  // The name stays the same from run to run (a JUnit case is tracked by name); the sandbox's URL is printed above.
  const posted = `the partner posted link_uid and user_email to its Cloud 66 endpoint (/cloud66/partners/${partnerId}/integrations)`;
  const landing = new URL(options.partnerUrl);
  const answer = await callService(options.partnerUrl, { method: 'GET', query: { ...Object.fromEntries(landing.searchParams), uid, email, callback } });
  if (!answer.answered) return [REDIRECTS, TO_CALLBACK, WITH_UID, posted].map((name, n) => check(name, false, n === 0 ? answer.failure : `not tried: ${answer.failure}`));

  const location = answer.headers.get('location') ?? undefined;
  const back = location ? new URL(location, options.partnerUrl) : undefined;
  const link = (await callApi<{ status?: string; error?: string }>(cloud66, 'GET', `/partners/${encodeURIComponent(partnerId)}/callback`, { query: { uid } })).body;
  return [
    check(REDIRECTS, answer.status === 302 || answer.status === 303, describeAnswer(answer).slice(0, 120)),
    check(TO_CALLBACK, Boolean(back && `${back.origin}${back.pathname}` === withoutQuery(callback)), `Location: ${location ?? '(none)'}`),
    check(WITH_UID, back?.searchParams.get('uid') === uid, `expected uid=${uid}`),
    check(posted, link?.status === 'linked', `the link is ${link?.status ?? 'unknown'}${link?.error ? `: ${link.error}` : ''}`),
  ];
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
