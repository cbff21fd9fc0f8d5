import { LightningElement, api } from 'lwc';
import type { CallerIdNumber } from '../../../core/ports/telephony-port';
import type { LocalPreferences } from '../../../core/settings/local-preferences';
import { CALLING_DEVICES } from '../../../core/settings/settings';
import { IDLE, isPending, raise } from '../../softphone-events';
import type { CommandFeedback } from '../../softphone-events';
import { usageTypeLabel } from '../../usage-type';
import { labels } from '../../labels';

/**
 * Dialer: number field, keypad, caller ID picker, calling device (browser web phone, RingOut, or the RingCentral app /
 * desk phone — the three of Settings), Call.
 *
 * Raises `dial` (`{number}`, trimmed), `preferenceschange` (`{patch}`) and `opensettings` (`{}`: RingOut has no number
 * to ring first — "Set it in Settings"). Everything is disabled while the softphone cannot call (`disabled`). Call is disabled while the dial is in
 * flight (`feedback.pending`); the number is cleared once the dial succeeds and kept, with `feedback.error` shown,
 * when it fails, so the agent can correct it.
 */
export default class Dialer extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api callerIds: readonly CallerIdNumber[] = [];
  @api preferences: LocalPreferences | null = null;
  @api disabled = false;
  number = '';
  private current: CommandFeedback = IDLE;

  /** The app's answer to the dialer's commands. */
  @api
  get feedback(): CommandFeedback {
    return this.current;
  }

  set feedback(value: CommandFeedback | null | undefined) {
    const next = value ?? IDLE;
    if (isPending(this.current, 'dial') && !isPending(next, 'dial') && next.error === null) this.number = '';
    this.current = next;
  }

  get busy(): boolean {
    return isPending(this.current, 'dial');
  }

  get error(): string | null {
    return this.current.error;
  }

  get callDisabled(): boolean {
    return this.disabled || this.busy || this.number.trim() === '' || this.ringOutNumberMissing;
  }

  /** RingOut is chosen but no number is set for it to ring first: Call cannot work, Settings is where to fix it. */
  get ringOutNumberMissing(): boolean {
    return this.ringOutSelected && !this.preferences?.ringOutNumber;
  }

  get callerIdOptions(): readonly { value: string; label: string; selected: boolean }[] {
    const chosen = this.preferences?.callerId ?? '';
    return [
      { value: '', label: labels.Default_caller_ID, selected: chosen === '' },
      ...this.callerIds.map((c) => ({
        value: c.phoneNumber,
        label: `${c.phoneNumber} · ${c.label || usageTypeLabel(c.usageType)}`,
        selected: c.phoneNumber === chosen,
      })),
    ];
  }

  get browserSelected(): boolean {
    return (this.preferences?.callingDevice ?? 'browser') === 'browser';
  }

  get ringOutOnlySelected(): boolean {
    return this.preferences?.callingDevice === 'ringout';
  }

  /** The RingCentral app / desk phone (ADR 0029): calls ring there, and dialled calls are RingOuts from it. */
  get otherDeviceSelected(): boolean {
    return this.preferences?.callingDevice === 'otherDevice';
  }

  /** Outbound calls are RingOuts (the agent's phone rings first): with RingOut, and with the app / desk phone. */
  get ringOutSelected(): boolean {
    return this.ringOutOnlySelected || this.otherDeviceSelected;
  }

  handleNumber(event: Event): void {
    this.number = (event.currentTarget as HTMLInputElement).value;
  }

  handleDigit(event: CustomEvent<{ digit: string }>): void {
    this.number += event.detail.digit;
  }

  handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.handleCall();
    }
  }

  handleCallerId(event: Event): void {
    const value = (event.currentTarget as HTMLSelectElement).value;
    raise(this, 'preferenceschange', { patch: { callerId: value === '' ? null : value } });
  }

  /** The calling device, one of the three the Settings panel offers (a change of device between calls, ADR 0029). */
  handleDevice(event: Event): void {
    const chosen = (event.currentTarget as HTMLInputElement).value;
    const value = CALLING_DEVICES.find((d) => d === chosen) ?? 'browser';
    raise(this, 'preferenceschange', { patch: { callingDevice: value } });
  }

  handleOpenSettings(): void {
    raise(this, 'opensettings', {});
  }

  handleCall(): void {
    if (this.callDisabled) return;
    raise(this, 'dial', { number: this.number.trim() });
  }
}
