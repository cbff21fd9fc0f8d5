import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The per-rule secret of the CRM routing endpoint (`docs/adr/0017-crm-routing-endpoint-authentication.md`): 32 random
 * bytes in base64url (43 characters), stored only as `SHA-256(salt + ":" + secret)` in lower-case hex with a 16-byte
 * random salt (hex), compared in constant time. The package's Apex twin is `RoutingSecret`; the contract vectors carry
 * hashes checked by both.
 */

/** Name of the header that carries a rule's secret. */
export const ROUTING_SECRET_HEADER = 'X-CRM-Routing-Secret';

/** A new secret: 43 characters of base64url. */
export function newRoutingSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A new salt: 32 hex characters. */
export function newRoutingSalt(): string {
  return randomBytes(16).toString('hex');
}

/** The stored form of a secret: SHA-256 of `salt:secret`, lower-case hex. */
export function hashRoutingSecret(salt: string, secret: string): string {
  return createHash('sha256').update(`${salt}:${secret}`, 'utf8').digest('hex');
}

/** Whether a presented secret is the rule's (constant-time comparison of the digests). */
export function routingSecretMatches(
  presented: string | null | undefined,
  salt: string | null | undefined,
  expectedHash: string | null | undefined,
): boolean {
  if (!presented || !salt || !expectedHash || expectedHash.length !== 64) return false;
  const actual = Buffer.from(hashRoutingSecret(salt, presented), 'utf8');
  const expected = Buffer.from(expectedHash.toLowerCase(), 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
