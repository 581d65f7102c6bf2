/** Each of scenarios/cloud66/*.yaml does what its description says. */
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { INTEGRATIONS, INVALID_USER_EMAIL, JON, cloud66State, expectForbidden, pathOf } from './flow.js';

const sb = useSandbox();

const ALREADY_LINKED = 'ACME Monitoring is already linked to this account';
const THROTTLED = { error: 'throttled', error_description: 'Too many requests, please try again later' };

const scenarioHeader = (name: string) => ({ 'x-mock-scenario': `cloud66/${name}` });

function linkWith(scenario: string, session: string, body: unknown = JON) {
  return sb.call('POST', INTEGRATIONS, { session, body, headers: scenarioHeader(scenario) });
}

async function makeSticky(session: string, scenario: string): Promise<void> {
  const res = await sb.admin('PUT', `/sessions/${session}/scenario`, { scenario: `cloud66/${scenario}` });
  expect(res.status).toBe(200);
}

/** Launch → reference partner (which POSTs to Cloud 66 in the same session) → callback: the link as it ends up. */
async function roundTrip(session: string, email = 'jon@smith.com', headers: Record<string, string> = {}) {
  const res = await sb.call('GET', `/cloud66/partners/acme/launch?email=${encodeURIComponent(email)}`, { session, headers });
  const partner = await sb.call('GET', pathOf(res.headers.get('location')), { session });
  const callback = await sb.call('GET', pathOf(partner.headers.get('location')), { session });
  expect(callback.status).toBe(200);
  return callback.body;
}

describe('the scenario list', () => {
  it('offers every Cloud 66 scenario with its description', async () => {
    const res = await sb.admin('GET', '/scenarios');
    const ours = (res.body as { name: string; description: string }[]).filter((s) => s.name.startsWith('cloud66/'));
    expect(ours.map((s) => s.name).sort()).toEqual(
      ['already-linked', 'connection-reset', 'slow-partner-endpoint', 'throttled', 'throttled-twice', 'viewer-user'].map((n) => `cloud66/${n}`),
    );
    for (const s of ours) expect(s.description.length).toBeGreaterThan(40);
  });
});

describe('cloud66/throttled', () => {
  it('answers 503 throttled on the partner endpoint and links nothing', async () => {
    const res = await linkWith('throttled', 'sc-throttled');
    expect(res.status).toBe(503);
    expect(res.body).toEqual(THROTTLED);
    expect((await cloud66State(sb, 'sc-throttled')).links.abc123.status).toBe('pending');
  });

  it('keeps answering 503 on every call', async () => {
    for (let i = 0; i < 3; i++) expect((await linkWith('throttled', 'sc-throttled-many')).status).toBe(503);
  });

  it('leaves the other operations alone', async () => {
    const res = await sb.call('GET', '/cloud66/partners/acme/callback?uid=abc123', { session: 'sc-throttled', headers: scenarioHeader('throttled') });
    expect(res.status).toBe(200);
  });

  it("made sticky, ends the round trip on a failed link with the partner's error", async () => {
    await makeSticky('sc-throttled-sticky', 'throttled');
    const link = await roundTrip('sc-throttled-sticky');
    expect(link).toMatchObject({ status: 'failed', error: THROTTLED.error_description });
  });
});

describe('cloud66/throttled-twice', () => {
  it('answers 503 throttled twice, then links', async () => {
    const session = 'sc-flaky';
    expect((await linkWith('throttled-twice', session)).body).toEqual(THROTTLED);
    expect((await linkWith('throttled-twice', session)).status).toBe(503);
    const third = await linkWith('throttled-twice', session);
    expect(third.status).toBe(200);
    expect(third.body).toEqual({ ok: true, message: 'service added' });
    expectForbidden(await linkWith('throttled-twice', session), ALREADY_LINKED);
  });

  it('counts calls per session', async () => {
    expect((await linkWith('throttled-twice', 'sc-flaky-a')).status).toBe(503);
    expect((await linkWith('throttled-twice', 'sc-flaky-b')).status).toBe(503);
  });
});

describe('cloud66/slow-partner-endpoint', () => {
  it('answers as usual after at least a second', async () => {
    const started = performance.now();
    const res = await linkWith('slow-partner-endpoint', 'sc-slow');
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(res.status).toBe(200);
  });
});

describe('cloud66/connection-reset', () => {
  it('made sticky, sends the user back with the error and links nothing', async () => {
    await makeSticky('sc-reset', 'connection-reset');
    const link = await roundTrip('sc-reset');
    expect(link.status).toBe('failed');
    expect(link.error).toMatch(/^could not reach Cloud 66: /);
    expect((await cloud66State(sb, 'sc-reset')).services).toEqual([]);
  });
});

describe('cloud66/already-linked', () => {
  it("answers 403 already linked on the first call for the seed's link", async () => {
    expectForbidden(await linkWith('already-linked', 'sc-linked'), ALREADY_LINKED);
  });

  it('shows the seed link as linked on the callback', async () => {
    const res = await sb.call('GET', '/cloud66/partners/acme/callback?uid=abc123', { session: 'sc-linked-cb', headers: scenarioHeader('already-linked') });
    expect(res.body).toEqual({
      uid: 'abc123',
      email: 'jon@smith.com',
      partner: 'acme',
      status: 'linked',
      createdAt: '2024-01-01T00:00:00.000Z',
      linkedAt: '2024-01-01T00:00:02.000Z',
    });
  });

  it('answers 403 already linked for a new link of the same user', async () => {
    const session = 'sc-linked-new';
    const { uid } = await launchWith('already-linked', session, 'acme');
    expectForbidden(await linkWith('already-linked', session, { link_uid: uid, user_email: 'jon@smith.com' }), ALREADY_LINKED);
  });

  it('has the service on the account, and leaves other partners linkable', async () => {
    const session = 'sc-linked-globex';
    const { uid } = await launchWith('already-linked', session, 'globex');
    const res = await sb.call('POST', '/cloud66/partners/globex/integrations', { session, body: { link_uid: uid, user_email: 'jon@smith.com' } });
    expect(res.status).toBe(200);
    const state = await cloud66State(sb, session);
    expect(state.services).toEqual([
      expect.objectContaining({ partner: 'acme', email: 'jon@smith.com', linkUid: 'abc123', payload: { project_uid: '9b2f4e1c7a30' } }),
      expect.objectContaining({ partner: 'globex', linkUid: uid }),
    ]);
  });

  it('is a Pact provider state of the same name', async () => {
    const setup = await sb.admin('POST', '/provider-states?session=sc-linked-pact', { state: 'cloud66/already-linked', action: 'setup' });
    expect(setup.status).toBe(200);
    expectForbidden(await sb.call('POST', INTEGRATIONS, { session: 'sc-linked-pact', body: JON }), ALREADY_LINKED);
  });
});

describe('cloud66/viewer-user', () => {
  it("answers 403 invalid user_email for the seed's request", async () => {
    expectForbidden(await linkWith('viewer-user', 'sc-viewer'), INVALID_USER_EMAIL);
    expect((await cloud66State(sb, 'sc-viewer')).users).toEqual([
      { email: 'jon@smith.com', name: 'Jon Smith', canAcceptIntegrations: false },
      { email: 'viewer@smith.com', name: 'Viewer Smith', canAcceptIntegrations: false },
    ]);
  });

  it('ends the round trip on a failed link', async () => {
    const link = await roundTrip('sc-viewer-trip', 'jon@smith.com', scenarioHeader('viewer-user'));
    expect(link).toMatchObject({ email: 'jon@smith.com', status: 'failed', error: INVALID_USER_EMAIL });
  });
});

/** A launch with the scenario applied (so its setup is laid into the session first). */
async function launchWith(scenario: string, session: string, partner: string) {
  const res = await sb.call('GET', `/cloud66/partners/${partner}/launch?email=jon%40smith.com`, { session, headers: scenarioHeader(scenario) });
  expect(res.status).toBe(302);
  return { uid: new URL(res.headers.get('location') as string).searchParams.get('uid') as string };
}
