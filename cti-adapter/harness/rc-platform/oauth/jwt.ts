import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims the simulator reads from a JWT assertion. */
export interface JwtClaims {
  /** Extension id or login e-mail of the user the credential belongs to. */
  sub?: string;
  iss?: string;
  aud?: string | string[];
  /** Seconds since epoch. */
  exp?: number;
  /** Seconds since epoch. */
  nbf?: number;
  iat?: number;
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

/**
 * Signs claims as an HS256 JWT (`{"alg":"HS256","typ":"JWT"}`). The simulator mints the seeded users' JWT
 * credentials with it, signed with the JWT client's secret.
 */
export function signJwtHs256(claims: JwtClaims & Record<string, unknown>, secret: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * Verifies an HS256 JWT and returns its claims. Real RingCentral JWT credentials are opaque platform-issued
 * tokens; the simulator instead accepts any HS256 JWT signed with the calling client's secret whose `sub` names a
 * seeded user (extension id or e-mail), checking `exp`/`nbf` when present (30 s leeway).
 * Hand-written with `node:crypto` (HMAC + constant-time compare): a dozen lines, no JWT library is a direct dependency.
 * @throws Error with a reason when malformed, not HS256, badly signed, expired or not yet valid.
 */
export function verifyJwtHs256(token: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): JwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('malformed JWT');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: { alg?: string };
  let claims: JwtClaims;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as { alg?: string };
    claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    throw new Error('malformed JWT');
  }
  if (header.alg !== 'HS256') throw new Error(`unsupported JWT alg ${String(header.alg)}`);
  const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
  const actual = Buffer.from(signaturePart, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new Error('invalid JWT signature');
  if (typeof claims.exp === 'number' && claims.exp + 30 < nowSeconds) throw new Error('JWT expired');
  if (typeof claims.nbf === 'number' && claims.nbf - 30 > nowSeconds) throw new Error('JWT not yet valid');
  return claims;
}
