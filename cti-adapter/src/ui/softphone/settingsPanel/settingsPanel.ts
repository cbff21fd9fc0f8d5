import { LightningElement, api } from 'lwc';
import type { CallerIdNumber } from '../../../core/ports/telephony-port';
import type { LocalPreferences } from '../../../core/settings/local-preferences';
import type { PopMoment, Settings, UserSettingKey } from '../../../core/settings/settings';
import { raise, type SoftphoneEvents } from '../../softphone-events';

/** Note under a control whose value an admin locked (ADR 0014). */
const LOCKED_NOTE = 'Set by your admin';

const POP_MOMENTS: readonly { value: PopMoment; label: string }[] = [
  { value: 'ringing', label: 'While it rings' },
  { value: 'answer', label: 'When answered' },
  { value: 'off', label: 'Never' },
];

/**
 * The agent's settings: the user-level settings (calling device, ringer, automatic logging, when records pop for
 * incoming and dialled calls) — read-only with "Set by your admin" when an admin locked them — and the preferences
 * kept in this browser (ringer volume, RingOut number, default caller ID).
 *
 * Raises `preferenceschange` (`{patch}`) for each change and `logout` (`{}`) for "Sign out of RingCentral". A locked
 * control is disabled and raises nothing.
 */
export default class SettingsPanel extends LightningElement {
  static override renderMode = 'light' as const;
  @api preferences: LocalPreferences | null = null;
  /** The settings in force (user-level values: the agent's choice or the admin's default or locked value). */
  @api settings: Settings | null = null;
  /** User-level settings an admin locked. */
  @api locked: readonly UserSettingKey[] = [];
  @api callerIds: readonly CallerIdNumber[] = [];
  @api userName: string | null = null;

  readonly lockedNote = LOCKED_NOTE;

  private isLocked(key: UserSettingKey): boolean {
    return (this.locked ?? []).includes(key);
  }

  get ringerLocked(): boolean {
    return this.isLocked('ringerEnabled');
  }

  get deviceLocked(): boolean {
    return this.isLocked('callingDevice');
  }

  get autoLogLocked(): boolean {
    return this.isLocked('autoLog');
  }

  get inboundPopLocked(): boolean {
    return this.isLocked('inboundPop');
  }

  get outboundPopLocked(): boolean {
    return this.isLocked('outboundPop');
  }

  /** Ids of the "Set by your admin" notes, for `aria-describedby` (null while unlocked). */
  get deviceLockNote(): string | null {
    return this.deviceLocked ? 'softphone-settings-device-lock' : null;
  }

  get autoLogLockNote(): string | null {
    return this.autoLogLocked ? 'softphone-auto-log-lock' : null;
  }

  get inboundPopLockNote(): string | null {
    return this.inboundPopLocked ? 'softphone-settings-inbound-pop-lock' : null;
  }

  get outboundPopLockNote(): string | null {
    return this.outboundPopLocked ? 'softphone-settings-outbound-pop-lock' : null;
  }

  get ringerLockNote(): string | null {
    return this.ringerLocked ? 'softphone-ringer-lock' : null;
  }

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

  get autoLog(): boolean {
    return this.settings?.autoLog ?? false;
  }

  get deviceOptions(): readonly { value: string; label: string; selected: boolean }[] {
    const device = this.preferences?.callingDevice ?? 'browser';
    return [
      { value: 'browser', label: 'Browser (web phone)', selected: device === 'browser' },
      { value: 'ringout', label: 'RingOut (my phone rings first)', selected: device === 'ringout' },
    ];
  }

  get inboundPopOptions(): readonly { value: string; label: string; selected: boolean }[] {
    return popOptions(this.settings?.inboundPop ?? 'ringing');
  }

  get outboundPopOptions(): readonly { value: string; label: string; selected: boolean }[] {
    return popOptions(this.settings?.outboundPop ?? 'ringing');
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
    if (this.ringerLocked) return restore(event, this.ringerEnabled);
    this.change({ ringerEnabled: (event.currentTarget as HTMLInputElement).checked });
  }

  handleVolume(event: Event): void {
    const value = Number((event.currentTarget as HTMLInputElement).value);
    if (Number.isFinite(value)) this.change({ ringerVolume: Math.min(1, Math.max(0, value / 100)) });
  }

  handleDevice(event: Event): void {
    if (this.deviceLocked) return restore(event, this.preferences?.callingDevice ?? 'browser');
    const value = (event.currentTarget as HTMLSelectElement).value === 'ringout' ? 'ringout' : 'browser';
    this.change({ callingDevice: value });
  }

  handleAutoLog(event: Event): void {
    if (this.autoLogLocked) return restore(event, this.autoLog);
    this.change({ autoLog: (event.currentTarget as HTMLInputElement).checked });
  }

  handleInboundPop(event: Event): void {
    if (this.inboundPopLocked) return restore(event, this.settings?.inboundPop ?? 'ringing');
    const moment = popMoment((event.currentTarget as HTMLSelectElement).value);
    if (moment) this.change({ inboundPop: moment });
  }

  handleOutboundPop(event: Event): void {
    if (this.outboundPopLocked) return restore(event, this.settings?.outboundPop ?? 'ringing');
    const moment = popMoment((event.currentTarget as HTMLSelectElement).value);
    if (moment) this.change({ outboundPop: moment });
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

  private change(patch: SoftphoneEvents['preferenceschange']['patch']): void {
    raise(this, 'preferenceschange', { patch });
  }
}

/**
 * Puts a locked control back to the value in force (a disabled control changed anyway, by a script or developer
 * tools): the template would not re-render it, as the value it binds did not change.
 */
function restore(event: Event, value: boolean | string): void {
  const control = event.currentTarget as HTMLInputElement | HTMLSelectElement;
  if (typeof value === 'boolean') (control as HTMLInputElement).checked = value;
  else control.value = value;
}

function popOptions(chosen: PopMoment): readonly { value: string; label: string; selected: boolean }[] {
  return POP_MOMENTS.map((m) => ({ ...m, selected: m.value === chosen }));
}

function popMoment(value: string): PopMoment | null {
  return POP_MOMENTS.find((m) => m.value === value)?.value ?? null;
}
