import { createPrivateKey, randomBytes, webcrypto, X509Certificate as NodeX509, type KeyObject } from 'node:crypto';
import { link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { hostname as machineName } from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { expectCertificatePem, expectPrivateKeyPem, readTlsFile, TlsFileError } from './tls-file-error.js';

// The library signs through WebCrypto; Node 20 has it built in, so no pure-JS big-number maths runs here. [SRC:
// @peculiar/x509 README, "cryptoProvider.set(crypto)" for Node]
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export const CA_CERT_FILE = 'ca.pem';
export const CA_KEY_FILE = 'ca-key.pem';

/** A leaf certificate and its key, both PEM: what `tls.createSecureContext` and `https.createServer` take. */
export interface IssuedCertificate {
  cert: string;
  /** PKCS#8 PEM. */
  key: string;
  /** The names it is valid for, as given (lower-cased), DNS names and IP addresses alike. */
  hostnames: string[];
  notAfter: Date;
}

export interface CertificateAuthority {
  readonly dir: string;
  readonly certPath: string;
  readonly keyPath: string;
  /** The CA certificate (PEM): what clients are told to trust. */
  readonly certPem: string;
  /** SHA-256 fingerprint, colon-separated hex as OpenSSL and Node print it. */
  readonly fingerprint256: string;
  /** True when this call wrote a new CA (so the start-up text can say "trust it once"); false when it loaded one. */
  readonly created: boolean;
  readonly notAfter: Date;
  /** A server certificate for these names (DNS names or IP addresses; the first is also its CN), signed by this CA. */
  issue(hostnames: string[]): Promise<IssuedCertificate>;
}

export interface OpenOptions {
  /**
   * How long to wait when only one of the two files is there: another process may be between writing the key and
   * the certificate, a matter of microseconds, so a second is generous. [INF]
   */
  settleMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
// ~10 years: a CA the user trusts once should outlive the projects that use it; it never leaves the machine. [INF]
const CA_VALIDITY_DAYS = 3650;
// Leaf certificates live in memory and are issued anew at each start, so a short life costs nothing. 365 days is
// under the 398 days Apple and Chrome accept for a TLS server certificate. [SRC: CA/Browser Forum Baseline
// Requirements §6.3.2; Apple support HT211025]
const LEAF_VALIDITY_DAYS = 365;
// Back-dated an hour so a client whose clock is a little behind does not see "not yet valid". [INF]
const CLOCK_SKEW_MS = 60 * 60 * 1000;

// ECDSA P-256: generated in about a millisecond through WebCrypto, where RSA 2048 takes tens to hundreds, and
// accepted by every TLS client the sandbox's users run (Node, OpenSSL, Java 8+, Python, browsers). [INF]
const EC_KEY: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const EC_SIGNING: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

/**
 * The CA kept in `dir` (`ca.pem`, `ca-key.pem`): loaded when both are there, created and written when neither is.
 * Two sandboxes starting at once end up with the same CA: each writes its pair to temporary files, then the first
 * to hard-link its key into place wins and the other loads the winner's pair.
 */
export async function openCertificateAuthority(dir: string, options: OpenOptions = {}): Promise<CertificateAuthority> {
  const settleMs = options.settleMs ?? 1000;
  const certPath = path.join(dir, CA_CERT_FILE);
  const keyPath = path.join(dir, CA_KEY_FILE);
  // 0700: the folder holds a key that can sign certificates for any host the user's clients trust it for.
  await mkdir(dir, { recursive: true, mode: 0o700 });

  const deadline = Date.now() + settleMs;
  let created = false;
  for (;;) {
    const [haveCert, haveKey] = await Promise.all([exists(certPath), exists(keyPath)]);
    if (haveCert && haveKey) return loadCertificateAuthority(dir, created);
    if (!haveCert && !haveKey) {
      created = await createPair(certPath, keyPath);
      continue;
    }
    if (Date.now() >= deadline) {
      const [missing, present] = haveCert ? [keyPath, certPath] : [certPath, keyPath];
      throw new TlsFileError(missing, `missing, while ${path.basename(present)} is there; the CA needs both. Put it back, or delete ${present} to have a new CA created (and trusted again)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new TlsFileError(file, `cannot be checked (${(err as Error).message})`);
  }
}

/** Writes a new CA unless another process got there first; true when this one's pair is in place. */
async function createPair(certPath: string, keyPath: string): Promise<boolean> {
  const { certPem, keyPem } = await generateCertificateAuthority();
  const tag = `${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const tmpKey = `${keyPath}.${tag}`;
  const tmpCert = `${certPath}.${tag}`;
  try {
    // The mode is given at creation: a chmod afterwards would leave a moment in which the key is world-readable.
    await writeFile(tmpKey, keyPem, { mode: 0o600, flag: 'wx' });
    await writeFile(tmpCert, certPem, { mode: 0o644, flag: 'wx' });
    if (!(await placeWithoutReplacing(tmpKey, keyPath))) return false;
    if (!(await placeWithoutReplacing(tmpCert, certPath))) {
      // A ca.pem appeared that is not ours (put there by hand): our key would not match it, so take it back out.
      await unlink(keyPath).catch(() => undefined);
      return false;
    }
    return true;
  } finally {
    await Promise.all([unlink(tmpKey).catch(() => undefined), unlink(tmpCert).catch(() => undefined)]);
  }
}

/**
 * Moves a complete temporary file to its name unless that name exists: link(2) fails with EEXIST instead of
 * replacing, where rename(2) would silently replace a pair another process just wrote. Where hard links are not
 * supported (some network or FAT file systems) it falls back to check-then-rename, racy only in that rare case. [INF]
 */
async function placeWithoutReplacing(tmp: string, target: string): Promise<boolean> {
  try {
    await link(tmp, target);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  }
  if (await exists(target)) return false;
  await rename(tmp, target);
  return true;
}

async function generateCertificateAuthority(): Promise<{ certPem: string; keyPem: string }> {
  const keys = (await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - CLOCK_SKEW_MS);
  const ski = await x509.SubjectKeyIdentifierExtension.create(keys.publicKey);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [`partner-sandbox local CA (${safeHostname()})`] }, { O: ['partner-sandbox'] }],
    notBefore,
    notAfter: new Date(notBefore.getTime() + CA_VALIDITY_DAYS * DAY_MS),
    keys,
    signingAlgorithm: EC_SIGNING,
    extensions: [
      // pathLen 0: this CA signs server certificates only, never another CA. [INF]
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ski,
      new x509.AuthorityKeyIdentifierExtension(ski.keyId),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: cert.toString('pem') + '\n', keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') + '\n' };
}

/** The machine's name as it may stand in a distinguished name, so two machines' CAs can be told apart in a trust store. */
function safeHostname(): string {
  return machineName().replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 48) || 'localhost';
}

/**
 * 16 random bytes, positive and minimally encoded: the first byte is 0x01–0x7f, so DER needs no leading zero and
 * no strict parser (Go, Java) refuses it as negative. [SRC: RFC 5280 §4.1.2.2; CA/B BR §7.1 "at least 64 bits"]
 */
export function randomSerial(bytes: Buffer = randomBytes(16)): string {
  const serial = Buffer.from(bytes);
  serial[0] = serial[0] & 0x7f || 0x01;
  return serial.toString('hex');
}

async function loadCertificateAuthority(dir: string, created: boolean): Promise<CertificateAuthority> {
  const certPath = path.join(dir, CA_CERT_FILE);
  const keyPath = path.join(dir, CA_KEY_FILE);
  const [certPem, keyPem] = await Promise.all([readTlsFile(certPath, 'CA certificate'), readTlsFile(keyPath, 'CA private key')]);
  expectCertificatePem(certPath, certPem);
  expectPrivateKeyPem(keyPath, keyPem);

  let nodeCert: NodeX509;
  try {
    nodeCert = new NodeX509(certPem);
  } catch (err) {
    throw new TlsFileError(certPath, `is not a readable certificate (${(err as Error).message}); delete it and ${CA_KEY_FILE} to have a new CA created`);
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(keyPem);
  } catch (err) {
    throw new TlsFileError(keyPath, `is not a readable private key (${(err as Error).message}); the sandbox takes an unencrypted PEM key`);
  }
  if (!nodeCert.ca) throw new TlsFileError(certPath, 'is not a CA certificate (basicConstraints CA:true is missing), so it cannot sign server certificates');
  if (!nodeCert.checkPrivateKey(keyObject)) throw new TlsFileError(keyPath, `is not the private key of ${certPath}`);
  const notAfter = new Date(nodeCert.validTo);
  if (notAfter.getTime() <= Date.now()) {
    throw new TlsFileError(certPath, `expired on ${notAfter.toISOString()}; delete it and ${CA_KEY_FILE} to have a new CA created (and trust the new one)`);
  }

  const signer = await importSigningKey(keyPath, keyObject);
  const caCert = new x509.X509Certificate(certPem);
  // The leaf's AKI must equal the CA's SKI for chain building; a CA made elsewhere (mkcert, openssl) may lack one.
  const caKeyId = caCert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId ?? (await x509.SubjectKeyIdentifierExtension.create(caCert.publicKey)).keyId;

  return {
    dir,
    certPath,
    keyPath,
    certPem,
    fingerprint256: nodeCert.fingerprint256,
    created,
    notAfter,
    issue: (hostnames) => issueLeaf(caCert, caKeyId, signer, notAfter, hostnames),
  };
}

interface Signer {
  key: CryptoKey;
  algorithm: Algorithm | EcdsaParams;
}

/**
 * The CA key as WebCrypto wants it. Ours is P-256, but `--tls-dir` may point at a CA made by another tool (mkcert
 * makes RSA ones), so RSA and the other NIST curves are taken as well. [INF]
 */
async function importSigningKey(keyPath: string, keyObject: KeyObject): Promise<Signer> {
  const der = keyObject.export({ format: 'der', type: 'pkcs8' });
  const curve = keyObject.asymmetricKeyDetails?.namedCurve;
  const curves: Record<string, [string, string]> = { prime256v1: ['P-256', 'SHA-256'], secp384r1: ['P-384', 'SHA-384'], secp521r1: ['P-521', 'SHA-512'] };
  if (keyObject.asymmetricKeyType === 'ec' && curve && curves[curve]) {
    const [namedCurve, hash] = curves[curve];
    return { key: await webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve }, false, ['sign']), algorithm: { name: 'ECDSA', hash } };
  }
  if (keyObject.asymmetricKeyType === 'rsa') {
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    return { key: await webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']), algorithm };
  }
  throw new TlsFileError(keyPath, `is a ${keyObject.asymmetricKeyType}${curve ? ` ${curve}` : ''} key; the sandbox signs with ECDSA (P-256, P-384, P-521) or RSA CA keys`);
}

/** Lower-cased, trailing dot dropped; an IP address as Node prints it; anything else refused before it reaches a SAN. */
export function normalizeHostname(name: string): string {
  const trimmed = name.trim().toLowerCase().replace(/\.$/, '');
  const unbracketed = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  if (isIP(unbracketed)) return unbracketed;
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  if (unbracketed.length > 253 || !unbracketed.split('.').every((l) => label.test(l))) {
    throw new Error(`not a host name or IP address a certificate can name: ${JSON.stringify(name)}`);
  }
  return unbracketed;
}

async function issueLeaf(caCert: x509.X509Certificate, caKeyId: string, signer: Signer, caNotAfter: Date, requested: string[]): Promise<IssuedCertificate> {
  const hostnames = [...new Set(requested.map(normalizeHostname))];
  if (hostnames.length === 0) throw new Error('a certificate needs at least one host name');
  const keys = (await webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - CLOCK_SKEW_MS);
  // Never past the CA: a leaf outliving its issuer fails verification on the CA's last day anyway. [INF]
  const notAfter = new Date(Math.min(notBefore.getTime() + LEAF_VALIDITY_DAYS * DAY_MS, caNotAfter.getTime()));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    // Clients match the SAN only (RFC 6125 §6.4.4); the CN is for people reading the certificate. [SRC]
    subject: [{ CN: [hostnames[0]] }, { O: ['partner-sandbox'] }],
    // The CA's own encoded name, not a re-encoded string: chain building compares issuer and subject names.
    issuer: caCert.subjectName,
    notBefore,
    notAfter,
    publicKey: keys.publicKey,
    signingKey: signer.key,
    signingAlgorithm: signer.algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      // digitalSignature alone: an ECDSA key signs the handshake; keyEncipherment is for RSA key transport. [SRC: RFC 5480 §3]
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(hostnames.map((value) => ({ type: isIP(value) ? ('ip' as const) : ('dns' as const), value }))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      new x509.AuthorityKeyIdentifierExtension(caKeyId),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { cert: cert.toString('pem') + '\n', key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') + '\n', hostnames, notAfter };
}
