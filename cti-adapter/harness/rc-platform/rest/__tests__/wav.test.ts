import { generateWav } from '../wav';

describe('generateWav', () => {
  it('writes a valid 44-byte RIFF/WAVE PCM header and a non-silent body of the clamped length', () => {
    const wav = generateWav(2);
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.subarray(8, 16).toString('ascii')).toBe('WAVEfmt ');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.subarray(36, 40).toString('ascii')).toBe('data');
    expect(wav.readUInt32LE(40)).toBe(2 * 8000 * 2);
    let energy = 0;
    for (let i = 44; i < wav.length; i += 2) energy += Math.abs(wav.readInt16LE(i));
    expect(energy).toBeGreaterThan(0);
    expect(generateWav(600).readUInt32LE(40)).toBe(10 * 8000 * 2);
    expect(generateWav(0).readUInt32LE(40)).toBe(8000 * 2);
  });
});
