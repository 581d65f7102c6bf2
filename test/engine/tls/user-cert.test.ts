import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCertificateAuthority, type IssuedCertificate } from '../../../src/engine/tls/certificate-authority.js';
import { TlsFileError } from '../../../src/engine/tls/tls-file-error.js';
import { loadUserCertificate } from '../../../src/engine/tls/user-cert.js';
import { httpsGet, httpsServer, tempTlsRoot } from './tls-helpers.js';

/** `--tls-cert/--tls-key`: a pair made elsewhere (here by the sandbox's CA, standing in for mkcert or a company CA). */
const nextDir = tempTlsRoot();
let dir: string;
let caPem: string;
let a: IssuedCertificate;
let b: IssuedCertificate;
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(async () => {
  const ca = await openCertificateAuthority(nextDir());
  caPem = ca.certPem;
  [a, b] = await Promise.all([ca.issue(['localhost', '127.0.0.1']), ca.issue(['other.test'])]);
  dir = path.join(ca.dir, '..', 'user');
  mkdirSync(dir);
});

describe('loadUserCertificate', () => {
  it('loads a matching pair that then serves HTTPS', async () => {
    const loaded = await loadUserCertificate(file('cert.pem', a.cert), file('key.pem', a.key));
    expect(loaded.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(loaded.validTo.getTime()).toBeGreaterThan(Date.now());
    const { port } = await httpsServer({ cert: loaded.cert, key: loaded.key });
    expect(await httpsGet({ host: '127.0.0.1', port, ca: caPem })).toEqual({ body: 'ok' });
  });

  it('names the key file when the key belongs to another certificate', async () => {
    const certPath = file('a.pem', a.cert);
    const keyPath = file('b-key.pem', b.key);
    const err = await loadUserCertificate(certPath, keyPath).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TlsFileError);
    expect((err as TlsFileError).file).toBe(keyPath);
    expect((err as Error).message).toBe(`${keyPath}: does not match the certificate in ${certPath} (CN=localhost, O=partner-sandbox): it is the key of another certificate`);
  });

  it('names a file that is missing, or not PEM, or swapped with the other', async () => {
    const keyPath = file('key.pem', a.key);
    const missing = path.join(dir, 'nope.pem');
    await expect(loadUserCertificate(missing, keyPath)).rejects.toThrow(`${missing}: cannot read the --tls-cert certificate (no such file)`);
    const der = file('cert.der', 'MIIB\u0000\u0001binary');
    await expect(loadUserCertificate(der, keyPath)).rejects.toThrow(`${der}: is not a PEM certificate`);
    const certPath = file('cert.pem', a.cert);
    await expect(loadUserCertificate(keyPath, certPath)).rejects.toThrow(`${keyPath}: is not a PEM certificate`);
    await expect(loadUserCertificate(certPath, certPath)).rejects.toThrow(`${certPath}: is not a PEM private key`);
    await expect(loadUserCertificate(certPath, dir)).rejects.toThrow(`${dir}: cannot read the --tls-key private key (is a directory)`);
  });

  it('says a passphrase-protected key is not taken', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const keyPath = file('encrypted-key.pem', privateKey);
    await expect(loadUserCertificate(file('cert.pem', a.cert), keyPath)).rejects.toThrow(`${keyPath}: is passphrase-protected`);
  });
});
