import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { INTEGRATIONS, INVALID_USER_EMAIL, JON, cloud66State, expectForbidden, launch, link } from './flow.js';

const sb = useSandbox();

// The default fixture holds a pending link `abc123` for jon@smith.com at partner acme (the seed's example): JON.

describe('POST /cloud66/partners/{partnerId}/integrations: success', () => {
  it('answers 200 service added and consumes the link', async () => {
    const res = await link(sb, 'link-200', { ...JON, project_uid: '9b2f4e1c7a30' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, message: 'service added' });
    const state = await cloud66State(sb, 'link-200');
    expect(state.links.abc123.status).toBe('linked');
    expect(state.services).toEqual([
      expect.objectContaining({ partner: 'acme', email: 'jon@smith.com', linkUid: 'abc123', payload: { project_uid: '9b2f4e1c7a30' } }),
    ]);
  });

  it('accepts a form-encoded body', async () => {
    const res = await link(sb, 'link-form', JON, true);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, message: 'service added' });
  });

  it('accepts the email in another case', async () => {
    const res = await link(sb, 'link-case', { ...JON, user_email: 'Jon@Smith.com' });
    expect(res.status).toBe(200);
  });

  it('keeps partner payload but redacts credentials in the state view', async () => {
    await link(sb, 'link-redact', { ...JON, api_key: 'vendor-secret-key', region: 'eu' });
    const state = await cloud66State(sb, 'link-redact');
    expect(state.services[0].payload).toEqual({ api_key: '[REDACTED]', region: 'eu' });
  });
});

describe('POST /cloud66/partners/{partnerId}/integrations: the seed 403s, in order', () => {
  it('answers 403 link_uid is missing for a body with neither field', async () => {
    expectForbidden(await link(sb, 'link-403', {}), 'link_uid is missing');
  });

  it('answers 403 link_uid is missing for a blank link_uid', async () => {
    expectForbidden(await link(sb, 'link-403', { link_uid: '  ', user_email: 'jon@smith.com' }), 'link_uid is missing');
  });

  it('answers 403 link_uid is missing without a body at all', async () => {
    expectForbidden(await sb.call('POST', INTEGRATIONS, { session: 'link-403' }), 'link_uid is missing');
  });

  it('answers 403 link_uid is missing when the JSON body is not an object', async () => {
    const res = await sb.call('POST', INTEGRATIONS, { session: 'link-403', raw: '["abc123"]' });
    expectForbidden(res, 'link_uid is missing');
  });

  it('answers 403 user_email is missing when only link_uid is sent', async () => {
    expectForbidden(await link(sb, 'link-403', { link_uid: 'abc123' }), 'user_email is missing');
  });

  it('answers 403 user_email is missing for an empty form field', async () => {
    expectForbidden(await link(sb, 'link-403', { link_uid: 'abc123', user_email: '' }, true), 'user_email is missing');
  });

  it('answers 403 invalid user_email for a malformed email, before checking the link', async () => {
    expectForbidden(await link(sb, 'link-403', { link_uid: 'no-such-link', user_email: 'not-an-email' }), INVALID_USER_EMAIL);
  });

  it('answers 403 invalid user_email for a user who may not accept integrations', async () => {
    const { uid } = await launch(sb, 'link-viewer', 'viewer@smith.com');
    expectForbidden(await link(sb, 'link-viewer', { link_uid: uid, user_email: 'viewer@smith.com' }), INVALID_USER_EMAIL);
  });

  it('answers 403 invalid user_email for an unknown user', async () => {
    const { uid } = await launch(sb, 'link-stranger', 'stranger@smith.com');
    expectForbidden(await link(sb, 'link-stranger', { link_uid: uid, user_email: 'stranger@smith.com' }), INVALID_USER_EMAIL);
  });

  it("answers 403 invalid user_email for an email other than the link's", async () => {
    const { uid } = await launch(sb, 'link-other-email', 'viewer@smith.com');
    expectForbidden(await link(sb, 'link-other-email', { link_uid: uid, user_email: 'jon@smith.com' }), INVALID_USER_EMAIL);
  });

  it('answers 403 invalid link_uid for an unknown uid', async () => {
    expectForbidden(await link(sb, 'link-403', { link_uid: 'no-such-link', user_email: 'jon@smith.com' }), 'invalid link_uid');
  });

  it('answers 403 invalid link_uid for a non-string link_uid', async () => {
    expectForbidden(await link(sb, 'link-403', { link_uid: 123, user_email: 'jon@smith.com' }), 'invalid link_uid');
  });

  it("answers 403 invalid link_uid for another partner's link", async () => {
    const res = await sb.call('POST', '/cloud66/partners/globex/integrations', { session: 'link-403', body: JON });
    expectForbidden(res, 'invalid link_uid');
  });

  it('answers 403 already linked on the second link', async () => {
    expect((await link(sb, 'link-twice', JON)).status).toBe(200);
    expectForbidden(await link(sb, 'link-twice', JON), 'ACME Monitoring is already linked to this account');
  });

  it('answers 403 already linked for a new link when the account already has the service', async () => {
    expect((await link(sb, 'link-account', JON)).status).toBe(200);
    const { uid } = await launch(sb, 'link-account', 'jon@smith.com');
    expectForbidden(await link(sb, 'link-account', { link_uid: uid, user_email: 'jon@smith.com' }), 'ACME Monitoring is already linked to this account');
  });

  it('answers 403 integration specific error for an invalid project_uid, and links nothing', async () => {
    expectForbidden(await link(sb, 'link-specific', { ...JON, project_uid: 'not a project!' }), 'ACME Monitoring: invalid project_uid');
    const state = await cloud66State(sb, 'link-specific');
    expect(state.links.abc123.status).toBe('pending');
    expect(state.services).toEqual([]);
  });

  it('checks the link before the partner payload', async () => {
    const res = await link(sb, 'link-403', { link_uid: 'no-such-link', user_email: 'jon@smith.com', project_uid: '!' });
    expectForbidden(res, 'invalid link_uid');
  });
});
