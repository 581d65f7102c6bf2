import { describe, expect, it } from 'vitest';
import { BASE, DIY_ID, EU, FULL, OPERATIONS, READ_ONLY, useIntegratorSandbox, WRITE_OPERATIONS } from './sandbox.js';

const sb = useIntegratorSandbox();

const session = 'integrator-auth';

describe('integrator.io authentication', () => {
  it.each(OPERATIONS)('answers 401 unauthorized to $operationId without an Authorization header', async (op) => {
    const res = await sb.call(op.method, op.path, { session, body: op.body });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: [expect.objectContaining({ code: 'unauthorized' })] });
  });

  it.each(OPERATIONS)('answers 401 other-region-token to $operationId with the EU token', async (op) => {
    const res = await sb.call(op.method, op.path, { session, headers: EU, body: op.body });
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/another region \(eu\)/) });
  });

  it.each(WRITE_OPERATIONS)('answers 403 forbidden to $operationId with the read-only token, and changes nothing', async (op) => {
    const res = await sb.call(op.method, op.path, { session, headers: READ_ONLY, body: op.body });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].code).toBe('forbidden');
    expect((await sb.call('GET', BASE, { session, headers: FULL })).body).toHaveLength(2);
    expect((await sb.call('GET', `${BASE}/${DIY_ID}`, { session, headers: FULL })).body.name).toBe('Licensing and Usage');
  });

  it('answers 401 unauthorized for an unknown token and for a non-Bearer scheme', async () => {
    for (const authorization of ['Bearer not-a-token', 'Basic aW50ZWdyYXRvci1zYW5kYm94LXRva2Vu', 'integrator-sandbox-token']) {
      const res = await sb.call('GET', `${BASE}/${DIY_ID}`, { session, headers: { Authorization: authorization } });
      expect(res.status).toBe(401);
      expect(res.body.errors[0].code).toBe('unauthorized');
    }
  });

  it('answers 401 before validating the body', async () => {
    const res = await sb.call('POST', BASE, { session, body: {} });
    expect(res.status).toBe(401);
  });

  it('lets the read-only token read', async () => {
    expect((await sb.call('GET', BASE, { session, headers: READ_ONLY })).status).toBe(200);
    expect((await sb.call('GET', `${BASE}/${DIY_ID}`, { session, headers: READ_ONLY })).status).toBe(200);
  });

  it('answers tokenInfo with the user and scope of the token', async () => {
    const full = await sb.call('GET', '/integrator/v1/tokenInfo', { session, headers: FULL });
    expect(full.status).toBe(200);
    // [SRC] Both public docs show `*` for a full-access token.
    expect(full.body).toEqual({ _userId: '5a7c8f2e9b1d4c3a2f1e0d9c', scope: '*' });
    const read = await sb.call('GET', '/integrator/v1/tokenInfo', { session, headers: READ_ONLY });
    expect(read.body).toEqual({ _userId: '5a7c8f2e9b1d4c3a2f1e0d9d', scope: 'read' });
  });
});
