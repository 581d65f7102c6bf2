import { describe, expect, it } from 'vitest';
import { DIY_ID, FULL, READ_ONLY, useIntegratorSandbox } from './sandbox.js';

const sb = useIntegratorSandbox();

const SCRIPTS = '/integrator/v1/scripts';
const ASHARES = '/integrator/v1/ashares';
const EXPORTS = '/integrator/v1/exports';
const SCRIPT_ID = '597f3c2a9e1d4b0012a1c005';
const EXPORT_ID = '597f3c2a9e1d4b0012a1c002';
const ASHARE_ID = '5a7c8f2e9b1d4c3a2f1e0da1';
const UNKNOWN = 'aaaaaaaaaaaaaaaaaaaaaaaa';

const call = (session: string, method: string, path: string, body?: unknown, headers: Record<string, string> = FULL) =>
  sb.call(method, path, { session, headers, body });

const script = { name: 'Filter', content: 'function preSavePage (options) { return options }' };

describe('integrator.io scripts', () => {
  it('answers the fixture script on get and list, to the read-only token too, and 404 for an unknown id', async () => {
    const got = await call('scripts-read', 'GET', `${SCRIPTS}/${SCRIPT_ID}`, undefined, READ_ONLY);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ _id: SCRIPT_ID, name: 'Usage hooks', content: expect.stringContaining('function preSavePage') });
    expect((await call('scripts-read', 'GET', SCRIPTS, undefined, READ_ONLY)).body).toEqual([got.body]);
    const missing = await call('scripts-read', 'GET', `${SCRIPTS}/${UNKNOWN}`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].message).toBe('Script not found for the given id.');
  });

  it('creates, replaces and deletes a script; the server owns _id and the timestamps', async () => {
    const session = 'scripts-crud';
    const created = await call(session, 'POST', SCRIPTS, { ...script, _id: 'ffffffffffffffffffffffff' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(script);
    expect(created.body._id).not.toBe('ffffffffffffffffffffffff');
    const id = created.body._id;
    const page = await call(session, 'GET', `${SCRIPTS}?skip=1&limit=1`);
    expect(page.body.map((s: { _id: string }) => s._id)).toEqual([id]);
    expect(page.headers.get('link')).toContain('rel="prev"');
    const updated = await call(session, 'PUT', `${SCRIPTS}/${id}`, { name: 'Renamed', content: '// nothing' });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ _id: id, name: 'Renamed', content: '// nothing', createdAt: created.body.createdAt, lastModified: expect.any(String) });
    expect(updated.body.lastModified > created.body.lastModified).toBe(true);
    expect((await call(session, 'DELETE', `${SCRIPTS}/${id}`)).status).toBe(204);
    expect((await call(session, 'GET', `${SCRIPTS}/${id}`)).status).toBe(404);
    expect((await call(session, 'DELETE', `${SCRIPTS}/${id}`)).status).toBe(404);
    expect((await call(session, 'PUT', `${SCRIPTS}/${id}`, script)).status).toBe(404);
    expect((await call(session, 'GET', `${SCRIPTS}?skip=1`)).status).toBe(204);
  });

  it('answers 422 missing_required_field without content, and 403 to the read-only token', async () => {
    const session = 'scripts-refused';
    const missing = await call(session, 'POST', SCRIPTS, { name: 'No content' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ code: 'missing_required_field', field: 'content' });
    expect((await call(session, 'POST', SCRIPTS, script, READ_ONLY)).status).toBe(403);
    expect((await call(session, 'PUT', `${SCRIPTS}/${SCRIPT_ID}`, script, READ_ONLY)).status).toBe(403);
    expect((await call(session, 'DELETE', `${SCRIPTS}/${SCRIPT_ID}`, undefined, READ_ONLY)).status).toBe(403);
    expect((await call(session, 'GET', SCRIPTS)).body).toHaveLength(1);
    const update = await call(session, 'PUT', `${SCRIPTS}/${SCRIPT_ID}`, { name: 'Renamed' });
    expect(update.status).toBe(422);
    expect(update.body.errors[0]).toMatchObject({ code: 'missing_required_field', field: 'content' });
  });

  it('refuses to delete a script a hook uses (422 resource_in_use), then deletes it once the hook is gone', async () => {
    const session = 'scripts-in-use';
    const refused = await call(session, 'DELETE', `${SCRIPTS}/${SCRIPT_ID}`);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{
      code: 'resource_in_use', field: '_id', message: `Script is used by export ${EXPORT_ID} (Get license usage) and cannot be deleted.`,
    }]);
    const { _id, createdAt, lastModified, hooks, ...exp } = (await call(session, 'GET', `${EXPORTS}/${EXPORT_ID}`)).body;
    expect((await call(session, 'PUT', `${EXPORTS}/${EXPORT_ID}`, exp)).status).toBe(200);
    expect((await call(session, 'DELETE', `${SCRIPTS}/${SCRIPT_ID}`)).status).toBe(204);
    const headers = { ...FULL, 'X-Mock-Scenario': 'integrator/unused-resources' };
    expect((await call('scripts-unused', 'DELETE', `${SCRIPTS}/${SCRIPT_ID}`, undefined, headers)).status).toBe(204);
  });
});

describe('integrator.io ashares', () => {
  it('lists the account\'s users with paging, to the read-only token too', async () => {
    const res = await call('ashares-list', 'GET', ASHARES, undefined, READ_ONLY);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{
      _id: ASHARE_ID, accessLevel: 'monitor', accepted: true, dismissed: false, disabled: false, lastSignIn: '2026-01-12T08:15:00.000Z',
      sharedWithUser: { _id: '5a7c8f2e9b1d4c3a2f1e0da2', email: 'sam.monitor@example.com', name: 'Sam Monitor' },
    }]);
    expect((await call('ashares-list', 'GET', `${ASHARES}?skip=1`)).status).toBe(204);
    expect((await call('ashares-list', 'GET', `${ASHARES}?limit=0`)).status).toBe(400);
  });

  it('replaces the writable fields, keeps the server\'s, and ignores integrationAccessLevel for manage', async () => {
    const session = 'ashares-update';
    const body = { accessLevel: 'monitor', integrationAccessLevel: [{ _integrationId: DIY_ID, accessLevel: 'manage' }], allowToEditRetryData: true };
    const res = await call(session, 'PUT', `${ASHARES}/${ASHARE_ID}`, { ...body, accepted: false, sharedWithUser: { _id: UNKNOWN, email: 'x@example.com' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      _id: ASHARE_ID, ...body, accepted: true, dismissed: false, lastSignIn: '2026-01-12T08:15:00.000Z',
      sharedWithUser: { _id: '5a7c8f2e9b1d4c3a2f1e0da2', email: 'sam.monitor@example.com', name: 'Sam Monitor' },
    });
    expect((await call(session, 'GET', ASHARES)).body[0]).toEqual(res.body);
    const manage = await call(session, 'PUT', `${ASHARES}/${ASHARE_ID}`, { accessLevel: 'manage', integrationAccessLevel: body.integrationAccessLevel });
    expect(manage.body.accessLevel).toBe('manage');
    expect(manage.body.integrationAccessLevel).toBeUndefined();
    expect(manage.body.allowToEditRetryData).toBeUndefined();
  });

  it('answers 422 invalid_field for a bad access level or an unknown integration, 404 for an unknown user', async () => {
    const session = 'ashares-refused';
    const bad = await call(session, 'PUT', `${ASHARES}/${ASHARE_ID}`, { accessLevel: 'owner' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ code: 'invalid_field', message: 'accessLevel must be one of monitor, manage, administrator.', field: 'accessLevel' }]);
    const nested = await call(session, 'PUT', `${ASHARES}/${ASHARE_ID}`, { integrationAccessLevel: [{ _integrationId: DIY_ID, accessLevel: 'administrator' }] });
    expect(nested.status).toBe(422);
    expect(nested.body.errors[0]).toMatchObject({ code: 'invalid_field', field: 'integrationAccessLevel.0.accessLevel' });
    const unknown = await call(session, 'PUT', `${ASHARES}/${ASHARE_ID}`, { integrationAccessLevel: [{ _integrationId: UNKNOWN, accessLevel: 'manage' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ code: 'invalid_field', field: 'integrationAccessLevel.0._integrationId' });
    expect((await call(session, 'PUT', `${ASHARES}/${UNKNOWN}`, { accessLevel: 'monitor' })).body.errors[0].message).toBe('AShare not found for the given id.');
    expect((await call(session, 'GET', ASHARES)).body[0].accessLevel).toBe('monitor');
  });

  it('answers 403 to the read-only token and to a token of a user who is no administrator', async () => {
    const session = 'ashares-403';
    expect((await call(session, 'PUT', `${ASHARES}/${ASHARE_ID}`, { accessLevel: 'administrator' }, READ_ONLY)).status).toBe(403);
    const monitor = { Authorization: 'Bearer integrator-monitor-token', 'X-Mock-Scenario': 'integrator/monitor-user' };
    // The monitor user's own token may do what its full scope allows, but not raise its own access.
    expect((await call(session, 'GET', ASHARES, undefined, monitor)).status).toBe(200);
    const refused = await call(session, 'PUT', `${ASHARES}/${ASHARE_ID}`, { accessLevel: 'administrator' }, monitor);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].code).toBe('forbidden');
    expect((await call(session, 'GET', ASHARES)).body[0].accessLevel).toBe('monitor');
  });
});
