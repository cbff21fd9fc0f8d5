import * as nodeCrypto from 'node:crypto';
import { createHash, randomBytes } from '../sdk-crypto-shim';

describe('sdk-crypto-shim (browser stand-in for the SDK PKCE helpers)', () => {
  it.each(['', 'abc', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'é✓ unicode'])(
    'sha256(%j) base64 equals Node crypto',
    (input) => {
      expect(createHash('sha256').update(input).digest().toString('base64')).toBe(
        nodeCrypto.createHash('sha256').update(input).digest().toString('base64'),
      );
    },
  );

  it('matches the RFC 7636 appendix B example (S256 challenge of the sample verifier)', () => {
    const challenge = createHash('sha256')
      .update('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')
      .digest()
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=/g, '');
    expect(challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('randomBytes gives fresh bytes of the asked length, base64 like Buffer', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    expect(a.bytes).toHaveLength(32);
    expect(a.toString('base64')).not.toBe(b.toString('base64'));
    expect(a.toString('base64')).toBe(Buffer.from(a.bytes).toString('base64'));
    expect(a.toString('hex')).toBe(Buffer.from(a.bytes).toString('hex'));
  });

  it('refuses other algorithms', () => {
    expect(() => createHash('md5')).toThrow(/unsupported/);
  });
});
