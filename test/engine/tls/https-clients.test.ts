import { X509Certificate } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCertificateAuthority, type CertificateAuthority } from '../../../src/engine/tls/certificate-authority.js';
import { createServerCertificates, type ServerCertificates } from '../../../src/engine/tls/server-certificates.js';
import { httpsGet, httpsServer, run, tempTlsRoot } from './tls-helpers.js';

/** Real clients against a real HTTPS server serving the issued certificates, trusting the CA only as told. */
const nextDir = tempTlsRoot();
let ca: CertificateAuthority;
let certs: ServerCertificates;
let port: number;

beforeAll(async () => {
  ca = await openCertificateAuthority(nextDir());
  certs = await createServerCertificates(ca, ['api.eu.integrator.io']);
  port = (await httpsServer(certs.serverOptions)).port;
});

/** The certificate a TLS handshake for `servername` gets, and whether it verified against `trusted`. */
function handshake(servername: string | undefined, trusted: string | undefined): Promise<{ authorized: boolean; error?: string; cert: X509Certificate }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername, ca: trusted, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerX509Certificate() as X509Certificate;
      resolve({ authorized: socket.authorized, error: socket.authorizationError?.toString(), cert });
      socket.end();
    });
    socket.on('error', reject);
  });
}

describe('Node', () => {
  it('https.get trusting ca.pem reaches https://127.0.0.1:<port>/ and https://localhost:<port>/', async () => {
    expect(await httpsGet({ host: '127.0.0.1', port, ca: ca.certPem })).toEqual({ body: 'ok' });
    // The server listens on 127.0.0.1 only; servername makes Node check the name localhost, as for a localhost URL.
    expect(await httpsGet({ host: '127.0.0.1', servername: 'localhost', port, ca: ca.certPem })).toEqual({ body: 'ok' });
  });

  it('fails without the CA, and with another CA', async () => {
    expect(await httpsGet({ host: '127.0.0.1', port })).toEqual({ error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    const other = await openCertificateAuthority(nextDir());
    expect(await httpsGet({ host: '127.0.0.1', port, ca: other.certPem })).toEqual({ error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('a child process trusts it through NODE_EXTRA_CA_CERTS, as the start-up text says', async () => {
    const script = `require('https').get('https://127.0.0.1:${port}/', (r) => r.pipe(process.stdout)).on('error', (e) => { console.error(e.code); process.exit(1); })`;
    expect(await run(process.execPath, ['-e', script], { NODE_EXTRA_CA_CERTS: ca.certPath })).toEqual({ code: 0, stdout: 'ok', stderr: '' });
    expect((await run(process.execPath, ['-e', script], { NODE_EXTRA_CA_CERTS: '' })).stderr.trim()).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });
});

describe('SNI', () => {
  it('issues a certificate for a real API host on first use, valid for that host only, and reuses it', async () => {
    const first = await handshake('api.integrator.io', ca.certPem);
    expect(first.authorized, first.error).toBe(true);
    expect(tls.checkServerIdentity('api.integrator.io', first.cert.toLegacyObject())).toBeUndefined();
    expect(tls.checkServerIdentity('api.eu.integrator.io', first.cert.toLegacyObject())?.message).toContain("Host: api.eu.integrator.io. is not in the cert's altnames");
    expect(first.cert.fingerprint256).not.toBe(new X509Certificate(certs.default.cert).fingerprint256);
    const again = await handshake('API.integrator.io', ca.certPem);
    expect(again.cert.fingerprint256).toBe(first.cert.fingerprint256);
  });

  it('gives the default certificate to a name it covers and to a client sending no name (an IP address)', async () => {
    const defaultFingerprint = new X509Certificate(certs.default.cert).fingerprint256;
    for (const servername of ['api.eu.integrator.io', 'localhost', undefined]) {
      const got = await handshake(servername, ca.certPem);
      expect([servername, got.authorized, got.cert.fingerprint256]).toEqual([servername, true, defaultFingerprint]);
    }
  });

  it('issues once for concurrent handshakes of a new name', async () => {
    const [a, b] = await Promise.all([certs.secureContextFor('api.cloud66.com'), certs.secureContextFor('api.cloud66.com')]);
    expect(a).toBe(b);
    expect(await certs.secureContextFor('api.cloud66.com.')).toBe(a);
  });

  it('refuses a handshake for a name no certificate can hold', async () => {
    await expect(certs.secureContextFor('bad_name!')).rejects.toThrow('not a host name');
    await expect(handshake('bad_name!', ca.certPem)).rejects.toThrow();
  });
});

describe('curl', () => {
  it('--cacert ca.pem reaches https://127.0.0.1:<port>/, and a real API host through --resolve', async () => {
    expect(await run('curl', ['-sS', '--fail', '--cacert', ca.certPath, `https://127.0.0.1:${port}/`])).toEqual({ code: 0, stdout: 'ok', stderr: '' });
    const resolved = await run('curl', ['-sS', '--fail', '--cacert', ca.certPath, '--resolve', `api.integrator.io:${port}:127.0.0.1`, `https://api.integrator.io:${port}/`]);
    expect(resolved).toEqual({ code: 0, stdout: 'ok', stderr: '' });
  });

  it('without it fails verification (exit 60)', async () => {
    // CURL_CA_BUNDLE / SSL_CERT_FILE from the environment would change what curl trusts; neither may add our CA.
    const r = await run('curl', ['-sS', `https://127.0.0.1:${port}/`], { CURL_CA_BUNDLE: '', SSL_CERT_FILE: '' });
    expect(r.code).toBe(60);
  });
});

describe('Python (standard library)', () => {
  // Debian's own python3 where it is there: a pyenv shim on PATH costs half a second a run. [INF]
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const fetch = (context: string) =>
    `import ssl, sys, urllib.request\ntry:\n    print(urllib.request.urlopen('https://127.0.0.1:${port}/', context=${context}, timeout=5).read().decode(), end='')\nexcept Exception as e:\n    print(type(e).__name__, getattr(e, 'reason', e), file=sys.stderr); sys.exit(1)`;

  it('urllib with ssl.create_default_context(cafile=ca.pem) succeeds', async () => {
    const r = await run(python, ['-c', fetch(`ssl.create_default_context(cafile=${JSON.stringify(ca.certPath)})`)]);
    expect(r).toEqual({ code: 0, stdout: 'ok', stderr: '' });
  });

  it('urllib with SSL_CERT_FILE=ca.pem succeeds, as the start-up text says; with the default bundle it fails', async () => {
    expect(await run(python, ['-c', fetch('ssl.create_default_context()')], { SSL_CERT_FILE: ca.certPath })).toEqual({ code: 0, stdout: 'ok', stderr: '' });
    const refused = await run(python, ['-c', fetch('ssl.create_default_context()')], { SSL_CERT_FILE: '' });
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('CERTIFICATE_VERIFY_FAILED')]);
  });
});

describe('Java', () => {
  it('keytool imports ca.pem into a PKCS#12 trust store with the printed command', async () => {
    const store = path.join(ca.dir, 'sandbox-truststore.p12');
    // The -J options only start the JVM faster (C1 only, serial GC); the rest is the printed command.
    const imported = await run('keytool', ['-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC', '-importcert', '-noprompt', '-alias', 'partner-sandbox', '-file', ca.certPath, '-keystore', store, '-storepass', 'changeit']);
    expect([imported.code, imported.stderr + imported.stdout]).toEqual([0, expect.stringContaining('Certificate was added to keystore')]);
    expect(statSync(store).size).toBeGreaterThan(0);
  });
});
