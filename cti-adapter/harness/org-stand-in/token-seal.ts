import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The stand-in's copy of the package's `TokenSeal` (Apex, `classes/domains/TokenSeal.cls`; ADR 0016), in the same
 * format: `v1.<base64url(IV ‖ AES-256-CBC(json), PKCS#7)>.<base64url(HMAC-SHA256 of the text before the last dot)>`,
 * with the cipher, integrity and login keys derived from one 32-byte master key as HMAC-SHA256(master, label) — what
 * Apex `Crypto.encryptWithManagedIV('AES256', …)` and `Crypto.generateMac('hmacSHA256', label, master)` produce.
 */
export class TokenSeal {
  static readonly VERSION = 'v1';
  static readonly MAX_SEALED_LENGTH = 16000;
  private readonly cipherKey: Buffer;
  private readonly macKey: Buffer;
  private readonly loginKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The sealing key must be 32 bytes.');
    this.cipherKey = hmac(masterKey, 'softphone-token-encryption');
    this.macKey = hmac(masterKey, 'softphone-token-integrity');
    this.loginKey = hmac(masterKey, 'softphone-token-login');
  }

  seal(payload: Record<string, unknown>): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', this.cipherKey, iv);
    const encrypted = Buffer.concat([iv, cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
    const body = `${TokenSeal.VERSION}.${encrypted.toString('base64url')}`;
    return `${body}.${hmac(this.macKey, body).toString('base64url')}`;
  }

  /** The values, or `null` when the text is not a value sealed with this key (format, other key, altered). */
  open(sealed: unknown): Record<string, unknown> | null {
    if (typeof sealed !== 'string' || sealed.length === 0 || sealed.length > TokenSeal.MAX_SEALED_LENGTH) return null;
    const parts = sealed.split('.');
    if (parts.length !== 3 || parts[0] !== TokenSeal.VERSION) return null;
    const [version, body, mac] = parts as [string, string, string];
    if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(mac)) return null;
    const expected = hmac(this.macKey, `${version}.${body}`);
    const actual = Buffer.from(mac, 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < 32) return null;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.cipherKey, bytes.subarray(0, 16));
      const json = Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
      return jsonObject(json);
    } catch {
      return null;
    }
  }

  /** HMAC of the Salesforce login id: the id itself is never sealed. */
  loginDigest(loginId: string): string {
    return hmac(this.loginKey, loginId).toString('base64url');
  }
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** A JSON text's object (not an array or a scalar), or `null` for anything else or malformed JSON. */
export function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
