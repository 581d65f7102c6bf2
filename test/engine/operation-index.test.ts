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

describe('OperationIndex over many paths', () => {
  // integrator.io's shape: dozens of templates sharing prefixes, a parameter inside a segment (CenturyLink's), and
  // templates of every length.
  const templates = [
    '/v1/integrations', '/v1/integrations/{_id}', '/v1/integrations/{_id}/clone', '/v1/integrations/{_id}/flows',
    '/v1/integrations/{_id}/state/{key}', '/v1/flows/{_id}', '/v1/flows/{_id}/errors', '/v1/flows/{_id}/jobs/latest',
    '/v1/flows/{_flowId}/{_stepId}/errors', '/v1/flows/{_flowId}/exports/{_exportId}/errors', '/v1/state/{key}',
    '/{provider}-provision-account/', '/v1/tokenInfo',
  ];
  const ops = templates.flatMap((t, i) => [op('get', t, `get${i}`), ...(i % 3 === 0 ? [op('post', t, `post${i}`)] : [])]);
  const many = new OperationIndex(ops);

  /** What a scan of every template in the same order would answer: the reference the index must agree with. */
  function scan(method: string, path: string) {
    const ordered = [...templates].sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    const allowed = new Set<string>();
    for (const t of ordered) {
      const pattern = new RegExp(`^${t.replace(/\/$/, '').replace(/\{[^}]+\}/g, '([^/]+?)')}$`);
      if (!pattern.test(path.length > 1 ? path.replace(/\/$/, '') : path)) continue;
      const found = ops.find((o) => o.pathTemplate === t && o.method.toUpperCase() === method);
      if (found) return found.operationId;
      for (const o of ops.filter((o) => o.pathTemplate === t)) allowed.add(o.method.toUpperCase());
    }
    return allowed.size ? `405 ${[...allowed].join(',')}` : '404';
  }

  const paths = [
    '/v1/integrations', '/v1/integrations/abc', '/v1/integrations/abc/', '/v1/integrations/abc/clone', '/v1/integrations/abc/flows',
    '/v1/integrations/a/state/k', '/v1/flows/f', '/v1/flows/f/errors', '/v1/flows/f/jobs/latest', '/v1/flows/f/jobs/errors',
    '/v1/flows/f/s/errors', '/v1/flows/f/exports/e/errors', '/v1/state/k', '/acme-provision-account', '/acme-provision-account/',
    '/-provision-account', '/v1/tokenInfo', '/v1', '/', '/v1//abc', '/v1/flows//errors', '/nothing/here',
  ];
  it.each(paths.flatMap((p) => ['GET', 'POST', 'PUT'].map((m) => [m, p])))('%s %s answers as a scan of every template would', (method, path) => {
    const m = many.match(method, path);
    const answer = m.kind === 'matched' ? m.op.operationId : m.kind === 'method-not-allowed' ? `405 ${m.allowed.join(',')}` : '404';
    expect(answer).toBe(scan(method, path));
  });
});
