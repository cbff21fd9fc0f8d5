import { sha256 } from '@noble/hashes/sha2.js';

/**
 * Browser stand-in for the two Node `crypto` functions `@ringcentral/sdk` 5 imports (`Platform.loginUrl` with
 * `usePKCE`: `randomBytes(32).toString('base64')` for the code verifier and
 * `createHash('sha256').update(v).digest().toString('base64')` for the S256 challenge, RFC 7636).
 *
 * The bundle aliases the module id `crypto` to this file. It must stay synchronous: `loginUrl` is synchronous and
 * the login popup has to open within the click's task (popup blockers), so WebCrypto's async `subtle.digest`
 * cannot be used. Randomness comes from `crypto.getRandomValues`; SHA-256 from `@noble/hashes` (audited, ~2 KB).
 * Only `base64` (and `hex`) output encodings are supported — all the SDK asks for.
 * @public
 */
export function randomBytes(size: number): EncodedBytes {
  const bytes = new Uint8Array(size);
  globalThis.crypto.getRandomValues(bytes);
  return new EncodedBytes(bytes);
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

/** Minimal `Hash`: `update` (UTF-8 strings or bytes) then `digest()`. @public */
export class Sha256Hash {
  private readonly chunks: Uint8Array[] = [];

  update(data: string | Uint8Array): this {
    this.chunks.push(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return this;
  }

  digest(): EncodedBytes {
    const length = this.chunks.reduce((sum, c) => sum + c.length, 0);
    const all = new Uint8Array(length);
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return new EncodedBytes(sha256(all));
  }
}

export default { randomBytes, createHash };
