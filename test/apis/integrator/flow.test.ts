import { describe, expect, it } from 'vitest';
import { BASE, FULL, SMART_ID, useIntegratorSandbox } from './sandbox.js';

const sb = useIntegratorSandbox();

describe('integrator.io end to end', () => {
  it('creates, reads, updates, clones, pages, deletes, then answers 404', async () => {
    const session = 'integrator-flow';
    const call = (method: string, path: string, body?: unknown) => sb.call(method, path, { session, headers: FULL, body });

    const created = await call('POST', BASE, { name: 'Orders to ERP', readme: 'v1' });
    expect(created.status).toBe(201);
    const id: string = created.body._id;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.body.createdAt).toBe(created.body.lastModified);

    const got = await call('GET', `${BASE}/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    const updated = await call('PUT', `${BASE}/${id}`, { name: 'Orders to ERP', description: 'Every 15 minutes.', version: '2.0.0' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ _id: id, description: 'Every 15 minutes.', version: '2.0.0', createdAt: created.body.createdAt });
    expect(updated.body).not.toHaveProperty('readme');
    expect(Date.parse(updated.body.lastModified)).toBeGreaterThan(Date.parse(created.body.lastModified));

    const cloned = await call('POST', `${BASE}/${id}/clone`, {});
    expect(cloned.status).toBe(201);
    // No flows: the manifest holds the integration alone.
    expect(cloned.body).toEqual([{ model: 'Integration', _id: expect.not.stringMatching(id), name: 'Clone - Orders to ERP' }]);
    expect((await call('GET', `${BASE}/${cloned.body[0]._id}`)).body).toMatchObject({ name: 'Clone - Orders to ERP', version: '2.0.0' });

    // Two fixture integrations + the created one + its clone, one per page.
    const seen: string[] = [];
    let next: string | undefined = `${BASE}?limit=1`;
    while (next) {
      const page = await call('GET', next);
      expect(page.status).toBe(200);
      expect(page.body).toHaveLength(1);
      seen.push(page.body[0]._id);
      next = nextLink(page.headers.get('link'));
    }
    expect(seen).toHaveLength(4);
    expect(seen.slice(2)).toEqual([id, cloned.body[0]._id]);

    expect((await call('DELETE', `${BASE}/${id}`)).status).toBe(204);
    const gone = await call('GET', `${BASE}/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0].code).toBe('not_found');
    expect((await call('DELETE', `${BASE}/${id}`)).status).toBe(404);
  });

  it('refuses a settings change during a managed update until the same PUT clears updateInProgress', async () => {
    const session = 'integrator-smartconnector';
    const call = (method: string, body?: unknown) => sb.call(method, `${BASE}/${SMART_ID}`, { session, headers: FULL, body });
    const { body: original } = await call('GET');
    const { _id, createdAt, lastModified, ...doc } = original;

    const started = await call('PUT', { ...doc, updateInProgress: true });
    expect(started.status).toBe(200);
    expect(started.body.updateInProgress).toBe(true);

    // As an installer would: GET the document (now with updateInProgress true), edit settings, PUT it back.
    const inProgress = { ...doc, updateInProgress: true };
    const newSettings = { ...doc.settings, general: { syncInventory: true } };
    const refused = await call('PUT', { ...inProgress, settings: newSettings, version: '1.0.2' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'update_in_progress', field: 'settings' })]);
    expect((await call('GET')).body).toMatchObject({ updateInProgress: true, settings: doc.settings, version: '1.0.1' });

    const finished = await call('PUT', { ...inProgress, settings: newSettings, version: '1.0.2', updateInProgress: false });
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({ settings: newSettings, version: '1.0.2', updateInProgress: false });
  });

  it('answers 204 with no body once every integration is deleted', async () => {
    const session = 'integrator-empty';
    const list = () => sb.call('GET', BASE, { session, headers: FULL });
    const { body } = await list();
    for (const doc of body as Array<{ _id: string }>) {
      expect((await sb.call('DELETE', `${BASE}/${doc._id}`, { session, headers: FULL })).status).toBe(204);
    }
    const empty = await list();
    expect(empty.status).toBe(204);
    expect(empty.text).toBe('');
  });
});

function nextLink(header: string | null): string | undefined {
  const match = header ? /<([^>]+)>;\s*rel="next"/.exec(header) : null;
  return match ? new URL(match[1]).pathname + new URL(match[1]).search : undefined;
}
