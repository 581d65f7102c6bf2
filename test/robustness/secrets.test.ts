import { Writable } from 'node:stream';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSandbox, type CallResult, type TestSandbox } from '../helpers/sandbox.js';

/** Every line the sandbox logs during the test. */
const logLines: string[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(chunk.toString());
    done();
  },
});

const sb = useSandbox({ logger: pino({ level: 'debug' }, capture), logRequests: true });

/** Values no fixture holds, sent through every credential field the four APIs have. */
const SECRET = {
  bearer: 'tok-SECRET-bearer-1f2e',
  clientSecret: 'SECRET-client-secret-9a8b',
  credentialKey: 'SECRET-api-key-7c6d',
  credentialUser: 'SECRET-api-user-5e4f',
  providerkey: 'SECRET-providerkey-3a2b',
  apiKey: 'SECRET-x-api-key-1c0d',
  password: 'SECRET-password-0e9f',
  resellerkey: 'SECRET-resellerkey-8g7h',
  partnerApiKey: 'SECRET-partner-payload-6i5j',
  connectionToken: 'SECRET-connection-token-4k3l',
  connectionPassphrase: 'SECRET-certificate-passphrase-2m1n',
  webhookKey: 'SECRET-webhook-key-0o9p',
};
const INTEGRATOR = { authorization: 'Bearer integrator-sandbox-token' };
const CREDS = { clientId: 'oem-sandbox-client', clientSecret: 'oem-sandbox-secret', grantType: 'client_credentials', scope: 'vendor_manage', organizationOemToken: 'org-sandbox-token' };
const session = 'secrets';

describe('secrets sent to the sandbox', () => {
  const responses: CallResult[] = [];
  beforeAll(async () => {
    const send = async (method: string, path: string, opts: Parameters<TestSandbox['call']>[2]) => responses.push(await sb.call(method, path, { session, ...opts }));
    await send('GET', '/integrator/v1/integrations', { headers: { authorization: `Bearer ${SECRET.bearer}` } });
    await send('POST', '/oem/api/oem-api/vendor', { body: { ...CREDS, clientSecret: SECRET.clientSecret } });
    await send('POST', '/oem/api/oem-api/integration', { body: { ...CREDS, data: { vendorId: '43211235', integrationCredentials: { 'api key': SECRET.credentialKey, 'api username': SECRET.credentialUser } } } });
    await send('POST', '/oem/api/oem-api/integration/list', { body: CREDS });
    await send('POST', '/centurylink/update-subscription/', { body: { coid: 'SANDBOX-COID-1', expired: false, sku: 'SANDBOX-SKU-1', providerkey: SECRET.providerkey } });
    await send('POST', '/centurylink/acme-provision-account/', {
      headers: { 'x-api-key': 'sandbox-provision-key' },
      body: { resellerkey: SECRET.resellerkey, name: 'Ada', email: 'ada@secret.example', password: SECRET.password },
    });
    await send('POST', '/centurylink/acme-provision-account/', { headers: { 'x-api-key': SECRET.apiKey }, body: { resellerkey: 'r', name: 'n', email: 'n@example.com' } });
    await send('POST', '/integrator/v1/connections', {
      headers: INTEGRATOR,
      body: {
        name: 'Secret API', type: 'http',
        http: { baseURI: 'https://secret.example.com', mediaType: 'json', auth: { type: 'token', token: { token: SECRET.connectionToken } }, clientCertificates: { passphrase: SECRET.connectionPassphrase } },
      },
    });
    await send('GET', '/integrator/v1/connections', { headers: INTEGRATOR });
    await send('POST', '/integrator/v1/exports', { headers: INTEGRATOR, body: { name: 'Hook', type: 'webhook', webhook: { key: SECRET.webhookKey } } });
    await send('GET', '/integrator/v1/exports', { headers: INTEGRATOR });
    await send('POST', '/cloud66/partners/acme/integrations', { body: { link_uid: 'abc123', user_email: 'jon@smith.com', api_key: SECRET.partnerApiKey } });
  });

  it('are never echoed in a response (the OEM list shows the template, not the credentials)', () => {
    const everything = responses.map((r) => r.text + JSON.stringify([...r.headers])).join('\n');
    for (const [field, value] of Object.entries(SECRET)) expect(everything, field).not.toContain(value);
    const list = responses.find((r) => r.body?.message === "Successfully fetched list of user's integrations")!;
    expect(list.body.integrations[0].integrationCredentialTemplate).toEqual([{ 'api key': '', 'api username': '' }]);
  });

  it('appear in no journal entry and in no state view', async () => {
    const journal = (await sb.admin('GET', `/journal?session=${session}`)).text;
    const state = (await sb.admin('GET', `/state?session=${session}`)).text;
    expect(journal).toContain('[REDACTED]');
    for (const [field, value] of Object.entries(SECRET)) {
      expect(journal, `journal ${field}`).not.toContain(value);
      expect(state, `state ${field}`).not.toContain(value);
    }
  });

  it('appear in no log line, with every request logged', () => {
    expect(logLines.length).toBeGreaterThanOrEqual(responses.length);
    const logs = logLines.join('');
    for (const [field, value] of Object.entries(SECRET)) expect(logs, field).not.toContain(value);
  });
});
