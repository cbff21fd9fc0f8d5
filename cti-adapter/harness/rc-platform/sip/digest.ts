import { createHash, randomBytes } from 'node:crypto';

/**
 * SIP digest authentication as RingCentral's WebRTC edge and `ringcentral-web-phone` 2.x use it: MD5, no `qop`,
 * `response = MD5(MD5(authorizationId:realm:password):nonce:MD5(METHOD:uri))` (RFC 2617 §3.2.2.1 without qop).
 * The client takes `realm` and `uri` from its sipInfo (`domain`, `sip:{domain}`), not from the challenge; only the
 * nonce is read from `Www-Authenticate` (REGISTER) or `Proxy-Authenticate` (INVITE, where the nonce must not be the
 * first parameter: the client matches `/, nonce="(.+?)"/`). Source: `ringcentral-web-phone/dist/utils.mjs`,
 * `sip-client.mjs`, `call-session/outbound.mjs`.
 */

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** Parsed `Authorization` / `Proxy-Authorization` header (`Digest k="v", …`). Keys are lower-case. */
export type DigestCredentials = Record<string, string>;

/** Parses `Digest algorithm="MD5", username="…", …`; returns `undefined` when the scheme is not Digest. */
export function parseDigestHeader(value: string): DigestCredentials | undefined {
  const match = /^\s*Digest\s+(.*)$/i.exec(value);
  if (!match?.[1]) return undefined;
  const result: DigestCredentials = {};
  const pattern = /([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|([^,\s]+))/g;
  for (const part of match[1].matchAll(pattern)) {
    const key = part[1];
    if (key) result[key.toLowerCase()] = part[2] ?? part[3] ?? '';
  }
  return result;
}

/** The digest response the client computes (no qop). */
export function computeDigestResponse(input: {
  username: string;
  realm: string;
  password: string;
  nonce: string;
  method: string;
  uri: string;
}): string {
  const ha1 = md5(`${input.username}:${input.realm}:${input.password}`);
  const ha2 = md5(`${input.method}:${input.uri}`);
  return md5(`${ha1}:${input.nonce}:${ha2}`);
}

/** A fresh random nonce (hex). */
export function createNonce(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

/** `Www-Authenticate` (REGISTER challenge) value. */
export function wwwAuthenticate(realm: string, nonce: string): string {
  return `Digest realm="${realm}", nonce="${nonce}", algorithm=MD5`;
}

/** `Proxy-Authenticate` (INVITE challenge) value; the nonce is deliberately not the first parameter. */
export function proxyAuthenticate(realm: string, nonce: string): string {
  return `Digest algorithm=MD5, realm="${realm}", nonce="${nonce}"`;
}

/**
 * Verifies a digest header against the expected password. The realm and uri are taken from the header itself
 * (the client sends its own domain); the nonce must be one the server issued.
 */
export function verifyDigest(
  header: string | undefined,
  expected: { authorizationId: string; password: string; method: string; isIssuedNonce: (nonce: string) => boolean },
): boolean {
  if (!header) return false;
  const credentials = parseDigestHeader(header);
  if (!credentials) return false;
  const { username, realm, nonce, uri, response } = credentials;
  if (!username || realm === undefined || !nonce || !uri || !response) return false;
  if (username !== expected.authorizationId || !expected.isIssuedNonce(nonce)) return false;
  const wanted = computeDigestResponse({
    username,
    realm,
    password: expected.password,
    nonce,
    method: expected.method,
    uri,
  });
  return wanted === response.toLowerCase();
}
