/**
 * Conditions every operation (or every operation with a body) shares, run over each operation that documents them.
 * The first tests hold the tables to the spec, so an operation that starts documenting one is not left untested.
 */
import { describe, expect, it } from 'vitest';
import { documentedResponses } from '../../../src/engine/spec/documented-responses.js';
import { listOperations } from '../../../src/engine/spec/operation-index.js';
import { loadDereferencedSpec } from '../../../src/engine/spec/spec-loader.js';
import { useSandbox } from '../../helpers/sandbox.js';
import { JON, OPERATIONS, cloud66State, type OperationRequest } from './flow.js';

const sb = useSandbox();

const send = (request: OperationRequest, session: string) => sb.call(request.method, request.path, { session, body: request.body });

/** The operations with a request body, and a raw body sent to each. */
const BODY_OPERATIONS = [{ operationId: 'linkPartnerIntegration', path: '/cloud66/partners/acme/integrations' }];

const PADDING = 'x'.repeat(1_100_000);

/** Each way the body itself cannot be read, and the answer the spec documents for it. */
const ENVELOPE_FAILURES = [
  {
    condition: 'JSON that does not parse',
    raw: '{"link_uid": ',
    contentType: 'application/json',
    status: 400,
    body: { error: 'bad_request', error_description: 'the request body could not be parsed' },
  },
  {
    condition: 'a body that is neither JSON nor form-encoded',
    raw: 'link_uid=abc123&user_email=jon%40smith.com',
    contentType: 'text/plain',
    status: 400,
    body: { error: 'bad_request', error_description: 'send the body as application/json or application/x-www-form-urlencoded' },
  },
  {
    condition: 'a JSON body over the size limit',
    raw: JSON.stringify({ ...JON, padding: PADDING }),
    contentType: 'application/json',
    status: 413,
    body: { error: 'payload_too_large', error_description: 'the request body is too large' },
  },
  {
    condition: 'a form body over the size limit',
    raw: new URLSearchParams({ ...JON, padding: PADDING }).toString(),
    contentType: 'application/x-www-form-urlencoded',
    status: 413,
    body: { error: 'payload_too_large', error_description: 'the request body is too large' },
  },
];

async function operationsDocumenting(status: number, example: string): Promise<string[]> {
  const spec = await loadDereferencedSpec('specs/cloud66.yaml');
  return listOperations(spec)
    .filter((op) => documentedResponses(op).some((d) => d.status === status && d.examples.includes(example)))
    .map((op) => op.operationId)
    .sort();
}

describe('the tables below cover every operation that documents the condition', () => {
  it('404 unknown partner', async () => {
    expect(OPERATIONS.map((op) => op.operationId).sort()).toEqual(await operationsDocumenting(404, 'unknown-partner'));
  });

  it.each([
    [400, 'malformed-body'],
    [400, 'unsupported-media-type'],
    [413, 'payload-too-large'],
  ])('%i %s', async (status, example) => {
    expect(BODY_OPERATIONS.map((op) => op.operationId).sort()).toEqual(await operationsDocumenting(status, example));
  });
});

describe.each(OPERATIONS)('$operationId: the partner path is the credential', (op) => {
  const session = `c66-shared-${op.operationId}`;

  it('answers 404 unknown partner for a partner that does not exist', async () => {
    const res = await send(op.valid('nobody'), session);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'not_found', error_description: 'unknown partner' });
  });

  it('answers 404 unknown partner before looking at the input', async () => {
    const res = await send(op.invalid('nobody'), session);
    expect(res.status).toBe(404);
    expect(res.body.error_description).toBe('unknown partner');
  });

  it('does not take a partner id inherited from Object.prototype', async () => {
    const res = await send(op.valid('constructor'), session);
    expect(res.status).toBe(404);
  });

  it('answers the same with a trailing slash on the path', async () => {
    const request = op.valid('acme');
    const [path, query] = request.path.split('?');
    const slashed = { ...request, path: `${path}/${query ? `?${query}` : ''}` };
    const plain = await send(request, `${session}-plain`);
    const res = await send(slashed, `${session}-slash`);
    expect(res.status).toBe(plain.status);
    expect(res.body).toEqual(plain.body);
  });
});

describe.each(BODY_OPERATIONS)('$operationId: a body that cannot be read', (op) => {
  const session = `c66-envelope-${op.operationId}`;

  it.each(ENVELOPE_FAILURES)('answers $status for $condition, and changes nothing', async ({ raw, contentType, status, body }) => {
    const before = await cloud66State(sb, session);
    const res = await sb.call('POST', op.path, { session, raw, contentType });
    expect(res.status).toBe(status);
    expect(res.body).toEqual(body);
    expect(await cloud66State(sb, session)).toEqual(before);
  });
});
