import { describe, expect, it } from 'vitest';
import { cloud66Api } from '../../../src/apis/cloud66/index.js';
import { createState, type Cloud66State } from '../../../src/apis/cloud66/state.js';
import type { Reply, RequestContext } from '../../../src/engine/api-module.js';
import { idSourceFor } from '../../../src/engine/sessions/id-source.js';
import { loadFixture } from '../../../src/engine/sessions/fixture.js';

function ctxFor(state: Cloud66State, body: unknown): RequestContext<Cloud66State> {
  return {
    operationId: 'linkPartnerIntegration',
    state,
    params: { partnerId: 'acme' },
    query: {},
    headers: {},
    body,
    ids: idSourceFor({ next: 0 }),
    now: () => new Date('2024-01-01T00:00:00Z'),
    apiBaseUrl: 'http://x/cloud66',
    sandboxBaseUrl: 'http://x',
    ownApiUrl: 'http://x/cloud66',
    sessionId: 'unit',
  };
}

describe('Cloud 66 keyed lookups', () => {
  it('keeps its index out of the view, and rebuilds it when a saved state has none', () => {
    const state = createState(loadFixture().cloud66, idSourceFor({ next: 0 }));
    expect(Object.keys(cloud66Api.viewState(state) as object)).toEqual(['partners', 'users', 'links', 'services', 'partnerAccounts']);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);

    const { index: _index, ...unindexed } = JSON.parse(JSON.stringify(state)) as Cloud66State;
    // As a store loads it: through the module's restoreState.
    const saved = cloud66Api.restoreState!(unindexed);
    const first = cloud66Api.operations.linkPartnerIntegration.handler(ctxFor(saved, { link_uid: 'abc123', user_email: ' JON@smith.com' })) as Reply;
    expect(first.status).toBe(200);
    saved.links.abc123.status = 'pending';
    // The account has the service now, whatever the link says: found through the index, by email in any case.
    const again = cloud66Api.operations.linkPartnerIntegration.handler(ctxFor(saved, { link_uid: 'abc123', user_email: 'jon@smith.com' })) as Reply;
    expect(again).toMatchObject({ status: 403, example: 'already-linked' });
  });
});
