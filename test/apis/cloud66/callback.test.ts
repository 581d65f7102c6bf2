import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { INVALID_USER_EMAIL, link } from './flow.js';

const sb = useSandbox();

const CALLBACK = '/cloud66/partners/acme/callback';

describe('GET /cloud66/partners/{partnerId}/callback', () => {
  it('shows a link the partner has not linked yet as pending', async () => {
    const res = await sb.call('GET', `${CALLBACK}?uid=abc123`, { session: 'cb-pending' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ uid: 'abc123', email: 'jon@smith.com', partner: 'acme', status: 'pending' });
  });

  it('shows a linked link as linked', async () => {
    await link(sb, 'cb-linked', { link_uid: 'abc123', user_email: 'jon@smith.com' });
    const res = await sb.call('GET', `${CALLBACK}?uid=abc123`, { session: 'cb-linked' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ uid: 'abc123', status: 'linked' });
    expect(res.body.linkedAt).toEqual(expect.any(String));
  });

  it("records the partner's error and marks the link failed", async () => {
    const res = await sb.call('GET', `${CALLBACK}?uid=abc123&error=${encodeURIComponent(INVALID_USER_EMAIL)}`, { session: 'cb-failed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ uid: 'abc123', status: 'failed', error: INVALID_USER_EMAIL });
  });

  it('never marks a linked link failed', async () => {
    await link(sb, 'cb-keep', { link_uid: 'abc123', user_email: 'jon@smith.com' });
    const res = await sb.call('GET', `${CALLBACK}?uid=abc123&error=oops`, { session: 'cb-keep' });
    expect(res.body.status).toBe('linked');
    expect(res.body.error).toBeUndefined();
  });

  it('answers 400 uid missing without uid', async () => {
    const res = await sb.call('GET', CALLBACK, { session: 'cb-400' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', error_description: 'uid is missing' });
  });

  it('answers 400 when error is sent twice', async () => {
    const res = await sb.call('GET', `${CALLBACK}?uid=abc123&error=a&error=b`, { session: 'cb-400' });
    expect(res.status).toBe(400);
    expect(res.body.error_description).toBe('error must be a single string');
  });

  it('answers 404 unknown link for an unknown uid', async () => {
    const res = await sb.call('GET', `${CALLBACK}?uid=nope`, { session: 'cb-404' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', error_description: 'unknown link' });
  });

  it("answers 404 unknown link for another partner's link", async () => {
    const res = await sb.call('GET', '/cloud66/partners/globex/callback?uid=abc123', { session: 'cb-404' });
    expect(res.status).toBe(404);
    expect(res.body.error_description).toBe('unknown link');
  });
});
