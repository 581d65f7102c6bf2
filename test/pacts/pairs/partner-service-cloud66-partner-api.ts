import { expect } from 'vitest';
import { Cloud66PartnerClient, errorDescription, isServiceAdded, type LinkServiceParams } from '../../../src/clients/cloud66-partner-client.js';
import { MatchersV3, type PactInteraction, type PactPair } from '../pact-suite.js';

const { like } = MatchersV3;
const PATH = '/partners/acme/integrations';
const JSON_HEADERS = { 'Content-Type': 'application/json' };
/** The default fixture's pending link: the seed's redirect `uid=abc123&email=jon@smith.com`, at partner acme. */
const SEED_LINK = { link_uid: 'abc123', user_email: 'jon@smith.com' };
const PROJECT = { project_uid: '9b2f4e1c7a30' };
const INVALID_USER_EMAIL = 'invalid user_email (invalid email or not enough privileges to accept this integration by this user).';

type Interaction = PactInteraction<Cloud66PartnerClient>;

/** A 403 of the seed's failure table: Cloud 66's `forbidden` envelope with the seed's exact text. */
function forbidden(description: string, state: string, body: Record<string, unknown>, params: LinkServiceParams, text: string): Interaction {
  return {
    description,
    state,
    request: { method: 'POST', path: PATH, headers: JSON_HEADERS, body },
    response: { status: 403, body: { error: 'forbidden', error_description: text } },
    async exercise(client) {
      const result = await client.linkService(params);
      expect([result.status, isServiceAdded(result), errorDescription(result)]).toEqual([403, false, text]);
    },
  };
}

/**
 * A partner (consumer) adds its provisioned service to the user's Cloud 66 account through its unique endpoint
 * `POST /partners/{partnerId}/integrations` (seed: 200 `service added`, the five 403s of the failure table and
 * integration specific 403s). Cloud 66, here the sandbox, is the provider; the partner's id is its only credential.
 */
export const pair: PactPair<Cloud66PartnerClient> = {
  consumer: 'partner-service',
  provider: 'cloud66-partner-api',
  verifyAt: '/cloud66',
  partnerIsProvider: false,
  makeClient: (baseUrl) => new Cloud66PartnerClient(baseUrl, 'acme'),
  interactions: [
    {
      description: 'a link request for the pending link abc123 of jon@smith.com',
      state: 'default fixture',
      request: { method: 'POST', path: PATH, headers: JSON_HEADERS, body: { ...SEED_LINK, ...PROJECT } },
      response: { status: 200, body: { ok: true, message: 'service added' } },
      async exercise(client) {
        const result = await client.linkService({ linkUid: 'abc123', userEmail: 'jon@smith.com', payload: PROJECT });
        expect(isServiceAdded(result)).toBe(true);
        expect(result.body).toEqual({ ok: true, message: 'service added' });
      },
    },
    forbidden(
      'a link request without link_uid',
      'default fixture',
      { user_email: 'jon@smith.com' },
      { linkUid: undefined as never, userEmail: 'jon@smith.com' },
      'link_uid is missing',
    ),
    forbidden(
      'a link request without user_email',
      'default fixture',
      { link_uid: 'abc123' },
      { linkUid: 'abc123', userEmail: undefined as never },
      'user_email is missing',
    ),
    forbidden(
      'a link request from a user who may not accept integrations',
      'default fixture',
      { link_uid: 'abc123', user_email: 'viewer@smith.com' },
      { linkUid: 'abc123', userEmail: 'viewer@smith.com' },
      INVALID_USER_EMAIL,
    ),
    forbidden(
      'a link request for an unknown link_uid',
      'default fixture',
      { link_uid: 'zzz999', user_email: 'jon@smith.com' },
      { linkUid: 'zzz999', userEmail: 'jon@smith.com' },
      'invalid link_uid',
    ),
    forbidden(
      'a link request for a link whose service is already on the account',
      'cloud66/already-linked',
      SEED_LINK,
      { linkUid: 'abc123', userEmail: 'jon@smith.com' },
      'ACME Monitoring is already linked to this account',
    ),
    forbidden(
      'a link request with an invalid partner-specific project_uid',
      'default fixture',
      { ...SEED_LINK, project_uid: 'not a project!' },
      { linkUid: 'abc123', userEmail: 'jon@smith.com', payload: { project_uid: 'not a project!' } },
      'ACME Monitoring: invalid project_uid',
    ),
    {
      description: 'a link request at an unknown partner endpoint',
      state: 'default fixture',
      request: { method: 'POST', path: '/partners/nobody/integrations', headers: JSON_HEADERS, body: SEED_LINK },
      response: { status: 404, body: { error: 'not_found', error_description: like('unknown partner') } },
      async exercise(client) {
        const result = await new Cloud66PartnerClient(client.baseUrl, 'nobody').linkService({ linkUid: 'abc123', userEmail: 'jon@smith.com' });
        expect([result.status, isServiceAdded(result)]).toEqual([404, false]);
      },
    },
    {
      description: 'a link request while Cloud 66 is rate limiting the partner',
      state: 'cloud66/throttled',
      request: { method: 'POST', path: PATH, headers: JSON_HEADERS, body: SEED_LINK },
      response: { status: 503, body: { error: 'throttled', error_description: like('Too many requests, please try again later') } },
      async exercise(client) {
        const result = await client.linkService({ linkUid: 'abc123', userEmail: 'jon@smith.com' });
        expect([result.status, isServiceAdded(result), (result.body as { error?: string }).error]).toEqual([503, false, 'throttled']);
      },
    },
  ],
};
