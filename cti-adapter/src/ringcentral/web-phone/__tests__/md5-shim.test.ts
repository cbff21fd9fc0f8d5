import * as nodeCrypto from 'node:crypto';
import blueimpMd5 from 'blueimp-md5';
import md5Hex from '../md5-shim';

describe('md5-shim (the bundle’s blueimp-md5)', () => {
  it('gives the RFC 1321 test suite digests', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5Hex('12345678901234567890123456789012345678901234567890123456789012345678901234567890')).toBe(
      '57edf4a22be3c955ac49da2e2107b67a',
    );
  });

  it('equals blueimp-md5 on SIP Digest inputs, non-ASCII text and block boundaries', () => {
    const inputs = [
      '800123456:sip.ringcentral.com:s3cr3t',
      'REGISTER:sip:sip.ringcentral.com',
      'ab3f0e8c2d0e4b1c9c1f8b7a6d5e4c3b:1a2b3c4d5e6f:0123456789abcdef0123456789abcdef',
      'Zoë Ñandú 电话 📞',
      'x'.repeat(55),
      'x'.repeat(56),
      'x'.repeat(64),
      'x'.repeat(1000),
    ];
    for (const input of inputs) expect(md5Hex(input)).toBe(blueimpMd5(input));
  });
});

describe('md5-shim against Node crypto', () => {
  it('equals Node’s MD5 for every length from 0 to 300 bytes and random text', () => {
    const random = () => Math.random().toString(36).slice(2);
    for (let length = 0; length <= 300; length++) {
      const input = 'é'.repeat(length % 3) + 'a'.repeat(length);
      expect(md5Hex(input)).toBe(nodeCrypto.createHash('md5').update(input, 'utf8').digest('hex'));
    }
    for (let i = 0; i < 50; i++) {
      const input = random().repeat(i);
      expect(md5Hex(input)).toBe(nodeCrypto.createHash('md5').update(input, 'utf8').digest('hex'));
    }
  });

  it('gives the well-known digest of the pangram', () => {
    expect(md5Hex('The quick brown fox jumps over the lazy dog')).toBe('9e107d9d372bb6826bd81d3542a419d6');
  });
});
