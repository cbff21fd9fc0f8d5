import { SegmentedMessage } from 'sms-segments-calculator';

/** Longest SMS text RingCentral sends (`POST …/sms` answers 400 `MSG-304` above it). @public */
export const MAX_SMS_LENGTH = 1000;

/**
 * What the compose box shows under the text: its length, how the carrier will encode it and into how many segments
 * it will be split. GSM-7 packs 160 characters in one segment (153 per segment when split; `€`, `[`, `]`, `{`, `}`,
 * `\`, `~`, `^`, `|` count twice), UCS-2 — any character outside the GSM 03.38 alphabet, such as an emoji or a curly
 * quote — 70 (67 when split) (3GPP TS 23.038; counted with `sms-segments-calculator`).
 * @public
 */
export interface SmsComposition {
  /** UTF-16 code units, as RingCentral counts the 1000-character limit. */
  readonly length: number;
  readonly encoding: 'GSM-7' | 'UCS-2';
  readonly segments: number;
  /** Characters that force UCS-2 (each once, in order of appearance). */
  readonly unicodeCharacters: readonly string[];
  /** Why the text cannot be sent as it is, or `null`. */
  readonly problem: 'empty' | 'too-long' | null;
}

/**
 * The composition of an SMS text (pure). Empty or blank text and text over {@link MAX_SMS_LENGTH} have a `problem`.
 * @public
 */
export function composeSms(text: string): SmsComposition {
  const length = text.length;
  if (text.trim() === '') {
    return { length, encoding: 'GSM-7', segments: 0, unicodeCharacters: [], problem: 'empty' };
  }
  const message = new SegmentedMessage(text);
  const unicodeCharacters = message.encodingName === 'UCS-2' ? [...new Set(message.getNonGsmCharacters())] : [];
  return {
    length,
    encoding: message.encodingName,
    segments: message.segmentsCount,
    unicodeCharacters,
    problem: length > MAX_SMS_LENGTH ? 'too-long' : null,
  };
}
