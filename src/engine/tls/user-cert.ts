import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { expectCertificatePem, expectPrivateKeyPem, readTlsFile, TlsFileError } from './tls-file-error.js';

/** `--tls-cert/--tls-key`: the user's own certificate, checked before the server starts rather than at the first handshake. */
export interface UserCertificate {
  /** PEM as read: the leaf first, then any intermediates the file carries, all sent to clients. */
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
  subject: string;
  /** Node's rendering, e.g. `DNS:localhost, IP Address:127.0.0.1`; undefined when the certificate has none. */
  subjectAltName: string | undefined;
  validTo: Date;
}

/**
 * Reads and checks the pair: both readable, both PEM, the key unencrypted and the private half of the (first)
 * certificate. An expired certificate is loaded all the same: serving one may be exactly what a test wants. [INF]
 */
export async function loadUserCertificate(certPath: string, keyPath: string): Promise<UserCertificate> {
  const [cert, key] = await Promise.all([readTlsFile(certPath, '--tls-cert certificate'), readTlsFile(keyPath, '--tls-key private key')]);
  expectCertificatePem(certPath, cert);
  expectPrivateKeyPem(keyPath, key);

  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert);
  } catch (err) {
    throw new TlsFileError(certPath, `is not a readable certificate (${(err as Error).message})`);
  }
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey(key);
  } catch (err) {
    const encrypted = /passphrase|ENCRYPTED/i.test((err as Error).message) || key.includes('ENCRYPTED');
    throw new TlsFileError(keyPath, encrypted ? 'is passphrase-protected; --tls-key takes an unencrypted PEM key (openssl pkey -in <key> -out <plain-key>)' : `is not a readable private key (${(err as Error).message})`);
  }
  if (!x509.checkPrivateKey(keyObject)) {
    throw new TlsFileError(keyPath, `does not match the certificate in ${certPath} (${x509.subject.replace(/\n/g, ', ')}): it is the key of another certificate`);
  }
  return { cert, key, certPath, keyPath, subject: x509.subject, subjectAltName: x509.subjectAltName, validTo: new Date(x509.validTo) };
}
