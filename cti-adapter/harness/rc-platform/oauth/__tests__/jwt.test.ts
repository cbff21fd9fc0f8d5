import { signJwtHs256, verifyJwtHs256 } from '../jwt';

describe('HS256 JWT', () => {
  const now = 1_800_000_000;

  it('round-trips claims signed with the secret', () => {
    const token = signJwtHs256({ sub: '62264101', exp: now + 60 }, 's3cret');
    expect(token.split('.')).toHaveLength(3);
    expect(verifyJwtHs256(token, 's3cret', now)).toMatchObject({ sub: '62264101' });
  });

  it('rejects a wrong secret, a tampered payload, expiry, nbf, other algorithms and garbage', () => {
    const token = signJwtHs256({ sub: 'a', exp: now + 60 }, 's3cret');
    expect(() => verifyJwtHs256(token, 'other', now)).toThrow('invalid JWT signature');
    const [h, , s] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'b', exp: now + 60 })).toString('base64url');
    expect(() => verifyJwtHs256(`${h}.${forgedPayload}.${s}`, 's3cret', now)).toThrow('invalid JWT signature');
    expect(() => verifyJwtHs256(signJwtHs256({ sub: 'a', exp: now - 100 }, 's3cret'), 's3cret', now)).toThrow(
      'JWT expired',
    );
    expect(() => verifyJwtHs256(signJwtHs256({ sub: 'a', nbf: now + 100 }, 's3cret'), 's3cret', now)).toThrow(
      'not yet valid',
    );
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a"}').toString('base64url')}.`;
    expect(() => verifyJwtHs256(none, 's3cret', now)).toThrow('unsupported JWT alg none');
    expect(() => verifyJwtHs256('abc', 's3cret', now)).toThrow('malformed JWT');
  });
});
