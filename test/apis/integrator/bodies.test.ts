import { describe, expect, it } from 'vitest';
import { BASE, BODY_OPERATIONS, DIY_ID, FULL, useIntegratorSandbox } from './sandbox.js';

const sb = useIntegratorSandbox();

const session = 'integrator-bodies';

/** Nothing a refused body asked for may have happened. */
async function expectUnchanged(): Promise<void> {
  const list = await sb.call('GET', BASE, { session, headers: FULL });
  expect(list.body).toHaveLength(2);
  expect(list.body[0]).toMatchObject({ _id: DIY_ID, name: 'Licensing and Usage' });
}

describe('integrator.io request bodies', () => {
  it.each(BODY_OPERATIONS)('answers 400 malformed-json to $operationId for a body that is not JSON', async (op) => {
    const res = await sb.call(op.method, op.path, { session, headers: FULL, raw: '{"name": "x",}' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'malformed_json' })]);
    await expectUnchanged();
  });

  it.each(BODY_OPERATIONS)('answers 400 unsupported-media-type to $operationId for a form-encoded body', async (op) => {
    // An empty form is no body at all (`{}` encodes to nothing): send one field at least.
    const body = Object.keys(op.body ?? {}).length > 0 ? op.body : { note: 'x' };
    const res = await sb.call(op.method, op.path, { session, headers: FULL, body, form: true });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ code: 'unsupported_media_type', message: 'Content-Type must be application/json.' }]);
    await expectUnchanged();
  });

  it.each(BODY_OPERATIONS)('answers 413 payload-too-large to $operationId for a body over the limit', async (op) => {
    const res = await sb.call(op.method, op.path, { session, headers: FULL, body: { ...op.body, readme: 'r'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'payload_too_large' })]);
    await expectUnchanged();
  });
});
