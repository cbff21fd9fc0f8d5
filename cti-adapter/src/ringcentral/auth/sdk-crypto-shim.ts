/**
 * Browser stand-in for the two Node `crypto` functions `@ringcentral/sdk` 5 imports (`Platform.loginUrl` with
 * `usePKCE`: `randomBytes(32).toString('base64')` for the code verifier and
 * `createHash('sha256').update(v).digest().toString('base64')` for the S256 challenge, RFC 7636).
 *
 * The bundle aliases the module id `crypto` to this file. `loginUrl` is synchronous and the login popup has to open
 * within the click's task (popup blockers), while the browser's SHA-256 (WebCrypto `crypto.subtle.digest`, MDN
 * "SubtleCrypto: digest() method") is asynchronous. So the verifier and its SHA-256 are computed ahead, when the
 * sign-in is offered ({@link preparePkceVerifier}); at the click, `randomBytes(32)` hands out the prepared verifier
 * and `createHash('sha256')` returns its prepared digest. No SHA-256 code ships in the first paint (ADR 0018).
 * Randomness comes from `crypto.getRandomValues`. Only `base64` (and `hex`) output encodings are supported — all the
 * SDK asks for.
 * @public
 */
import { PKCE_NOT_READY_MESSAGE } from './auth-state';

/** Bytes of the PKCE code verifier the SDK draws (`Platform._generateCodeVerifier`: `randomBytes(32)`). */
export const PKCE_VERIFIER_BYTES = 32;

/** What `digest()` throws when the input's SHA-256 was not computed ahead: a click before the sign-in was ready. */
export { PKCE_NOT_READY_MESSAGE };

/** SHA-256 digests computed ahead, by input text; each is handed out once. */
const preparedDigests = new Map<string, Uint8Array>();
/** The next code verifier's bytes, once its digest is in {@link preparedDigests}. */
let preparedVerifier: Uint8Array | null = null;
let preparing: Promise<void> | null = null;

/**
 * Computes `input`'s SHA-256 (of its UTF-8 bytes) with WebCrypto, for a later synchronous
 * `createHash('sha256').update(input).digest()`. Rejects where WebCrypto is missing (not a secure context).
 * @public
 */
export async function prepareSha256(input: string): Promise<void> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(input));
  preparedDigests.set(input, new Uint8Array(digest));
}

/**
 * Draws the next PKCE code verifier (32 random bytes, as the SDK does) and computes its S256 challenge's digest, so
 * that the next `loginUrl({usePKCE: true})` runs synchronously. Idempotent while one is prepared or preparing.
 * @public
 */
export function preparePkceVerifier(): Promise<void> {
  if (preparedVerifier) return Promise.resolve();
  preparing ??= (async () => {
    try {
      const bytes = freshBytes(PKCE_VERIFIER_BYTES);
      await prepareSha256(base64Url(new EncodedBytes(bytes).toString('base64')));
      preparedVerifier = bytes;
    } finally {
      preparing = null;
    }
  })();
  return preparing;
}

/** Whether a prepared verifier is waiting for the next sign-in. @public */
export function pkceVerifierReady(): boolean {
  return preparedVerifier !== null;
}

/**
 * `randomBytes(size)`: the prepared PKCE verifier (once) when `size` is the verifier's and one is ready; otherwise
 * fresh random bytes. @public
 */
export function randomBytes(size: number): EncodedBytes {
  if (size === PKCE_VERIFIER_BYTES && preparedVerifier) {
    const bytes = preparedVerifier;
    preparedVerifier = null;
    return new EncodedBytes(bytes);
  }
  return new EncodedBytes(freshBytes(size));
}

/** `createHash('sha256')` (the only algorithm the SDK uses). @public */
export function createHash(algorithm: string): Sha256Hash {
  if (algorithm.toLowerCase() !== 'sha256') throw new Error(`crypto shim: unsupported hash ${algorithm}`);
  return new Sha256Hash();
}

/** A `Buffer`-like byte array whose `toString` encodes as Node's `Buffer` does for `base64`/`hex`. @public */
export class EncodedBytes {
  constructor(readonly bytes: Uint8Array) {}

  toString(encoding: 'base64' | 'hex' = 'hex'): string {
    if (encoding === 'hex') return Array.from(this.bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    let binary = '';
    for (const b of this.bytes) binary += String.fromCharCode(b);
    return btoa(binary);
  }
}

/**
 * Minimal `Hash`: `update` (UTF-8 strings or bytes) then `digest()`, which returns the digest prepared for that input
 * ({@link prepareSha256}) and throws {@link PKCE_NOT_READY_MESSAGE} when there is none.
 * @public
 */
export class Sha256Hash {
  private input = '';

  update(data: string | Uint8Array): this {
    this.input += typeof data === 'string' ? data : new TextDecoder().decode(data);
    return this;
  }

  digest(): EncodedBytes {
    const digest = preparedDigests.get(this.input);
    if (!digest) throw new Error(PKCE_NOT_READY_MESSAGE);
    preparedDigests.delete(this.input);
    return new EncodedBytes(digest);
  }
}

function freshBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/** base64 → base64url without padding, as the SDK turns the verifier's bytes into text. */
function base64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '');
}

export default { randomBytes, createHash };
