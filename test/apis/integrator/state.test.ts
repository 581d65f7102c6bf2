import { describe, expect, it } from 'vitest';
import { integratorApi } from '../../../src/apis/integrator/index.js';
import { createState, type IntegrationDoc, type IntegratorState } from '../../../src/apis/integrator/state.js';
import type { IdSource, Reply, RequestContext } from '../../../src/engine/api-module.js';
import { idSourceFor } from '../../../src/engine/sessions/id-source.js';
import { BASE, FULL, useIntegratorSandbox } from './sandbox.js';

const sb = useIntegratorSandbox();

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

describe('integrator.io keyed state', () => {
  const fixture = {
    tokens: [{ token: 't', userId: 'u', scope: 'full' }],
    integrations: [
      { _id: 'a'.repeat(24), name: 'First' },
      { _id: 'b'.repeat(24), name: 'Second' },
    ],
  };
  const ctxFor = (
    state: IntegratorState,
    ids: IdSource,
    operationId: string,
    params: Record<string, string> = {},
    body?: unknown,
    query: Record<string, string> = {},
  ): RequestContext<IntegratorState> => ({
    operationId,
    state,
    params,
    query,
    headers: { authorization: 'Bearer t' },
    body,
    ids,
    now: () => new Date('2024-01-01T00:00:00Z'),
    apiBaseUrl: 'http://x/integrator',
    sandboxBaseUrl: 'http://x',
    ownApiUrl: 'http://x/integrator',
    sessionId: 'unit',
  });
  // Handlers answer synchronously here; the cast keeps these tests independent of how the Handler type spells that.
  const answer = (reply: unknown) => reply as Reply;
  const names = (state: IntegratorState) => (integratorApi.viewState(state) as { integrations: IntegrationDoc[] }).integrations.map((d) => d.name);

  it('is plain JSON, and its view lists the documents in list order as before', () => {
    const ids = idSourceFor({ next: 0 });
    const state = createState(fixture, ids);
    for (const name of ['c', 'd', 'e']) integratorApi.operations.createIntegration.handler(ctxFor(state, ids, 'createIntegration', {}, { name }));
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const view = integratorApi.viewState(state) as Record<string, unknown>;
    expect(Object.keys(view).slice(0, 4)).toEqual(['defaultPageLimit', 'region', 'tokens', 'integrations']);
    // Every collection is shown as its list, never as its keyed storage.
    for (const key of ['connections', 'exports', 'imports', 'flows', 'scripts', 'ashares', 'jobs']) expect(Array.isArray(view[key]), key).toBe(true);
    expect(names(state)).toEqual(['First', 'Second', 'c', 'd', 'e']);
  });

  it('pages correctly after deletes at the start, middle and end, and after an update', () => {
    const ids = idSourceFor({ next: 0 });
    const state = createState(fixture, ids);
    const create = (name: string) => answer(integratorApi.operations.createIntegration.handler(ctxFor(state, ids, 'createIntegration', {}, { name }))) as { body: IntegrationDoc };
    const created = ['c', 'd', 'e', 'f'].map((name) => create(name).body._id);
    for (const id of ['a'.repeat(24), created[1], created[3]]) {
      expect(answer(integratorApi.operations.deleteIntegration.handler(ctxFor(state, ids, 'deleteIntegration', { _id: id }))).status).toBe(204);
    }
    expect(answer(integratorApi.operations.deleteIntegration.handler(ctxFor(state, ids, 'deleteIntegration', { _id: created[1] }))).status).toBe(404);
    integratorApi.operations.updateIntegration.handler(ctxFor(state, ids, 'updateIntegration', { _id: created[0] }, { name: 'c2' }));
    expect(names(state)).toEqual(['Second', 'c2', 'e']);
    const page = answer(integratorApi.operations.listIntegrations.handler(ctxFor(state, ids, 'listIntegrations', {}, undefined, { skip: '1', limit: '1' })));
    expect((page.body as IntegrationDoc[]).map((d) => d.name)).toEqual(['c2']);
    expect(page.headers?.Link).toContain('skip=2&limit=1>; rel="next"');
    expect(answer(integratorApi.operations.getIntegration.handler(ctxFor(state, ids, 'getIntegration', { _id: created[3] }))).status).toBe(404);
  });

  it('never resolves inherited keys as ids', () => {
    const ids = idSourceFor({ next: 0 });
    const state = createState({ ...fixture, integrations: [...fixture.integrations, { _id: '__proto__', name: 'Odd' }] }, ids);
    expect(Object.getPrototypeOf(state.integrations)).toBe(Object.prototype);
    expect(answer(integratorApi.operations.getIntegration.handler(ctxFor(state, ids, 'getIntegration', { _id: 'constructor' }))).status).toBe(404);
    expect(answer(integratorApi.operations.getIntegration.handler(ctxFor(state, ids, 'getIntegration', { _id: '__proto__' }))).body).toMatchObject({ name: 'Odd' });
    expect(answer(integratorApi.operations.deleteIntegration.handler(ctxFor(state, ids, 'deleteIntegration', { _id: '__proto__' }))).status).toBe(204);
    expect(names(state)).toEqual(['First', 'Second']);
  });

  it('upgrades a state saved with integrations as a list (an older --state-file) when a store loads it', () => {
    const ids = idSourceFor({ next: 0 });
    const docs = fixture.integrations.map((d) => ({ ...d, createdAt: 'x', lastModified: 'x' }));
    const legacy = { defaultPageLimit: 100, region: 'na', tokens: fixture.tokens, integrations: docs };
    const state = integratorApi.restoreState!(legacy);
    const ctx = ctxFor(state, ids, 'getIntegration', { _id: 'b'.repeat(24) });
    expect(integratorApi.authenticate!(ctx)).toBeUndefined();
    expect(answer(integratorApi.operations.getIntegration.handler(ctx)).body).toMatchObject({ name: 'Second' });
    expect(state.order).toEqual(['a'.repeat(24), 'b'.repeat(24)]);
    expect(names(legacy as unknown as IntegratorState)).toEqual(['First', 'Second']);
  });
});
