import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { cloud66State } from './flow.js';

const sb = useSandbox();

describe('GET /cloud66/partners/{partnerId}/launch', () => {
  it('redirects to the partner with uid, email and callback, and records a pending link', async () => {
    const res = await sb.call('GET', '/cloud66/partners/acme/launch?email=jon@smith.com', { session: 'launch-ok' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') as string);
    expect(`${location.origin}${location.pathname}`).toBe(`${sb.baseUrl}/cloud66/reference-partner/acme/landing`);
    const uid = location.searchParams.get('uid') as string;
    expect(uid).toMatch(/^[0-9a-f]{12}$/);
    expect(location.searchParams.get('email')).toBe('jon@smith.com');
    expect(location.searchParams.get('callback')).toBe(`${sb.baseUrl}/cloud66/partners/acme/callback`);
    const state = await cloud66State(sb, 'launch-ok');
    expect(state.links[uid]).toMatchObject({ uid, email: 'jon@smith.com', partner: 'acme', status: 'pending' });
  });

  it('gives each click its own uid', async () => {
    const first = await sb.call('GET', '/cloud66/partners/acme/launch?email=jon@smith.com', { session: 'launch-twice' });
    const second = await sb.call('GET', '/cloud66/partners/acme/launch?email=jon@smith.com', { session: 'launch-twice' });
    const uidOf = (r: typeof first) => new URL(r.headers.get('location') as string).searchParams.get('uid');
    expect(uidOf(first)).not.toBe(uidOf(second));
  });

  it('answers 400 email missing without email', async () => {
    const res = await sb.call('GET', '/cloud66/partners/acme/launch', { session: 'launch-400' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', error_description: 'email is missing' });
  });

  it('answers 400 email missing for an empty email', async () => {
    const res = await sb.call('GET', '/cloud66/partners/acme/launch?email=', { session: 'launch-400' });
    expect(res.status).toBe(400);
    expect(res.body.error_description).toBe('email is missing');
  });

  it('answers 400 email invalid for a malformed email, and records nothing', async () => {
    const res = await sb.call('GET', '/cloud66/partners/acme/launch?email=not-an-email', { session: 'launch-400-bad' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request', error_description: 'email is invalid' });
    const state = await cloud66State(sb, 'launch-400-bad');
    expect(Object.keys(state.links)).toEqual(['abc123']);
  });
});
