import { describe, expect, it } from 'vitest';
import { FULL, READ_ONLY, useIntegratorSandbox } from './sandbox.js';

const sb = useIntegratorSandbox();

const CONNECTIONS = '/integrator/v1/connections';
const EXPORTS = '/integrator/v1/exports';
const IMPORTS = '/integrator/v1/imports';
const CONNECTION_ID = '597f3c2a9e1d4b0012a1c001';
const FIXTURE_TOKEN = 'lic_fixture_3Zp8EXAMPLEq4';
const MASK = '******';

const call = (session: string, method: string, path: string, body?: unknown, headers: Record<string, string> = FULL) =>
  sb.call(method, path, { session, headers, body });

const basicAuth = (password: string) => ({
  name: 'Ledger API - production',
  type: 'http',
  http: {
    baseURI: 'https://ledger.example.com/v1',
    mediaType: 'json',
    auth: { type: 'basic', basic: { username: 'svc_licensing', password } },
    ping: { relativeURI: '/health', method: 'GET' },
  },
});

const tokenAuth = (token: string) => ({
  name: 'Licensing API',
  type: 'http',
  http: {
    baseURI: 'https://licensing.example.com/api/v2',
    mediaType: 'json',
    formType: 'http',
    auth: { type: 'token', token: { token, location: 'header', headerName: 'Authorization', scheme: 'Bearer' } },
    ping: { relativeURI: '/me', method: 'GET' },
  },
});

describe('integrator.io connections: reads', () => {
  it('answers the fixture connection with its token masked, on get and on list', async () => {
    const got = await call('conn-read', 'GET', `${CONNECTIONS}/${CONNECTION_ID}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ _id: CONNECTION_ID, name: 'Licensing API', type: 'http', offline: false });
    expect(got.body.http.auth.token).toEqual({ token: MASK, location: 'header', headerName: 'Authorization', scheme: 'Bearer' });
    const list = await call('conn-read', 'GET', CONNECTIONS);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([got.body]);
    expect(got.text + list.text).not.toContain(FIXTURE_TOKEN);
  });

  it('lets the read-only token read, and answers 404 for an unknown or malformed id', async () => {
    expect((await call('conn-read', 'GET', `${CONNECTIONS}/${CONNECTION_ID}`, undefined, READ_ONLY)).status).toBe(200);
    for (const id of ['aaaaaaaaaaaaaaaaaaaaaaaa', 'not-an-id']) {
      const res = await call('conn-read', 'GET', `${CONNECTIONS}/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.errors[0]).toEqual({ code: 'not_found', message: 'Connection not found for the given id.' });
    }
  });

  it('pages the list with skip/limit and a Link header, and answers 204 past the end', async () => {
    const session = 'conn-paging';
    const created = await call(session, 'POST', CONNECTIONS, basicAuth('p4ss-paging'));
    expect(created.status).toBe(201);
    const first = await call(session, 'GET', `${CONNECTIONS}?limit=1`);
    expect(first.body.map((c: { _id: string }) => c._id)).toEqual([CONNECTION_ID]);
    expect(first.headers.get('link')).toContain('skip=1&limit=1>; rel="next"');
    const second = await call(session, 'GET', `${CONNECTIONS}?skip=1&limit=1`);
    expect(second.body.map((c: { _id: string }) => c._id)).toEqual([created.body._id]);
    expect(second.body[0].http.auth.basic.password).toBe(MASK);
    expect(second.headers.get('link')).toContain('rel="prev"');
    expect((await call(session, 'GET', `${CONNECTIONS}?skip=2`)).status).toBe(204);
    const projected = await call(session, 'GET', `${CONNECTIONS}?include=type`);
    expect(projected.body[0]).toEqual({ _id: CONNECTION_ID, name: 'Licensing API', type: 'http' });
    expect((await call(session, 'GET', `${CONNECTIONS}?include=type&exclude=http`)).status).toBe(400);
  });
});

describe('integrator.io lists of connections, exports, imports, scripts and users', () => {
  const lists = ['connections', 'exports', 'imports', 'scripts', 'ashares'];
  it.each(lists)('/v1/%s answers 400 invalid_query_params for include with exclude, a bad field list, a limit out of range', async (name) => {
    const session = `lists-400-${name}`;
    const both = await call(session, 'GET', `/integrator/v1/${name}?include=name&exclude=name`);
    expect(both.status).toBe(400);
    expect(both.body.errors[0].code).toBe('invalid_query_params');
    const paging = await call(session, 'GET', `/integrator/v1/${name}?limit=1001`);
    expect(paging.status).toBe(400);
    expect(paging.body.errors[0]).toMatchObject({ code: 'invalid_query_params', field: 'limit' });
    // listAshares declares no include/exclude parameters, so its field lists are not checked by the schema.
    if (name !== 'ashares') {
      const fields = await call(session, 'GET', `/integrator/v1/${name}?include=na%20me`);
      expect(fields.status).toBe(400);
      expect(fields.body.errors[0]).toMatchObject({ code: 'invalid_query_params', field: 'include' });
    }
  });
});

describe('integrator.io connections: writes', () => {
  it('creates a connection: server-owned fields, offline false, the password masked in the answer and on every read', async () => {
    const session = 'conn-create';
    const res = await call(session, 'POST', CONNECTIONS, { ...basicAuth('s3cr3t-p4ssw0rd'), _id: 'ffffffffffffffffffffffff', createdAt: '2000-01-01T00:00:00.000Z' });
    expect(res.status).toBe(201);
    expect(res.body._id).toMatch(/^[0-9a-f]{24}$/);
    expect(res.body._id).not.toBe('ffffffffffffffffffffffff');
    expect(res.body.createdAt).not.toBe('2000-01-01T00:00:00.000Z');
    expect(res.body.offline).toBe(false);
    expect(res.body.http.auth.basic).toEqual({ username: 'svc_licensing', password: MASK });
    const got = await call(session, 'GET', `${CONNECTIONS}/${res.body._id}`);
    expect(got.body).toEqual(res.body);
    const view = (await sb.admin('GET', `/state?session=${session}`)).text;
    expect(res.text + got.text + view).not.toContain('s3cr3t-p4ssw0rd');
    // Stored as sent: the ping with it works.
    expect((await call(session, 'GET', `${CONNECTIONS}/${res.body._id}/ping`)).body).toEqual({ status: 'success' });
  });

  it('masks every credential field of the facts list, and leaves the others as sent', async () => {
    const session = 'conn-all-secrets';
    const body = {
      name: 'Everything', type: 'rest',
      http: {
        baseURI: 'https://all.example.com', mediaType: 'json',
        auth: {
          type: 'oauth',
          token: { token: 'T1', refreshToken: 'T2' },
          oauth: { clientSecret: 'T3', password: 'T4', pkceCodeVerifier: 'T5', oauth1: { consumerSecret: 'T6', accessToken: 'T7', tokenSecret: 'T8', consumerPrivateKey: 'T9' }, clientId: 'visible-id' },
        },
        clientCertificates: { key: 'T10', passphrase: 'T11', pfx: 'T12' },
        encrypted: { apiKey: 'T13' },
      },
      rest: { bearerToken: 'T14', basicAuth: { username: 'u', password: 'T15' }, refreshToken: 'T16' },
      netsuite: { password: 'T17' }, ftp: { password: 'T18', authKey: 'T19' }, s3: { secretAccessKey_crypt: 'T20' },
    };
    const res = await call(session, 'POST', CONNECTIONS, body);
    expect(res.status).toBe(201);
    expect(res.text).not.toMatch(/"T\d+"/);
    expect(res.body.http.auth.oauth.clientId).toBe('visible-id');
    expect(res.body.http.encrypted).toBe(MASK);
    expect(res.body.rest.basicAuth).toEqual({ username: 'u', password: MASK });
    expect(res.body.s3.secretAccessKey_crypt).toBe(MASK);
    const journal = (await sb.admin('GET', `/journal?session=${session}`)).text;
    expect(journal).not.toMatch(/"T\d+"/);
  });

  it('answers 422 for a missing type, an unknown type, and a type without its config object', async () => {
    const session = 'conn-422';
    const missing = await call(session, 'POST', CONNECTIONS, { name: 'x', http: basicAuth('p').http });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0]).toMatchObject({ code: 'missing_required_field', field: 'type' });
    const unknown = await call(session, 'POST', CONNECTIONS, { name: 'x', type: 'carrier-pigeon' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ code: 'invalid_field', field: 'type' });
    const noConfig = await call(session, 'POST', CONNECTIONS, { name: 'x', type: 'http' });
    expect(noConfig.status).toBe(422);
    expect(noConfig.body.errors[0]).toEqual({ code: 'missing_required_field', message: 'http is required.', field: 'http' });
    expect((await call(session, 'GET', CONNECTIONS)).body).toHaveLength(1);
  });

  it('refuses writes with the read-only token (403) and changes nothing', async () => {
    const session = 'conn-403';
    const writes: Array<[string, string, unknown]> = [
      ['POST', CONNECTIONS, basicAuth('p')],
      ['PUT', `${CONNECTIONS}/${CONNECTION_ID}`, tokenAuth('new')],
      ['DELETE', `${CONNECTIONS}/${CONNECTION_ID}`, undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await call(session, method, path, body, READ_ONLY);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.errors[0].code).toBe('forbidden');
    }
    expect((await call(session, 'GET', CONNECTIONS)).body).toHaveLength(1);
  });

  it('replaces the whole connection on PUT, keeps _id and createdAt, bumps lastModified, masks the new token', async () => {
    const session = 'conn-update';
    const res = await call(session, 'PUT', `${CONNECTIONS}/${CONNECTION_ID}`, tokenAuth('lic_live_7Hq2EXAMPLEk9'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ _id: CONNECTION_ID, createdAt: '2017-08-01T09:05:00.000Z', offline: false });
    expect(res.body.lastModified > '2017-08-07T18:30:00.000Z').toBe(true);
    expect(res.body.http.auth.token.token).toBe(MASK);
    expect(res.text).not.toContain('lic_live_7Hq2EXAMPLEk9');
    expect((await call(session, 'GET', `${CONNECTIONS}/${CONNECTION_ID}`)).body).toEqual(res.body);
    expect((await call(session, 'GET', `${CONNECTIONS}/${CONNECTION_ID}/ping`)).body).toEqual({ status: 'success' });
    expect((await call(session, 'PUT', `${CONNECTIONS}/aaaaaaaaaaaaaaaaaaaaaaaa`, tokenAuth('x'))).status).toBe(404);
  });

  it('answers 422 to a PUT without a type, with an unknown type or without the config object, and keeps the stored one', async () => {
    const session = 'conn-update-422';
    const { type: _type, ...untyped } = tokenAuth('x');
    const cases: Array<[unknown, string, string]> = [
      [untyped, 'missing_required_field', 'type'], [{ ...untyped, type: 'fax' }, 'invalid_field', 'type'], [{ name: 'x', type: 'http' }, 'missing_required_field', 'http'],
    ];
    for (const [body, code, field] of cases) {
      const res = await call(session, 'PUT', `${CONNECTIONS}/${CONNECTION_ID}`, body);
      expect(res.status, field).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ code, field });
    }
    expect((await call(session, 'GET', `${CONNECTIONS}/${CONNECTION_ID}`)).body.lastModified).toBe('2017-08-07T18:30:00.000Z');
  });
});

describe('integrator.io connections: ping', () => {
  it('fails once the mask was sent back as the token, setting offline; a real token brings it back online', async () => {
    const session = 'conn-ping-mask';
    const ok = await call(session, 'GET', `${CONNECTIONS}/${CONNECTION_ID}/ping`);
    expect(ok.body).toEqual({ status: 'success' });
    // The trap the celigo CLI guards against: GET (masked), edit, PUT back.
    const got = (await call(session, 'GET', `${CONNECTIONS}/${CONNECTION_ID}`)).body;
    const { _id, createdAt, lastModified, ...fields } = got;
    expect((await call(session, 'PUT', `${CONNECTIONS}/${CONNECTION_ID}`, { ...fields, name: 'Renamed' })).status).toBe(200);
    const failed = await call(session, 'POST', `${CONNECTIONS}/${CONNECTION_ID}/ping`, { _importId: '597f3c2a9e1d4b0012a1c003' });
    expect(failed.status).toBe(200);
    expect(failed.body.errors[0]).toEqual({ code: '401', message: 'Unauthorized: the ping request to https://licensing.example.com/api/v2/me answered 401.' });
    expect((await call(session, 'GET', `${CONNECTIONS}/${CONNECTION_ID}`)).body.offline).toBe(true);
    expect((await call(session, 'PUT', `${CONNECTIONS}/${CONNECTION_ID}`, tokenAuth('lic_rotated_9XyEXAMPLE'))).body.offline).toBe(true);
    expect((await call(session, 'GET', `${CONNECTIONS}/${CONNECTION_ID}/ping`, undefined, READ_ONLY)).body).toEqual({ status: 'success' });
    expect((await call(session, 'GET', `${CONNECTIONS}/${CONNECTION_ID}`)).body.offline).toBe(false);
  });

  it('fails for a host on the reserved .invalid domain and for basic auth without a password', async () => {
    const session = 'conn-ping-fail';
    const unreachable = await call(session, 'POST', CONNECTIONS, { ...basicAuth('p'), http: { ...basicAuth('p').http, baseURI: 'https://ledger.example.invalid/v1' } });
    const ping = await call(session, 'POST', `${CONNECTIONS}/${unreachable.body._id}/ping`);
    expect(ping.body.errors[0]).toMatchObject({ code: 'ENOTFOUND' });
    const noPassword = await call(session, 'POST', CONNECTIONS, { ...basicAuth(''), name: 'no password' });
    expect((await call(session, 'GET', `${CONNECTIONS}/${noPassword.body._id}/ping`)).body.errors[0].code).toBe('401');
    expect((await call(session, 'GET', `${CONNECTIONS}/${noPassword.body._id}`)).body.offline).toBe(true);
  });

  it('answers 404 for an unknown connection and 400 for a context that is not one', async () => {
    const session = 'conn-ping-404';
    expect((await call(session, 'GET', `${CONNECTIONS}/aaaaaaaaaaaaaaaaaaaaaaaa/ping`)).status).toBe(404);
    expect((await call(session, 'POST', `${CONNECTIONS}/aaaaaaaaaaaaaaaaaaaaaaaa/ping`, {})).status).toBe(404);
    const bad = await call(session, 'POST', `${CONNECTIONS}/${CONNECTION_ID}/ping`, { _flowId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ code: 'invalid_field', field: '_flowId' });
  });
});

describe('integrator.io connections: delete', () => {
  it('refuses to delete a connection an export or import uses, then deletes it once they are gone', async () => {
    const session = 'conn-delete';
    const refused = await call(session, 'DELETE', `${CONNECTIONS}/${CONNECTION_ID}`);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{
      code: 'resource_in_use', field: '_id',
      message: 'Connection is used by export 597f3c2a9e1d4b0012a1c002 (Get license usage) and cannot be deleted.',
    }]);
    // Whatever flows use the steps, a fresh connection used by a fresh export and import shows the whole chain.
    const conn = (await call(session, 'POST', CONNECTIONS, basicAuth('p'))).body;
    const exp = (await call(session, 'POST', EXPORTS, { name: 'e', _connectionId: conn._id })).body;
    const imp = (await call(session, 'POST', IMPORTS, { name: 'i', _connectionId: conn._id })).body;
    expect((await call(session, 'DELETE', `${CONNECTIONS}/${conn._id}`)).body.errors[0].message).toContain(`export ${exp._id}`);
    expect((await call(session, 'DELETE', `${EXPORTS}/${exp._id}`)).status).toBe(204);
    expect((await call(session, 'DELETE', `${CONNECTIONS}/${conn._id}`)).body.errors[0].message).toContain(`import ${imp._id}`);
    expect((await call(session, 'DELETE', `${IMPORTS}/${imp._id}`)).status).toBe(204);
    expect((await call(session, 'DELETE', `${CONNECTIONS}/${conn._id}`)).status).toBe(204);
    expect((await call(session, 'GET', `${CONNECTIONS}/${conn._id}`)).status).toBe(404);
    expect((await call(session, 'DELETE', `${CONNECTIONS}/${conn._id}`)).status).toBe(404);
  });

  it('deletes the fixture connection under unused-resources, where no export or import uses it', async () => {
    const headers = { ...FULL, 'X-Mock-Scenario': 'integrator/unused-resources' };
    expect((await call('conn-unused', 'DELETE', `${CONNECTIONS}/${CONNECTION_ID}`, undefined, headers)).status).toBe(204);
    expect((await call('conn-unused', 'GET', `${CONNECTIONS}/${CONNECTION_ID}`, undefined, headers)).status).toBe(404);
  });
});
