import * as nodeCrypto from 'node:crypto';
import {
  PKCE_NOT_READY_MESSAGE,
  createHash,
  pkceVerifierReady,
  prepareSha256,
  preparePkceVerifier,
  randomBytes,
} from '../sdk-crypto-shim';

/** What the SDK's `Platform.loginUrl({usePKCE: true})` does with the `crypto` module (`_generateCodeVerifier`). */
function sdkLoginUrlChallenge(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '');
  const challenge = createHash('sha256')
    .update(verifier)
    .digest()
    .toString('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=/g, '');
  return { verifier, challenge };
}

const nodeChallenge = (verifier: string): string =>
  nodeCrypto.createHash('sha256').update(verifier).digest('base64url');

describe('sdk-crypto-shim (browser stand-in for the SDK PKCE helpers)', () => {
  it.each(['', 'abc', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'é✓ unicode'])(
    'a prepared sha256(%j) base64 equals Node crypto',
    async (input) => {
      await prepareSha256(input);
      expect(createHash('sha256').update(input).digest().toString('base64')).toBe(
        nodeCrypto.createHash('sha256').update(input).digest().toString('base64'),
      );
    },
  );

  it('matches the RFC 7636 appendix B example (S256 challenge of the sample verifier)', async () => {
    await prepareSha256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    const challenge = createHash('sha256')
      .update('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')
      .digest()
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=/g, '');
    expect(challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('hands out a prepared verifier and its S256 challenge synchronously, once', async () => {
    await preparePkceVerifier();
    expect(pkceVerifierReady()).toBe(true);
    const { verifier, challenge } = sdkLoginUrlChallenge();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(nodeChallenge(verifier));
    expect(pkceVerifierReady()).toBe(false);
    // Used: the next sign-in needs a new one; without it the SDK's loginUrl throws a clear error, no URL.
    expect(() => sdkLoginUrlChallenge()).toThrow(PKCE_NOT_READY_MESSAGE);
    await preparePkceVerifier();
    const next = sdkLoginUrlChallenge();
    expect(next.verifier).not.toBe(verifier);
    expect(next.challenge).toBe(nodeChallenge(next.verifier));
  });

  it('prepares one verifier at a time however often the sign-in is offered', async () => {
    await Promise.all([preparePkceVerifier(), preparePkceVerifier()]);
    await preparePkceVerifier();
    const first = sdkLoginUrlChallenge();
    expect(first.challenge).toBe(nodeChallenge(first.verifier));
    expect(pkceVerifierReady()).toBe(false);
  });

  it('refuses a digest that was not prepared (a click before the challenge is ready)', () => {
    expect(() => createHash('sha256').update('never prepared').digest()).toThrow(PKCE_NOT_READY_MESSAGE);
  });

  it('randomBytes gives fresh bytes of the asked length, base64 like Buffer', () => {
    const a = randomBytes(16);
    const b = randomBytes(16);
    expect(a.bytes).toHaveLength(16);
    expect(a.toString('base64')).not.toBe(b.toString('base64'));
    expect(a.toString('base64')).toBe(Buffer.from(a.bytes).toString('base64'));
    expect(a.toString('hex')).toBe(Buffer.from(a.bytes).toString('hex'));
  });

  it('refuses other algorithms', () => {
    expect(() => createHash('md5')).toThrow(/unsupported/);
  });
});
