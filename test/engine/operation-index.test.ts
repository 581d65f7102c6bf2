import { describe, expect, it } from 'vitest';
import { OperationIndex, type HttpMethod, type SpecOperation } from '../../src/engine/spec/operation-index.js';

const op = (method: HttpMethod, pathTemplate: string, operationId: string): SpecOperation => ({ operationId, method, pathTemplate, operation: { operationId }, parameters: [] });

// The OEM API's shape: a literal path beside a templated one that also fits it.
const index = new OperationIndex([
  op('post', '/integration/list', 'listIntegrations'),
  op('patch', '/integration/{integrationId}', 'updateIntegration'),
  op('get', '/items/{id}', 'getItem'),
  op('delete', '/items/{id}', 'deleteItem'),
  op('post', '/update-subscription/', 'updateSubscription'),
]);

describe('OperationIndex', () => {
  it('prefers a literal path over a template that also fits it', () => {
    expect(index.match('POST', '/integration/list')).toMatchObject({ kind: 'matched', op: { operationId: 'listIntegrations' } });
  });

  it('still routes a templated method on a path that is also literal', () => {
    expect(index.match('PATCH', '/integration/list')).toMatchObject({ kind: 'matched', op: { operationId: 'updateIntegration' }, params: { integrationId: 'list' } });
  });

  it("lists in Allow every method of every template the path fits", () => {
    expect(index.match('PUT', '/integration/list')).toEqual({ kind: 'method-not-allowed', allowed: ['POST', 'PATCH'] });
    expect(index.match('PUT', '/integration/abc')).toEqual({ kind: 'method-not-allowed', allowed: ['PATCH'] });
  });

  it('takes a trailing slash as optional on both sides', () => {
    expect(index.match('POST', '/update-subscription')).toMatchObject({ kind: 'matched', op: { operationId: 'updateSubscription' } });
    expect(index.match('POST', '/update-subscription/')).toMatchObject({ kind: 'matched' });
    expect(index.match('GET', '/items/7/')).toMatchObject({ kind: 'matched', params: { id: '7' } });
  });

  it('decodes path values, and keeps a malformed escape as sent', () => {
    expect(index.match('GET', '/items/a%20b')).toMatchObject({ params: { id: 'a b' } });
    expect(index.match('GET', '/items/%E0%A4%A')).toMatchObject({ params: { id: '%E0%A4%A' } });
  });

  it('answers HEAD through GET, and not-found for what no template fits', () => {
    expect(index.match('HEAD', '/items/1')).toMatchObject({ kind: 'matched', op: { operationId: 'getItem' } });
    expect(index.match('GET', '/items')).toEqual({ kind: 'not-found' });
    expect(index.match('GET', '/items/1/more')).toEqual({ kind: 'not-found' });
  });
});
