import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { expectForbidden, launch, link, pathOf } from './flow.js';

const sb = useSandbox();

describe('Cloud 66 partner integration round trip', () => {
  it('launches, provisions at the reference partner, links, and shows the link as linked', async () => {
    const session = 'e2e-jon';
    const { uid, location } = await launch(sb, session, 'jon@smith.com');

    const partner = await sb.call('GET', pathOf(location), { session });
    expect(partner.status).toBe(302);

    const callback = await sb.call('GET', pathOf(partner.headers.get('location')), { session });
    expect(callback.status).toBe(200);
    expect(callback.body).toMatchObject({ uid, email: 'jon@smith.com', partner: 'acme', status: 'linked' });

    expectForbidden(
      await link(sb, session, { link_uid: uid, user_email: 'jon@smith.com' }),
      'ACME Monitoring is already linked to this account',
    );
  });

  it('ends on a failed link with the reason when the user may not accept integrations', async () => {
    const session = 'e2e-viewer';
    const { uid, location } = await launch(sb, session, 'viewer@smith.com');
    const partner = await sb.call('GET', pathOf(location), { session });
    const callback = await sb.call('GET', pathOf(partner.headers.get('location')), { session });
    expect(callback.body).toMatchObject({ uid, status: 'failed' });
    expect(callback.body.error).toMatch(/^invalid user_email/);
  });

  it('repeats the same uids in a fresh session', async () => {
    const first = await launch(sb, 'e2e-repeat-a', 'jon@smith.com');
    const second = await launch(sb, 'e2e-repeat-b', 'jon@smith.com');
    expect(first.uid).toBe(second.uid);
  });
});
