/**
 * Browser stand-in for `blueimp-md5`, which `ringcentral-web-phone` imports only for the SIP Digest response of
 * REGISTER and INVITE (RFC 2617 / RFC 3261 §22.4: `MD5(HA1:nonce:HA2)` as lowercase hex). The bundle aliases the
 * module id `blueimp-md5` to this file: the same `md5(text)` → lowercase hex of the digest of the text's UTF-8 bytes.
 *
 * MD5 as RFC 1321 specifies it, written out here because it is the first paint's (ADR 0018) smallest option: the
 * round constants are the RFC's `floor(abs(sin(i + 1)) × 2^32)`, computed (every one is at least 0.015 away from an
 * integer, far beyond any engine's `Math.sin` error), and nothing else of a hashing library ships. MD5 here is the
 * protocol's digest, not a choice of ours. Checked against the RFC 1321 test suite, Node's `crypto` and `blueimp-md5`
 * by its tests.
 * @public
 */
export default function md5Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // Padding: 0x80, zeros to 56 mod 64, then the length in bits as 64-bit little endian.
  const blocks = ((bytes.length + 8) >>> 6) + 1;
  const words = new Uint32Array(blocks * 16);
  for (let i = 0; i < bytes.length; i++) words[i >> 2]! |= bytes[i]! << ((i % 4) * 8);
  words[bytes.length >> 2]! |= 0x80 << ((bytes.length % 4) * 8);
  words[blocks * 16 - 2] = (bytes.length * 8) >>> 0;
  words[blocks * 16 - 1] = Math.floor(bytes.length / 0x20000000);
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let block = 0; block < words.length; block += 16) {
    let [a, b, c, d] = state as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f =
        round === 0 ? (b & c) | (~b & d) : round === 1 ? (d & b) | (~d & c) : round === 2 ? b ^ c ^ d : c ^ (b | ~d);
      const g = round === 0 ? i : round === 1 ? (5 * i + 1) % 16 : round === 2 ? (3 * i + 5) % 16 : (7 * i) % 16;
      const sum = (a + f + K[i]! + words[block + g]!) | 0;
      const shift = SHIFTS[round * 4 + (i % 4)]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    state[0] = (state[0]! + a) | 0;
    state[1] = (state[1]! + b) | 0;
    state[2] = (state[2]! + c) | 0;
    state[3] = (state[3]! + d) | 0;
  }
  let hex = '';
  for (const word of state) {
    for (let byte = 0; byte < 4; byte++) hex += ((word >>> (byte * 8)) & 0xff).toString(16).padStart(2, '0');
  }
  return hex;
}

/** Per-round left rotations (RFC 1321 §3.4: S11…S44, four per round). */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** The RFC's table T[1…64]: `floor(abs(sin(i)) × 2^32)`. */
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
