import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSandbox } from '../../helpers/sandbox.js';
import { BASE, FULL, startIntegratorSandbox } from './sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startIntegratorSandbox();
});
afterAll(() => sb.close());

describe('integrator.io state', () => {
  it('shows the session state with tokens redacted', async () => {
    const session = 'integrator-state';
    await sb.call('POST', BASE, { session, headers: FULL, body: { name: 'Visible' } });
    const res = await sb.admin('GET', `/state?session=${session}`);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('integrator-sandbox-token');
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('Visible');
  });

  it('repeats the same generated ids in a fresh session', async () => {
    const a = await sb.call('POST', BASE, { session: 'integrator-ids-a', headers: FULL, body: { name: 'A' } });
    const b = await sb.call('POST', BASE, { session: 'integrator-ids-b', headers: FULL, body: { name: 'A' } });
    expect(a.body._id).toBe(b.body._id);
  });

  it('keeps sessions apart', async () => {
    await sb.call('POST', BASE, { session: 'integrator-iso-a', headers: FULL, body: { name: 'Only in A' } });
    const other = await sb.call('GET', BASE, { session: 'integrator-iso-b', headers: FULL });
    expect(other.body.map((d: { name: string }) => d.name)).not.toContain('Only in A');
  });
});
