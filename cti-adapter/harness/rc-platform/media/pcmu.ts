/**
 * G.711 µ-law (PCMU, RTP payload type 0, 8 kHz) audio for the simulator's media endpoint: the encoder of ITU-T
 * Recommendation G.711 and the tone patterns the simulated IVR greetings and recordings play. 20 ms frames
 * (160 samples), as RTP packetizes them.
 */

/** Samples per 20 ms frame at 8 kHz. */
export const SAMPLES_PER_FRAME = 160;
/** One frame of PCMU silence (µ-law of 0 is 0xFF). */
export const SILENCE_FRAME = Buffer.alloc(SAMPLES_PER_FRAME, 0xff);

const BIAS = 0x84;
const CLIP = 32635;

/** µ-law code of one 16-bit linear sample (ITU-T G.711, with the usual 0x84 bias and clipping). */
export function linearToMulaw(sample: number): number {
  let value = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = value < 0 ? 0x80 : 0;
  if (value < 0) value = -value;
  value = Math.min(value, CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; exponent--, mask >>= 1);
  const mantissa = (value >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** One segment of a tone pattern: a sine (or two, as in DTMF) for a duration, or silence when no frequency. */
export interface ToneSegment {
  readonly frequencies: readonly number[];
  readonly durationMs: number;
}

/** PCMU frames of a pattern (amplitude about −10 dBFS per tone). */
export function toneFrames(pattern: readonly ToneSegment[]): Buffer[] {
  const frames: Buffer[] = [];
  let t = 0;
  for (const segment of pattern) {
    const count = Math.max(1, Math.round(segment.durationMs / 20));
    for (let f = 0; f < count; f++) {
      const frame = Buffer.alloc(SAMPLES_PER_FRAME);
      for (let i = 0; i < SAMPLES_PER_FRAME; i++, t++) {
        const s = segment.frequencies.reduce((sum, hz) => sum + Math.sin((2 * Math.PI * hz * t) / 8000), 0);
        frame[i] = linearToMulaw(segment.frequencies.length === 0 ? 0 : (s * 10000) / segment.frequencies.length);
      }
      frames.push(frame);
    }
  }
  return frames;
}

/**
 * The pattern a named sound plays: a greeting is two rising beeps then silence (the caller may then dial), a
 * recording three steady tones; the name picks the pitch, so different recordings sound different. There are no
 * real sound files in the simulator.
 */
export function soundPattern(name: string, kind: 'greeting' | 'recording'): ToneSegment[] {
  const base = 440 + ([...name].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 8) * 40;
  if (kind === 'greeting') {
    return [
      { frequencies: [base], durationMs: 300 },
      { frequencies: [], durationMs: 100 },
      { frequencies: [base * 1.5], durationMs: 300 },
      { frequencies: [], durationMs: 300 },
    ];
  }
  return [0, 1, 2].flatMap(() => [
    { frequencies: [base], durationMs: 600 },
    { frequencies: [], durationMs: 200 },
  ]);
}
