import { linearToMulaw, SAMPLES_PER_FRAME, SILENCE_FRAME, soundPattern, toneFrames } from '../pcmu';
import { DtmfCollector, parseTelephoneEvent } from '../telephone-event';

describe('PCMU (G.711 µ-law)', () => {
  it('encodes the reference points of the µ-law table', () => {
    expect(linearToMulaw(0)).toBe(0xff);
    expect(linearToMulaw(-1)).toBe(0x7f);
    expect(linearToMulaw(32767)).toBe(0x80);
    expect(linearToMulaw(-32768)).toBe(0x00);
    expect(SILENCE_FRAME.every((b) => b === 0xff)).toBe(true);
  });

  it('cuts tone patterns into 20 ms frames of 160 samples, silence as silence', () => {
    const frames = toneFrames([
      { frequencies: [440], durationMs: 100 },
      { frequencies: [], durationMs: 40 },
    ]);
    expect(frames).toHaveLength(7);
    expect(frames.every((f) => f.length === SAMPLES_PER_FRAME)).toBe(true);
    expect(frames[0]!.some((b) => b !== 0xff)).toBe(true);
    expect(frames[6]!.every((b) => b === 0xff)).toBe(true);
  });

  it('gives greetings and recordings their own patterns and pitches', () => {
    expect(soundPattern('enter-customer-number', 'greeting')).not.toEqual(
      soundPattern('enter-customer-number', 'recording'),
    );
    expect(soundPattern('silver-welcome', 'recording')).not.toEqual(soundPattern('gold-welcome', 'recording'));
  });
});

describe('telephone-event (RFC 4733)', () => {
  const packet = (event: number, end: boolean, duration = 800): Buffer => {
    const payload = Buffer.alloc(4);
    payload[0] = event;
    payload[1] = (end ? 0x80 : 0) | 10;
    payload.writeUInt16BE(duration, 2);
    return payload;
  };

  it('parses digits, * and #, the End bit and the duration', () => {
    expect(parseTelephoneEvent(packet(1, false))).toEqual({ digit: '1', end: false, duration: 800 });
    expect(parseTelephoneEvent(packet(10, true))?.digit).toBe('*');
    expect(parseTelephoneEvent(packet(11, true))?.digit).toBe('#');
    expect(parseTelephoneEvent(packet(20, true))?.digit).toBeNull();
    expect(parseTelephoneEvent(Buffer.alloc(3))).toBeNull();
  });

  it('reports each event once, at its first End packet, however often it is repeated', () => {
    const digits: string[] = [];
    const collector = new DtmfCollector((d) => digits.push(d));
    for (const [timestamp, event] of [
      [1000, 1],
      [2000, 0],
      [3000, 11],
    ] as const) {
      collector.packet(timestamp, packet(event, false, 160));
      collector.packet(timestamp, packet(event, false, 320));
      for (let i = 0; i < 3; i++) collector.packet(timestamp, packet(event, true, 800));
    }
    expect(digits).toEqual(['1', '0', '#']);
  });
});
