import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../../src/sandbox.js';
import { run, tempTlsRoot } from './tls-helpers.js';

const TOKEN = 'integrator-sandbox-token';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const tlsDir = tempTlsRoot();

let running: RunningSandbox;
let plain: RunningSandbox;
let ca: string;

beforeAll(async () => {
  running = await (await createSandbox({ tls: { dir: tlsDir() } })).listen(0, '127.0.0.1');
  ca = running.https!.caFile!;
  plain = await (await createSandbox()).listen(0, '127.0.0.1');
});
afterAll(() => Promise.all([running?.close(), plain?.close()]));

const journalOf = async (base: string, session: string) => ((await (await fetch(`${base}/__sandbox/journal?session=${session}`)).json()) as { entries: any[] }).entries;

/** A raw CONNECT, as a proxy client sends it first: the status line and body of the answer. */
function connect(base: string, authority: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'CONNECT', path: authority, headers });
    // Node gives any answer to a CONNECT to `connect`, with the socket: a refusal's body is read from it.
    req.on('connect', (res, socket, head) => {
      if (res.statusCode === 200) {
        socket.destroy();
        return resolve({ status: 200, body: '' });
      }
      let body = head.toString('utf8');
      socket.on('data', (c: Buffer) => (body += c.toString('utf8')));
      socket.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('--tls: real clients, no code change', () => {
  it('prints where HTTPS is and the CA; serves HTTP and HTTPS on one port', async () => {
    expect(running.https?.url).toBe(running.url.replace('http:', 'https:'));
    expect(readFileSync(ca, 'utf8')).toContain('BEGIN CERTIFICATE');
    const curl = await run('curl', ['-sS', '--cacert', ca, '-H', `Authorization: Bearer ${TOKEN}`, '-o', '/dev/null', '-w', '%{http_code}', `${running.https!.url}/integrator/v1/integrations`]);
    expect(curl.stdout, curl.stderr).toBe('200');
    expect((await fetch(`${running.url}/integrator/v1/integrations`, { headers: AUTH })).status).toBe(200);
  });

  it('curl -x: a CONNECT tunnel to api.integrator.io answered by the sandbox, with no DNS lookup of that host', async () => {
    // --noproxy '' so a proxy variable of the machine cannot take the request elsewhere; curl sends the host name
    // to the proxy, which never resolves it (the sandbox routes by name).
    const curl = await run('curl', ['-sS', '--noproxy', '', '-x', running.url, '--cacert', ca, '-H', `Authorization: Bearer ${TOKEN}`, '-H', 'X-Mock-Session: curl-proxy', '-D', '-', 'https://api.integrator.io/v1/integrations?limit=1']);
    expect(curl.code, curl.stderr).toBe(0);
    expect(curl.stdout).toMatch(/HTTP\/1\.1 200 Connection Established/);
    expect(curl.stdout).toMatch(/HTTP\/1\.1 200 OK/);
    // The link is the real host's, over https: what the client asked for.
    expect(curl.stdout).toMatch(/link: <https:\/\/api\.integrator\.io\/v1\/integrations\?skip=1&limit=1>; rel="next"/i);
    const [entry] = await journalOf(running.url, 'curl-proxy');
    expect(entry).toMatchObject({ api: 'integrator', operationId: 'listIntegrations', request: { path: '/v1/integrations' }, response: { status: 200 } });
  });

  it('Python urllib with https_proxy and SSL_CERT_FILE lists integrations, unmodified', async () => {
    const script = [
      'import json, urllib.request',
      `req = urllib.request.Request("https://api.integrator.io/v1/integrations", headers={"Authorization": "Bearer ${TOKEN}"})`,
      'print(len(json.load(urllib.request.urlopen(req))))',
    ].join('\n');
    const py = await run(PYTHON, ['-c', script], { https_proxy: running.url, HTTPS_PROXY: running.url, no_proxy: '', NO_PROXY: '', SSL_CERT_FILE: ca });
    expect(py.code, py.stderr).toBe(0);
    expect(Number(py.stdout.trim())).toBeGreaterThan(0);
  });

  it('Node clients in a process of their own trusting the CA by NODE_EXTRA_CA_CERTS: https-proxy-agent, and axios with its proxy option', async () => {
    const { port } = new URL(running.url);
    const script = `
            import axios from 'axios';
      import { HttpsProxyAgent } from 'https-proxy-agent';
      const agent = new HttpsProxyAgent(process.env.HTTPS_PROXY);
      const viaAgent = await new Promise((resolve, reject) => https.get('https://api.eu.integrator.io/v1/integrations', { agent, headers: { authorization: 'Bearer integrator-eu-token' } }, (res) => {
        let text = ''; res.on('data', (c) => (text += c)); res.on('end', () => resolve(res.statusCode + ' ' + JSON.parse(text).length));
      }).on('error', reject));
      const viaAxios = await axios.get('https://api.integrator.io/v1/integrations?limit=1', { proxy: { protocol: 'http', host: '127.0.0.1', port: ${port} }, headers: { authorization: 'Bearer ${TOKEN}' } });
      console.log(JSON.stringify({ viaAgent, axios: viaAxios.status, link: viaAxios.headers.link }));`;
    const node = await run(process.execPath, ['--input-type=module', '-e', script], { HTTPS_PROXY: running.url, NODE_EXTRA_CA_CERTS: ca });
    expect(node.code, node.stderr).toBe(0);
    const out = JSON.parse(node.stdout);
    expect(out.viaAgent).toMatch(/^200 [1-9]/);
    expect(out.axios).toBe(200);
    expect(out.link).toMatch(/^<https:\/\/api\.integrator\.io\/v1\/integrations\?skip=1&limit=1>/);
  });

  it('Java (java.net.http with the system proxy), with the README\'s keytool trust store and -Dhttps.proxyHost', async () => {
    const dir = path.dirname(ca);
    const store = path.join(dir, 'sandbox-truststore.p12');
    const imported = await run('keytool', ['-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC', '-importcert', '-noprompt', '-alias', 'partner-sandbox', '-file', ca, '-keystore', store, '-storepass', 'changeit']);
    expect(imported.code, imported.stderr).toBe(0);
    const source = path.join(dir, 'Client.java');
    writeFileSync(source, JAVA_CLIENT);
    const { port } = new URL(running.url);
    const java = await run('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', `-Dhttps.proxyHost=127.0.0.1`, `-Dhttps.proxyPort=${port}`, `-Djavax.net.ssl.trustStore=${store}`, '-Djavax.net.ssl.trustStorePassword=changeit', source]);
    expect(java.code, java.stderr).toBe(0);
    expect(java.stdout).toMatch(/^200 [1-9]\d*/);
  });

  it('refuses a CONNECT to a host it does not mock, with a problem and a journal entry; without --tls, any tunnel', async () => {
    const refused = await connect(running.url, 'example.com:443', { 'x-mock-session': 'connect-refused' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ title: 'Not a host this sandbox mocks', detail: expect.stringContaining('example.com') });
    const [entry] = await journalOf(running.url, 'connect-refused');
    expect(entry).toMatchObject({ request: { method: 'CONNECT', path: 'example.com:443' }, response: { status: 403 } });
    const curl = await run('curl', ['-sS', '--noproxy', '', '-x', running.url, '--cacert', ca, 'https://example.com/']);
    expect(curl.code).not.toBe(0);
    expect(curl.stderr).toMatch(/403/);
    const noTls = await connect(plain.url, 'api.integrator.io:443');
    expect(noTls.status).toBe(501);
    expect(JSON.parse(noTls.body).detail).toContain('--tls');
    expect((await connect(running.url, 'api.integrator.io:443')).status).toBe(200);
  });

  it('--tls-cert/--tls-key serve the user\'s own certificate, and --https-port a port for HTTPS only', async () => {
    const { openCertificateAuthority } = await import('../../../src/engine/tls/certificate-authority.js');
    const own = await openCertificateAuthority(tlsDir());
    const issued = await own.issue(['127.0.0.1']);
    const dir = path.dirname(own.certPath);
    writeFileSync(path.join(dir, 'own.pem'), issued.cert);
    writeFileSync(path.join(dir, 'own-key.pem'), issued.key, { mode: 0o600 });
    const sb = await (await createSandbox({ tls: { cert: path.join(dir, 'own.pem'), key: path.join(dir, 'own-key.pem'), httpsPort: 0 } })).listen(0, '127.0.0.1');
    try {
      expect(sb.https?.caFile).toBeUndefined();
      expect(sb.https?.port).not.toBe(sb.port);
      const curl = await run('curl', ['-sS', '--cacert', own.certPath, '-H', `Authorization: Bearer ${TOKEN}`, '-o', '/dev/null', '-w', '%{http_code}', `${sb.https!.url}/integrator/v1/integrations`]);
      expect(curl.stdout, curl.stderr).toBe('200');
      // Not trusted by the sandbox's own CA: this is the user's certificate.
      expect((await run('curl', ['-sS', '--cacert', ca, `${sb.https!.url}/integrator/v1/integrations`])).code).not.toBe(0);
    } finally {
      await sb.close();
    }
  });
});

/** A Java client as a partner writes one: the real host, the JVM's proxy settings, nothing of the sandbox in it. */
const JAVA_CLIENT = `import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Client {
  public static void main(String[] args) throws Exception {
    HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.getDefault()).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.integrator.io/v1/integrations")).header("Authorization", "Bearer ${TOKEN}").build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    System.out.println(response.statusCode() + " " + response.body().length());
  }
}
`;
