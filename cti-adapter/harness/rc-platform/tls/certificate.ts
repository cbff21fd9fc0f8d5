import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { generate } from 'selfsigned';

/** A generated server certificate. */
export interface ServerCertificate {
  /** PEM certificate. */
  pem: string;
  /** PEM private key. */
  privateKeyPem: string;
  /**
   * Base64 SHA-256 of the certificate's SubjectPublicKeyInfo: the value Chromium's
   * `--ignore-certificate-errors-spki-list` takes.
   */
  spkiSha256Base64: string;
  /** SHA-256 fingerprint as `AA:BB:…`. */
  fingerprintSha256: string;
}

/**
 * Generates a fresh self-signed certificate for `localhost`, `127.0.0.1` and `::1` with the `selfsigned` library
 * (EC P-256, valid 30 days, unique subject). Nothing is written to disk.
 * @param organization the subject's organization (default: the simulator's); a random suffix keeps it unique
 */
export async function generateServerCertificate(
  organization = 'RingCentral platform simulator',
): Promise<ServerCertificate> {
  const now = new Date();
  const result = await generate(
    [
      { name: 'commonName', value: 'localhost' },
      // A unique subject per start: several simulators' certificates can then be trusted side by side
      // (OpenSSL picks the issuer by subject name).
      { name: 'organizationName', value: `${organization} ${randomBytes(6).toString('hex')}` },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now.getTime() - 60_000),
      notAfterDate: new Date(now.getTime() + 30 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    },
  );
  const x509 = new X509Certificate(result.cert);
  const spki = x509.publicKey.export({ type: 'spki', format: 'der' });
  return {
    pem: result.cert,
    privateKeyPem: result.private,
    spkiSha256Base64: createHash('sha256').update(spki).digest('base64'),
    fingerprintSha256: x509.fingerprint256,
  };
}
