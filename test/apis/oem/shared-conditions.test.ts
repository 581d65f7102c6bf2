import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { fullBody, OPERATIONS } from './oem-client.js';

const sb = useSandbox();

const url = (path: string) => `/oem/api/oem-api${path}`;

/** Each way a caller's client credentials can fail, and the 401 the spec documents for it. */
const CREDENTIAL_FAILURES = [
  { condition: 'a wrong client secret', overrides: { clientSecret: 'wrong' }, message: 'Invalid client ID or client secret' },
  { condition: 'a grantType other than client_credentials', overrides: { grantType: 'password' }, message: 'Invalid grant type' },
  { condition: 'a scope the client does not hold', overrides: { scope: 'admin' }, message: 'Invalid scope' },
];

describe.each(OPERATIONS)('$operationId ($method $path)', (op) => {
  const session = `oem-shared-${op.operationId}`;

  it.each(CREDENTIAL_FAILURES)('answers 401 for $condition', async ({ overrides, message }) => {
    const res = await sb.call(op.method, url(op.path), { session, body: fullBody(op, overrides) });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ status: 401, message });
  });

  it('answers 400 malformed body for JSON that does not parse', async () => {
    const res = await sb.call(op.method, url(op.path), { session, raw: '{"clientId": ', contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Malformed request body/);
  });

  it('answers 400 malformed body for a form-encoded body with valid credentials', async () => {
    const res = await sb.call(op.method, url(op.path), { session, body: fullBody(op), form: true });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Malformed request body/);
  });

  it('answers 413 payload too large for a body over the size limit', async () => {
    const raw = JSON.stringify(fullBody(op, { padding: 'x'.repeat(1_100_000) }));
    const res = await sb.call(op.method, url(op.path), { session, raw });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ status: 413, message: 'Request body too large' });
  });

  it('changes nothing when it rejects a request', async () => {
    const before = await sb.admin('GET', `/state?session=${session}`);
    await sb.call(op.method, url(op.path), { session, body: fullBody(op, { scope: 'admin' }) });
    const after = await sb.admin('GET', `/state?session=${session}`);
    expect(after.body).toEqual(before.body);
  });
});

/** The operations that act on one organization; `oemCreateUser` takes the token only optionally. */
const ORGANIZATION_SCOPED = OPERATIONS.filter((op) => 'organizationOemToken' in op.body || op.operationId === 'oemCreateUser');

describe('the organization token', () => {
  it.each(ORGANIZATION_SCOPED)('$operationId answers 403 invalid organization token for an unknown token', async (op) => {
    const res = await sb.call(op.method, url(op.path), { session: 'oem-shared-token', body: fullBody(op, { organizationOemToken: 'nope' }) });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ status: 403, message: 'Invalid organization token' });
  });

  it.each(ORGANIZATION_SCOPED.filter((op) => op.operationId !== 'oemCreateUser'))(
    '$operationId answers 403 invalid organization token when the token is missing',
    async (op) => {
      const { organizationOemToken: _token, ...body } = fullBody(op);
      const res = await sb.call(op.method, url(op.path), { session: 'oem-shared-token', body });
      expect(res.status).toBe(403);
    },
  );
});
