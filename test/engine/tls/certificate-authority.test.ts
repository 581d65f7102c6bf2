import { spawn } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openCertificateAuthority, randomSerial } from '../../../src/engine/tls/certificate-authority.js';
import { TlsFileError } from '../../../src/engine/tls/tls-file-error.js';
import { run, tempTlsRoot } from './tls-helpers.js';

const nextDir = tempTlsRoot();
const DAY = 24 * 60 * 60 * 1000;
const posixModes = process.platform !== 'win32';

describe('a new CA', () => {
  it('is a self-signed P-256 CA valid about ten years, with CA:true critical and keyCertSign + cRLSign', async () => {
    const ca = await openCertificateAuthority(nextDir());
    expect(ca.created).toBe(true);
    const cert = new X509Certificate(readFileSync(ca.certPath));
    expect(cert.ca).toBe(true);
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toMatch(/^CN=partner-sandbox local CA \(.+\)$/m);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / DAY;
    expect(days).toBeGreaterThan(3600);
    expect(days).toBeLessThan(3700);
    const text = (await run('openssl', ['x509', '-noout', '-text', '-in', ca.certPath])).stdout;
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(text).toContain('Subject Key Identifier');
  });

  it.skipIf(!posixModes)('makes its folder 0700 and the key 0600, the certificate 0644, and leaves no temporary file', async () => {
    const ca = await openCertificateAuthority(nextDir());
    expect(statSync(ca.dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.dirname(ca.dir)).mode & 0o777).toBe(0o700);
    expect(statSync(ca.keyPath).mode & 0o777).toBe(0o600);
    expect(statSync(ca.certPath).mode & 0o777).toBe(0o644);
    expect(readdirSync(ca.dir).sort()).toEqual(['ca-key.pem', 'ca.pem']);
    expect(readFileSync(ca.keyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('is loaded, not replaced, by the next start', async () => {
    const dir = nextDir();
    const first = await openCertificateAuthority(dir);
    const second = await openCertificateAuthority(dir);
    expect(second.created).toBe(false);
    expect(second.fingerprint256).toBe(first.fingerprint256);
    expect(second.certPem).toBe(readFileSync(first.certPath, 'utf8'));
  });

  it('is created once when several starts race in one process: one writes it, every one gets it', async () => {
    const dir = nextDir();
    const cas = await Promise.all([1, 2, 3, 4].map(() => openCertificateAuthority(dir)));
    expect(new Set(cas.map((ca) => ca.fingerprint256)).size).toBe(1);
    expect(cas.filter((ca) => ca.created)).toHaveLength(1);
    expect(new X509Certificate(readFileSync(path.join(dir, 'ca.pem'))).checkPrivateKey(createPrivateKey(readFileSync(path.join(dir, 'ca-key.pem'))))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['ca-key.pem', 'ca.pem']);
  });

  it('is created once when two processes start at the same moment', async () => {
    const dir = nextDir();
    const module = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/engine/tls/certificate-authority.ts');
    // The other process loads the module first and opens on our word, so both opens really start together.
    const script = `const { openCertificateAuthority } = await import(${JSON.stringify(module)}); process.stdout.write('ready\\n');
      process.stdin.once('data', async () => { const ca = await openCertificateAuthority(${JSON.stringify(dir)}); process.stdout.write(ca.fingerprint256 + ' ' + ca.created + '\\n'); process.exit(0); });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines: string[] = [];
    const line = () => new Promise<string>((resolve, reject) => {
      const take = () => (lines.length ? resolve(lines.shift() as string) : child.stdout.once('data', (d: Buffer) => (lines.push(...d.toString().trim().split('\n')), take())));
      child.once('exit', (code) => reject(new Error(`the other process exited (${code})`)));
      take();
    });
    onTestFinished(() => {
      child.kill();
    });
    expect(await line()).toBe('ready');
    child.stdin.write('go\n');
    const [ours, theirs] = await Promise.all([openCertificateAuthority(dir), line()]);
    const [fingerprint, created] = theirs.split(' ');
    expect(fingerprint).toBe(ours.fingerprint256);
    expect([String(ours.created), created].sort()).toEqual(['false', 'true']);
    expect(new X509Certificate(readFileSync(path.join(dir, 'ca.pem'))).fingerprint256).toBe(ours.fingerprint256);
    expect(readdirSync(dir).sort()).toEqual(['ca-key.pem', 'ca.pem']);
  });
});

describe('a leaf certificate', () => {
  it('names DNS names and IP addresses in its SAN, is for serverAuth, CA:false, and verifies against the CA', async () => {
    const ca = await openCertificateAuthority(nextDir());
    const leaf = await ca.issue(['localhost', '127.0.0.1', '::1', 'API.Integrator.io']);
    const cert = new X509Certificate(leaf.cert);
    const caCert = new X509Certificate(ca.certPem);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:api.integrator.io');
    expect(cert.checkHost('api.integrator.io')).toBe('api.integrator.io');
    expect(cert.checkIP('::1')).toBe('::1');
    expect(cert.checkHost('api.eu.integrator.io')).toBeUndefined();
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(cert.checkPrivateKey(createPrivateKey(leaf.key))).toBe(true);
    expect(leaf.key).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('lives at most 397 days, has a positive 16-byte serial, and a new serial each time', async () => {
    const ca = await openCertificateAuthority(nextDir());
    const [a, b] = await Promise.all([ca.issue(['localhost']), ca.issue(['localhost'])]).then((l) => l.map((c) => new X509Certificate(c.cert)));
    expect((Date.parse(a.validTo) - Date.parse(a.validFrom)) / DAY).toBeLessThanOrEqual(397);
    expect(Date.parse(a.validFrom)).toBeLessThanOrEqual(Date.now());
    expect(a.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
    expect(a.serialNumber).not.toMatch(/^00/);
    expect(b.serialNumber).not.toBe(a.serialNumber);
  });

  it('takes a serial that DER encodes as a positive number without a leading zero, whatever the random bytes', () => {
    expect(randomSerial(Buffer.alloc(16, 0xff))).toBe('7f' + 'ff'.repeat(15));
    expect(randomSerial(Buffer.alloc(16, 0x80))).toBe('01' + '80'.repeat(15));
    expect(randomSerial(Buffer.alloc(16, 0x00))).toBe('01' + '00'.repeat(15));
  });

  it('passes `openssl verify -x509_strict -purpose sslserver`, its key identifiers linking it to the CA', async () => {
    const ca = await openCertificateAuthority(nextDir());
    const leafPath = path.join(ca.dir, 'leaf.pem');
    writeFileSync(leafPath, (await ca.issue(['localhost', '127.0.0.1'])).cert);
    const verified = await run('openssl', ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', ca.certPath, leafPath]);
    expect(verified.stdout.trim(), verified.stderr).toBe(`${leafPath}: OK`);
    const text = (await run('openssl', ['x509', '-noout', '-text', '-in', leafPath])).stdout;
    expect(text).toContain('DNS:localhost, IP Address:127.0.0.1');
    expect(text).toMatch(/Extended Key Usage:\s+TLS Web Server Authentication/);
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature\n/);
    const caKeyId = /Subject Key Identifier:\s+([0-9A-F:]+)/.exec((await run('openssl', ['x509', '-noout', '-text', '-in', ca.certPath])).stdout)?.[1];
    expect(text).toMatch(new RegExp(`Authority Key Identifier:\\s+(keyid:)?${caKeyId}`));
  });

  it('refuses a name no certificate can hold', async () => {
    const ca = await openCertificateAuthority(nextDir());
    await expect(ca.issue(['bad name'])).rejects.toThrow('"bad name"');
    await expect(ca.issue([])).rejects.toThrow('at least one host name');
  });
});

describe('a CA folder it cannot use', () => {
  it('names ca.pem when it is not a certificate', async () => {
    const dir = nextDir();
    await openCertificateAuthority(dir);
    writeFileSync(path.join(dir, 'ca.pem'), 'not a certificate\n');
    const err = await openCertificateAuthority(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TlsFileError);
    expect((err as TlsFileError).file).toBe(path.join(dir, 'ca.pem'));
    expect((err as Error).message).toContain(`${path.join(dir, 'ca.pem')}: is not a PEM certificate`);
  });

  it('names ca.pem when its PEM block is damaged, and says how to start over', async () => {
    const dir = nextDir();
    const ca = await openCertificateAuthority(dir);
    writeFileSync(ca.certPath, ca.certPem.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA'));
    await expect(openCertificateAuthority(dir)).rejects.toThrow(new RegExp(`^${ca.certPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is not a readable certificate .*delete it and ca-key\\.pem`));
  });

  it('names ca-key.pem when it belongs to another CA', async () => {
    const dir = nextDir();
    const ca = await openCertificateAuthority(dir);
    const other = await openCertificateAuthority(nextDir());
    copyFileSync(other.keyPath, ca.keyPath);
    await expect(openCertificateAuthority(dir)).rejects.toThrow(`${ca.keyPath}: is not the private key of ${ca.certPath}`);
  });

  it('names the missing half instead of replacing a CA whose key or certificate is gone', async () => {
    const dir = nextDir();
    const ca = await openCertificateAuthority(dir);
    unlinkSync(ca.keyPath);
    await expect(openCertificateAuthority(dir, { settleMs: 50 })).rejects.toThrow(`${ca.keyPath}: missing, while ca.pem is there`);
    expect(readFileSync(ca.certPath, 'utf8')).toBe(ca.certPem);
  });

  it('names ca.pem when it is not a CA certificate', async () => {
    const dir = nextDir();
    const ca = await openCertificateAuthority(dir);
    const leaf = await ca.issue(['localhost']);
    const elsewhere = nextDir();
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(path.join(elsewhere, 'ca.pem'), leaf.cert);
    writeFileSync(path.join(elsewhere, 'ca-key.pem'), leaf.key);
    await expect(openCertificateAuthority(elsewhere)).rejects.toThrow(`${path.join(elsewhere, 'ca.pem')}: is not a CA certificate`);
  });
});
