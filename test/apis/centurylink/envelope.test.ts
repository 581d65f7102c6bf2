import { describe, expect, it } from 'vitest';
import { useSandbox } from '../../helpers/sandbox.js';
import { OPERATION_CALLS, sessionNames } from './requests.js';

const sb = useSandbox();

const newSession = sessionNames('envelope');

/** The conditions every operation documents, each on every operation and path spelling. */
describe.each(OPERATION_CALLS)('$operation at $path', ({ path, headers, body }) => {
  it('answers 400 malformed-body for the seed example’s single-quoted JSON', async () => {
    const raw = `{"coid": 'SANDBOX-COID-1', "name": 'account holder name'}`;
    const res = await sb.call('POST', path, { raw, headers, session: newSession() });
    expect(res.status).toBe(400);
    expect(res.body.message).toBeTypeOf('string');
    expect(res.body.missing).toBeUndefined();
  });

  it('answers 400 malformed-body for a JSON array', async () => {
    const res = await sb.call('POST', path, { raw: JSON.stringify([body]), headers, session: newSession() });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'The request body must be a JSON object' });
  });

  // The JSON parser refuses top-level scalars outright, so these are answered before the module sees them.
  it.each([['a JSON string', '"coid"'], ['JSON null', 'null']])('answers 400 malformed-body for %s', async (_what, raw) => {
    const res = await sb.call('POST', path, { raw, headers, session: newSession() });
    expect(res.status).toBe(400);
    expect(res.body.message).toBeTypeOf('string');
  });

  it('answers 415 unsupported-media-type for a form-encoded body', async () => {
    const res = await sb.call('POST', path, { body, form: true, headers, session: newSession() });
    expect(res.status).toBe(415);
    expect(res.body.message).toContain('application/json');
  });

  it('answers 415 unsupported-media-type for a text/plain body', async () => {
    const res = await sb.call('POST', path, { raw: JSON.stringify(body), contentType: 'text/plain', headers, session: newSession() });
    expect(res.status).toBe(415);
  });

  it('answers 413 payload-too-large for a body over the size limit', async () => {
    const raw = JSON.stringify({ ...body, padding: 'x'.repeat(2 * 1024 * 1024) });
    const res = await sb.call('POST', path, { raw, headers, session: newSession() });
    expect(res.status).toBe(413);
    expect(res.body.message).toContain('too large');
  });

  it('changes nothing on any of these rejections', async () => {
    const session = newSession();
    await sb.call('POST', path, { raw: '{', headers, session });
    await sb.call('POST', path, { body, form: true, headers, session });
    const state = await sb.admin('GET', `/state?session=${session}`);
    const accounts = state.body.apis.centurylink.accounts;
    expect(Object.keys(accounts)).toEqual(['SANDBOX-COID-1']);
    expect(accounts['SANDBOX-COID-1'].subscription).toMatchObject({ count: 0, history: [] });
  });
});
