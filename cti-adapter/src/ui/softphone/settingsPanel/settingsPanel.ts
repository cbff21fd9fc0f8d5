import { LightningElement, api } from 'lwc';
import type { CallerIdNumber } from '../../../core/ports/telephony-port';
import type { LocalPreferences } from '../../../core/settings/local-preferences';
import { raise } from '../../softphone-events';

/**
 * Agent settings kept in this browser: ringer on/off and volume, calling device, RingOut number, default caller ID.
 *
 * Raises `preferenceschange` (`{patch}`) for each change and `logout` (`{}`) for "Sign out of RingCentral".
 */
export default class SettingsPanel extends LightningElement {
  static override renderMode = 'light' as const;
  @api preferences: LocalPreferences | null = null;
  @api callerIds: readonly CallerIdNumber[] = [];
  @api userName: string | null = null;

  get ringerEnabled(): boolean {
    return this.preferences?.ringerEnabled ?? true;
  }

  get ringerVolume(): number {
    return Math.round((this.preferences?.ringerVolume ?? 0.8) * 100);
  }

  get ringOutNumber(): string {
    return this.preferences?.ringOutNumber ?? '';
  }

  get isRingOut(): boolean {
    return this.preferences?.callingDevice === 'ringout';
  }

  get deviceOptions(): readonly { value: string; label: string; selected: boolean }[] {
    const device = this.preferences?.callingDevice ?? 'browser';
    return [
      { value: 'browser', label: 'Browser (web phone)', selected: device === 'browser' },
      { value: 'ringout', label: 'RingOut (my phone rings first)', selected: device === 'ringout' },
    ];
  }

  get callerIdOptions(): readonly { value: string; label: string; selected: boolean }[] {
    const chosen = this.preferences?.callerId ?? '';
    return [
      { value: '', label: 'Default caller ID', selected: chosen === '' },
      ...this.callerIds.map((c) => ({
        value: c.phoneNumber,
        label: c.phoneNumber,
        selected: c.phoneNumber === chosen,
      })),
    ];
  }

  handleRinger(event: Event): void {
    this.change({ ringerEnabled: (event.currentTarget as HTMLInputElement).checked });
  }

  handleVolume(event: Event): void {
    const value = Number((event.currentTarget as HTMLInputElement).value);
    if (Number.isFinite(value)) this.change({ ringerVolume: Math.min(1, Math.max(0, value / 100)) });
  }

  handleDevice(event: Event): void {
    const value = (event.currentTarget as HTMLSelectElement).value === 'ringout' ? 'ringout' : 'browser';
    this.change({ callingDevice: value });
  }

  handleRingOutNumber(event: Event): void {
    const value = (event.currentTarget as HTMLInputElement).value.trim();
    this.change({ ringOutNumber: value === '' ? null : value });
  }

  handleCallerId(event: Event): void {
    const value = (event.currentTarget as HTMLSelectElement).value;
    this.change({ callerId: value === '' ? null : value });
  }

  handleLogout(): void {
    raise(this, 'logout', {});
  }

  private change(patch: Partial<LocalPreferences>): void {
    raise(this, 'preferenceschange', { patch });
  }
}
