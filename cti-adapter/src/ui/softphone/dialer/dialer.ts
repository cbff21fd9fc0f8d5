import { LightningElement, api } from 'lwc';
import type { CallerIdNumber } from '../../../core/ports/telephony-port';
import type { LocalPreferences } from '../../../core/settings/local-preferences';
import type { SoftphoneController } from '../../softphone-controller';
import { errorText } from '../../view-format';

/** Dialer: number field, keypad, caller ID picker, calling device (browser web phone or RingOut), Call. */
export default class Dialer extends LightningElement {
  static override renderMode = 'light' as const;
  @api controller: SoftphoneController | null = null;
  @api callerIds: readonly CallerIdNumber[] = [];
  @api preferences: LocalPreferences | null = null;
  @api disabled = false;
  number = '';
  error: string | null = null;
  busy = false;

  get callDisabled(): boolean {
    return this.disabled || this.busy || this.number.trim() === '';
  }

  get callerIdOptions(): readonly { value: string; label: string; selected: boolean }[] {
    const chosen = this.preferences?.callerId ?? '';
    return [
      { value: '', label: 'Default caller ID', selected: chosen === '' },
      ...this.callerIds.map((c) => ({
        value: c.phoneNumber,
        label: `${c.phoneNumber}${c.label ? ` (${c.label})` : ` (${c.usageType})`}`,
        selected: c.phoneNumber === chosen,
      })),
    ];
  }

  get browserSelected(): boolean {
    return (this.preferences?.callingDevice ?? 'browser') === 'browser';
  }

  get ringOutSelected(): boolean {
    return this.preferences?.callingDevice === 'ringout';
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
      void this.handleCall();
    }
  }

  handleCallerId(event: Event): void {
    const value = (event.currentTarget as HTMLSelectElement).value;
    this.controller?.setPreferences({ callerId: value === '' ? null : value });
  }

  handleDevice(event: Event): void {
    const value = (event.currentTarget as HTMLInputElement).value === 'ringout' ? 'ringout' : 'browser';
    this.controller?.setPreferences({ callingDevice: value });
  }

  async handleCall(): Promise<void> {
    if (!this.controller || this.callDisabled) return;
    this.busy = true;
    this.error = null;
    try {
      await this.controller.dial(this.number.trim());
      this.number = '';
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.busy = false;
    }
  }
}
