import { LightningElement, api } from 'lwc';
import type { AudioDevice } from '../../../core/ports/audio-devices-port';
import type { CallerIdNumber } from '../../../core/ports/telephony-port';
import {
  AUDIO_ROLE_PREFERENCE,
  type AudioDevicesView,
  type AudioRole,
} from '../../../core/engine/flows/audio-devices-view';
import type { PresenceMode } from '../../../core/presence/presence-mode';
import type { LocalPreferences } from '../../../core/settings/local-preferences';
import {
  CALLING_DEVICES,
  DEFAULT_SETTINGS,
  type Settings,
  type UserSettingKey,
  type UserSettings,
} from '../../../core/settings/settings';
import { IDLE, isPending, raise, type CommandFeedback, type SoftphoneEvents } from '../../softphone-events';
import { formatLabel, labels } from '../../labels';
import type { LabelName } from '../../labels.generated';
import { SETTING_LABELS } from '../../setting-labels';

interface Option {
  readonly value: string;
  readonly label: string;
  readonly selected?: boolean;
}

/** A choice of a select as the tables below write it: its value and the Custom Label of its text. */
interface Choice {
  readonly value: string;
  readonly label: LabelName;
}

const POP_MOMENTS: readonly Choice[] = [
  { value: 'ringing', label: 'Pop_while_ringing' },
  { value: 'answer', label: 'Pop_when_answered' },
  { value: 'off', label: 'Never' },
];

/** The user-level settings shown as a select, with their choices (the contract's values, ADR 0014). */
type SelectKey = 'inboundPop' | 'outboundPop' | 'multipleMatchPop' | 'noMatchPop';

const SELECT_CHOICES: Readonly<Record<SelectKey, readonly Choice[]>> = {
  inboundPop: POP_MOMENTS,
  outboundPop: POP_MOMENTS,
  multipleMatchPop: [
    { value: 'search', label: 'Pop_open_search' },
    { value: 'first', label: 'Pop_open_first_match' },
    { value: 'none', label: 'Pop_none_choose_here' },
  ],
  noMatchPop: [
    { value: 'newContact', label: 'Pop_new_Contact' },
    { value: 'newLead', label: 'Pop_new_Lead' },
    { value: 'search', label: 'Pop_open_search' },
    { value: 'none', label: 'Pop_none' },
  ],
};

/** A control of the panel: a user-level setting (lockable) or the default caller ID (a browser preference). */
type ControlKey = UserSettingKey | 'callerId';

/** What the template renders for one control: a select (`options`) or a checkbox (`checked`). */
interface ControlView {
  readonly key: ControlKey;
  /** Element id (tests, `label for`, the admin guide's screenshots rely on these). */
  readonly id: string;
  readonly label: string;
  /** Section title shown above the control. */
  readonly heading?: string;
  readonly className: string;
  readonly options?: readonly Option[];
  readonly checked?: boolean;
  readonly locked: boolean;
  /** Id of the "Set by your admin" note, for `aria-describedby` (null while unlocked). */
  readonly noteId: string | null;
  /** Show the RingOut number under it. */
  readonly ringOutAfter?: boolean;
}

/** What the template renders for one audio device picker. */
interface DevicePickerView {
  readonly role: AudioRole;
  readonly id: string;
  readonly label: string;
  readonly options: readonly Option[];
  readonly disabled: boolean;
  /** Why the choice is not in use or cannot be made, else `null`. */
  readonly note: string | null;
  readonly noteId: string;
  /** The test sound of this picker (`null`: the microphone has none). */
  readonly sound: 'speaker' | 'ringer' | null;
  readonly testLabel: string;
  readonly testDisabled: boolean;
}

const PICKERS: readonly { role: AudioRole; id: string; label: LabelName; sound: 'speaker' | 'ringer' | null }[] = [
  { role: 'microphone', id: 'softphone-settings-microphone', label: 'Microphone', sound: null },
  { role: 'speaker', id: 'softphone-settings-speaker', label: 'Speaker_calls', sound: 'speaker' },
  { role: 'ringer', id: 'softphone-settings-ringer-device', label: 'Ringer_device', sound: 'ringer' },
];

/**
 * The agent's settings: the user-level settings (calling device, ringer, automatic logging, when records pop for
 * incoming and dialled calls, what pops when several records or none match) — read-only with "Set by your admin" when an admin locked them — and the preferences
 * kept in this browser (ringer volume, RingOut number, default caller ID).
 *
 * Raises `preferenceschange` (`{patch}`) for each change and `logout` (`{}`) for "Sign out of RingCentral". A locked
 * control is disabled and raises nothing.
 */
export default class SettingsPanel extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api preferences: LocalPreferences | null = null;
  /** The settings in force (user-level values: the agent's choice or the admin's default or locked value). */
  @api settings: Settings | null = null;
  /** User-level settings an admin locked. */
  @api locked: readonly UserSettingKey[] = [];
  @api callerIds: readonly CallerIdNumber[] = [];
  @api userName: string | null = null;

  /** `Salesforce user: Alex Agent`. */
  get userLine(): string {
    return formatLabel(labels.Salesforce_user, this.userName ?? '');
  }
  /** The browser's microphones and speakers and those in use (`SoftphoneState.audio`). */
  @api audio: AudioDevicesView | null = null;
  /** Whether the agent's call queues ring this agent. */
  @api queueCalls = false;
  /** The agent's presence mode, `null` until the presence is known (the queue switch waits for it). */
  @api presenceMode: PresenceMode | null = null;
  /** The test sounds in flight and the last failure (`testsound`, `queuecalls`). */
  @api feedback: CommandFeedback = IDLE;

  /** Note under a control whose value an admin locked (ADR 0014). */
  get lockedNote(): string {
    return labels.Set_by_your_admin;
  }

  /**
   * The controls in panel order: Calls (device, caller ID, auto-log of calls, closing the call view on hang up, auto-log of texts), Screen pop (when records pop
   * for incoming and dialled calls, what pops on several matches and on none), then Ringer.
   */
  get controls(): readonly ControlView[] {
    const prefs = this.preferences;
    const device = this.value('callingDevice') as string;
    const callerId = prefs?.callerId ?? '';
    return [
      this.control('callingDevice', 'softphone-settings-device', {
        heading: labels.Calls,
        options: (
          [
            { value: 'browser', label: 'Device_browser' },
            { value: 'ringout', label: 'Device_RingOut' },
            { value: 'otherDevice', label: 'Device_other' },
          ] as const
        ).map((o) => ({ value: o.value, label: labels[o.label], selected: o.value === device })),
        ringOutAfter: device !== 'browser',
      }),
      this.control('callerId', 'softphone-settings-caller-id', {
        options: [
          { value: '', label: labels.Default_caller_ID, selected: callerId === '' },
          ...this.callerIds.map((c) => ({
            value: c.phoneNumber,
            label: c.phoneNumber,
            selected: c.phoneNumber === callerId,
          })),
        ],
      }),
      this.control('autoLog', 'softphone-auto-log', {}),
      this.control('closeCallViewOnHangUp', 'softphone-close-call-view', {}),
      this.control('autoLogSms', 'softphone-auto-log-sms', {}),
      this.control('smsNotesPrompt', 'softphone-sms-notes-prompt', {}),
      this.select('inboundPop', 'softphone-settings-inbound-pop', labels.Screen_pop),
      this.select('outboundPop', 'softphone-settings-outbound-pop'),
      this.select('multipleMatchPop', 'softphone-settings-multiple-match-pop'),
      this.select('noMatchPop', 'softphone-settings-no-match-pop'),
      this.control('ringerEnabled', 'softphone-ringer', { heading: labels.Ringer }),
    ];
  }

  /** The microphone, speaker and ringer device pickers ("Audio"). */
  get audioPickers(): readonly DevicePickerView[] {
    return PICKERS.map((p) => this.picker(p));
  }

  get audioError(): string | null {
    return this.audio?.error ?? null;
  }

  get listingDevices(): boolean {
    return !this.audio?.inputs && !this.audio?.error;
  }

  get testing(): boolean {
    return isPending(this.feedback, 'testsound');
  }

  get feedbackError(): string | null {
    return this.feedback?.error ?? null;
  }

  get queueDisabled(): boolean {
    return this.presenceMode === null || this.presenceMode === 'DoNotDisturb' || isPending(this.feedback, 'queuecalls');
  }

  get queueNote(): string | null {
    if (this.presenceMode === 'DoNotDisturb') return labels.Queue_off_during_DND;
    return this.presenceMode === null ? labels.Queue_waits_for_presence : null;
  }

  get queueChecked(): boolean {
    return this.presenceMode !== 'DoNotDisturb' && this.queueCalls;
  }

  get ringerVolume(): number {
    return Math.round((this.preferences?.ringerVolume ?? 0.8) * 100);
  }

  /** The RingOut number input's id (rendered inside the controls' iterator, where LWC takes only computed ids). */
  readonly ringOutNumberId = 'softphone-ringout-number';

  get ringOutNumber(): string {
    return this.preferences?.ringOutNumber ?? '';
  }

  /** A change of a control; a locked one (changed anyway, by a script or developer tools) is put back. */
  handleUserSetting(event: Event): void {
    const control = event.currentTarget as HTMLInputElement | HTMLSelectElement;
    const key = control.dataset.key as ControlKey;
    const isCheckbox = control.type === 'checkbox';
    if (this.isLocked(key)) {
      // The template would not re-render it: the value it binds did not change.
      if (isCheckbox) (control as HTMLInputElement).checked = this.value(key) as boolean;
      else control.value = this.value(key) as string;
      return;
    }
    const value = isCheckbox ? (control as HTMLInputElement).checked : control.value;
    if (key === 'callerId') this.change({ callerId: value === '' ? null : (value as string) });
    else if (key === 'callingDevice')
      this.change({ callingDevice: CALLING_DEVICES.find((d) => d === value) ?? 'browser' });
    else if (isSelectKey(key)) {
      if (SELECT_CHOICES[key].some((m) => m.value === value)) this.change({ [key]: value } as Partial<UserSettings>);
    } else this.change({ [key]: value as boolean });
  }

  handleVolume(event: Event): void {
    const value = Number((event.currentTarget as HTMLInputElement).value);
    if (Number.isFinite(value)) this.change({ ringerVolume: Math.min(1, Math.max(0, value / 100)) });
  }

  handleRingOutNumber(event: Event): void {
    const value = (event.currentTarget as HTMLInputElement).value.trim();
    this.change({ ringOutNumber: value === '' ? null : value });
  }

  handleDevice(event: Event): void {
    const select = event.currentTarget as HTMLSelectElement;
    const role = select.dataset.role as AudioRole | undefined;
    if (!role || !(role in AUDIO_ROLE_PREFERENCE)) return;
    this.change({ [AUDIO_ROLE_PREFERENCE[role]]: select.value === '' ? null : select.value });
  }

  handleTestSound(event: Event): void {
    const sound = (event.currentTarget as HTMLElement).dataset.sound;
    if (sound === 'speaker' || sound === 'ringer') raise(this, 'testsound', { sound });
  }

  handleQueueCalls(event: Event): void {
    const input = event.currentTarget as HTMLInputElement;
    if (this.queueDisabled) {
      input.checked = this.queueChecked;
      return;
    }
    raise(this, 'queuecalls', { on: input.checked });
  }

  handleLogout(): void {
    raise(this, 'logout', {});
  }

  private picker(p: (typeof PICKERS)[number]): DevicePickerView {
    const audio = this.audio;
    const chosen = this.preferences?.[AUDIO_ROLE_PREFERENCE[p.role]] ?? null;
    const devices = (p.role === 'microphone' ? audio?.inputs : audio?.outputs) ?? null;
    const output = p.role !== 'microphone';
    const cannotChoose = output && audio?.canChooseOutput === false;
    const missing = audio?.missing.includes(p.role) ?? false;
    const options: Option[] = [{ value: '', label: labels.System_default, selected: chosen === null }];
    (devices ?? []).forEach((device: AudioDevice, index) =>
      options.push({
        value: device.deviceId,
        label: device.label || formatLabel(output ? labels.Speaker_number : labels.Microphone_number, index + 1),
        selected: device.deviceId === chosen,
      }),
    );
    if (chosen !== null && !options.some((o) => o.value === chosen))
      options.push({ value: chosen, label: missing ? labels.Not_connected : labels.Your_choice, selected: true });
    const note = cannotChoose ? labels.Output_default_only : missing ? labels.Device_missing : null;
    return {
      role: p.role,
      id: p.id,
      label: labels[p.label],
      options,
      disabled: cannotChoose || devices === null,
      note,
      noteId: `${p.id}-note`,
      sound: p.sound,
      testLabel: p.role === 'speaker' ? labels.Test_speaker : labels.Test_ringer,
      testDisabled: this.testing || cannotChoose,
    };
  }

  private isLocked(key: ControlKey): boolean {
    return key !== 'callerId' && (this.locked ?? []).includes(key);
  }

  /** The value in force: calling device and ringer from the preferences, the others from the settings. */
  private value(key: ControlKey): string | boolean {
    const prefs = this.preferences;
    switch (key) {
      case 'callingDevice':
        return prefs?.callingDevice ?? 'browser';
      case 'ringerEnabled':
        return prefs?.ringerEnabled ?? true;
      case 'callerId':
        return prefs?.callerId ?? '';
      case 'autoLog':
        return this.settings?.autoLog ?? false;
      case 'autoLogSms':
        return this.settings?.autoLogSms ?? false;
      default:
        return (this.settings ?? DEFAULT_SETTINGS)[key];
    }
  }

  private select(key: SelectKey, id: string, heading?: string): ControlView {
    const chosen = this.value(key);
    return this.control(key, id, {
      ...(heading ? { heading } : {}),
      options: SELECT_CHOICES[key].map((o) => ({
        value: o.value,
        label: labels[o.label],
        selected: o.value === chosen,
      })),
    });
  }

  private control(
    key: ControlKey,
    id: string,
    view: Pick<ControlView, 'heading' | 'options' | 'ringOutAfter'>,
  ): ControlView {
    const locked = this.isLocked(key);
    return {
      key,
      id,
      // A setting's label is the one notices name it by (SETTING_LABELS); the caller ID is a browser preference.
      label: labels[key === 'callerId' ? 'Default_caller_ID' : SETTING_LABELS[key]],
      ...view,
      // The first control opens the panel; a later section heading gets the space the old section break had.
      className:
        key === 'callingDevice'
          ? 'slds-form-element'
          : `slds-form-element slds-m-top_${view.heading ? 'small' : 'x-small'}`,
      checked: view.options ? undefined : (this.value(key) as boolean),
      locked,
      noteId: locked ? `${id}-lock` : null,
    };
  }

  private change(patch: SoftphoneEvents['preferenceschange']['patch']): void {
    raise(this, 'preferenceschange', { patch });
  }
}

function isSelectKey(key: ControlKey): key is SelectKey {
  return key in SELECT_CHOICES;
}
