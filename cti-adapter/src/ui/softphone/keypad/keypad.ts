import { LightningElement, api } from 'lwc';
import { raise } from '../../softphone-events';
import { formatLabel, labels } from '../../labels';

const KEYS: readonly { digit: string; letters: string }[] = [
  { digit: '1', letters: '' },
  { digit: '2', letters: 'ABC' },
  { digit: '3', letters: 'DEF' },
  { digit: '4', letters: 'GHI' },
  { digit: '5', letters: 'JKL' },
  { digit: '6', letters: 'MNO' },
  { digit: '7', letters: 'PQRS' },
  { digit: '8', letters: 'TUV' },
  { digit: '9', letters: 'WXYZ' },
  { digit: '*', letters: '' },
  { digit: '0', letters: '+' },
  { digit: '#', letters: '' },
];

/**
 * Phone keypad (12 keys, 3 × 4). Fires `digit` with `detail: {digit}` (one of `0-9*#`) for each press.
 * Keys are real buttons (keyboard and screen-reader accessible).
 */
export default class Keypad extends LightningElement {
  static override renderMode = 'light' as const;
  /** Accessible label of the key group. */
  @api label = labels.Keypad;
  /** Every key disabled (the dialer while the softphone cannot call). */
  @api disabled = false;

  get keys(): readonly { digit: string; letters: string; ariaLabel: string }[] {
    return KEYS.map((k) => ({ ...k, ariaLabel: formatLabel(labels.Key_digit, k.digit) }));
  }

  handlePress(event: Event): void {
    const digit = (event.currentTarget as HTMLElement).dataset.digit;
    if (digit) raise(this, 'digit', { digit });
  }
}
