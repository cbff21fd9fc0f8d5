/**
 * DTMF received as RTP "telephone-event" payloads (RFC 4733, "RTP Payload for DTMF Digits, Telephony Tones, and
 * Telephony Signals", § 2.3): one event per RTP timestamp, sent as several packets while the key is held, the last
 * three with the End bit. Browsers' `RTCDTMFSender` (what `ringcentral-web-phone`'s `sendDtmf` uses) send exactly this.
 */

/** Event codes 0-15 (RFC 4733 § 3.2): digits, `*`, `#`, A-D. */
const DIGITS = '0123456789*#ABCD';

/** One parsed telephone-event payload. */
export interface TelephoneEvent {
  /** `0`-`9`, `*`, `#`, `A`-`D`; null for other events (tones, flash). */
  readonly digit: string | null;
  /** The End bit. */
  readonly end: boolean;
  /** Duration in timestamp units. */
  readonly duration: number;
}

/** Parses the 4-byte payload (`event`, `E|R|volume`, `duration`); null when shorter. */
export function parseTelephoneEvent(payload: Buffer): TelephoneEvent | null {
  if (payload.length < 4) return null;
  const code = payload[0]!;
  return {
    digit: code < DIGITS.length ? DIGITS.charAt(code) : null,
    end: (payload[1]! & 0x80) !== 0,
    duration: payload.readUInt16BE(2),
  };
}

/**
 * Turns a stream of telephone-event packets into digits: each event (RTP timestamp) is reported once, at its first
 * End packet; the repeated End packets and the packets sent while the key is held are ignored.
 */
export class DtmfCollector {
  private readonly reported = new Set<number>();

  constructor(private readonly onDigit: (digit: string) => void) {}

  /** Feeds one packet: its RTP timestamp and payload. */
  packet(timestamp: number, payload: Buffer): void {
    const event = parseTelephoneEvent(payload);
    if (!event?.end || event.digit === null || this.reported.has(timestamp)) return;
    this.reported.add(timestamp);
    if (this.reported.size > 256) this.reported.delete(this.reported.values().next().value as number);
    this.onDigit(event.digit);
  }
}
