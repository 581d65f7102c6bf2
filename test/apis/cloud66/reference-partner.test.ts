import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { INVALID_USER_EMAIL, cloud66State, launch, pathOf } from './flow.js';

const sb = useSandbox();

const landing = (query: Record<string, string>, partner = 'acme') =>
  `/cloud66/reference-partner/${partner}/landing?${new URLSearchParams(query).toString()}`;

describe('GET /cloud66/reference-partner/{partnerId}/landing', () => {
  it('links and redirects back to the callback with the uid', async () => {
    const session = 'ref-ok';
    const { location } = await launch(sb, session, 'jon@smith.com');
    const res = await sb.call('GET', pathOf(location), { session });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') as string);
    expect(back.pathname).toBe('/cloud66/partners/acme/callback');
    expect(back.searchParams.get('error')).toBeNull();
    const state = await cloud66State(sb, session);
    expect(state.services[0]).toMatchObject({ partner: 'acme', email: 'jon@smith.com' });
    expect(state.services[0].payload.project_uid).toBe(state.partnerAccounts[0].projectUid);
  });

  it('redirects back with the error when Cloud 66 refuses the link', async () => {
    const session = 'ref-viewer';
    const { location } = await launch(sb, session, 'viewer@smith.com');
    const res = await sb.call('GET', pathOf(location), { session });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location') as string).searchParams.get('error')).toBe(INVALID_USER_EMAIL);
  });

  it('provisions one partner account per email', async () => {
    const session = 'ref-once';
    for (let i = 0; i < 2; i++) {
      const { location } = await launch(sb, session, 'viewer@smith.com');
      await sb.call('GET', pathOf(location), { session });
    }
    const state = await cloud66State(sb, session);
    expect(state.partnerAccounts).toHaveLength(1);
    expect(state.partnerAccounts[0]).toMatchObject({ partner: 'acme', email: 'viewer@smith.com' });
  });

  it('answers 400 missing parameters without callback', async () => {
    const res = await sb.call('GET', landing({ uid: 'abc123', email: 'jon@smith.com' }), { session: 'ref-400' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', error_description: 'missing parameters: uid, email, callback are required' });
  });

  it('answers 400 invalid callback for a callback that is not a URL, and provisions nothing', async () => {
    const res = await sb.call('GET', landing({ uid: 'abc123', email: 'jon@smith.com', callback: 'not a url' }), { session: 'ref-400' });
    expect(res.status).toBe(400);
    expect(res.body.error_description).toBe('callback must be an absolute URL');
    expect((await cloud66State(sb, 'ref-400')).partnerAccounts).toEqual([]);
  });
});
