import { createElement } from 'lwc';
import SettingsPanel from '../settingsPanel';
import { choose, flush, get, recordEvents } from '../../__tests__/support/softphone-fixtures';
import type { RaisedEvent } from '../../__tests__/support/softphone-fixtures';
import { DEFAULT_LOCAL_PREFERENCES } from '../../../../core/settings/local-preferences';
import type { AudioDevicesView } from '../../../../core/engine/flows/audio-device-flow';
import type { PresenceMode } from '../../../../core/presence/presence-mode';
import { IDLE, type CommandFeedback } from '../../../softphone-events';
import type { LocalPreferences } from '../../../../core/settings/local-preferences';
import {
  DEFAULT_SETTINGS,
  mergeSettings,
  type Settings,
  type UserSettingKey,
} from '../../../../core/settings/settings';

const DEVICES: AudioDevicesView = {
  inputs: [
    { deviceId: 'mic-1', kind: 'audioinput', label: 'Jabra Evolve2' },
    { deviceId: 'mic-2', kind: 'audioinput', label: '' },
  ],
  outputs: [
    { deviceId: 'spk-1', kind: 'audiooutput', label: 'Jabra Evolve2' },
    { deviceId: 'spk-2', kind: 'audiooutput', label: 'Laptop speakers' },
  ],
  canChooseOutput: true,
  inUse: { microphoneId: null, speakerId: null, ringerDeviceId: null },
  missing: [],
  error: null,
};

function mount(
  preferences: LocalPreferences,
  options: {
    settings?: Settings;
    locked?: UserSettingKey[];
    audio?: AudioDevicesView | null;
    queueCalls?: boolean;
    presenceMode?: PresenceMode | null;
    feedback?: CommandFeedback;
  } = {},
): { element: HTMLElement; events: RaisedEvent[] } {
  const element = createElement('softphone-settings-panel', { is: SettingsPanel });
  Object.assign(element, {
    audio: options.audio === undefined ? DEVICES : options.audio,
    queueCalls: options.queueCalls ?? true,
    presenceMode: options.presenceMode === undefined ? 'Available' : options.presenceMode,
    feedback: options.feedback ?? IDLE,
    preferences,
    settings: options.settings ?? DEFAULT_SETTINGS,
    locked: options.locked ?? [],
    callerIds: [{ phoneNumber: '+16505550100', usageType: 'DirectNumber', primary: true, label: null }],
    userName: 'Alex Agent',
  });
  const events = recordEvents(element);
  document.body.appendChild(element);
  return { element, events };
}

function change(input: HTMLInputElement, apply: (i: HTMLInputElement) => void): void {
  apply(input);
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('softphone-settings-panel', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows the stored preferences', () => {
    const { element } = mount({ ...DEFAULT_LOCAL_PREFERENCES, ringerEnabled: false, ringerVolume: 0.35 });
    expect(get<HTMLInputElement>(element, '#softphone-ringer').checked).toBe(false);
    expect(get<HTMLInputElement>(element, '#softphone-ringer-volume').value).toBe('35');
    expect(get<HTMLSelectElement>(element, '#softphone-settings-device').value).toBe('browser');
    expect(element.querySelector('#softphone-ringout-number')).toBeNull();
    expect(element.textContent).toContain('Salesforce user: Alex Agent');
  });

  it('stores ringer, volume (0–1), device, RingOut number and caller ID', async () => {
    const { element, events } = mount({ ...DEFAULT_LOCAL_PREFERENCES, callingDevice: 'ringout' });
    change(get(element, '#softphone-ringer'), (i) => (i.checked = false));
    change(get(element, '#softphone-ringer-volume'), (i) => (i.value = '40'));
    choose(get(element, '#softphone-settings-device'), 'browser');
    await flush();
    change(get(element, '#softphone-ringout-number'), (i) => (i.value = ' +16505550177 '));
    choose(get(element, '#softphone-settings-caller-id'), '+16505550100');
    expect(events).toEqual(
      [
        { ringerEnabled: false },
        { ringerVolume: 0.4 },
        { callingDevice: 'browser' },
        { ringOutNumber: '+16505550177' },
        { callerId: '+16505550100' },
      ].map((patch) => ({ type: 'preferenceschange', detail: { patch } })),
    );
  });

  it('shows and changes the user-level settings: automatic logging and when records pop', () => {
    const { element, events } = mount(DEFAULT_LOCAL_PREFERENCES, {
      settings: mergeSettings({ autoLog: false, inboundPop: 'answer', outboundPop: 'off' }),
    });
    expect(get<HTMLInputElement>(element, '#softphone-auto-log').checked).toBe(false);
    expect(get<HTMLSelectElement>(element, '#softphone-settings-inbound-pop').value).toBe('answer');
    expect(get<HTMLSelectElement>(element, '#softphone-settings-outbound-pop').value).toBe('off');
    expect(element.querySelector('.softphone-locked-note')).toBeNull();
    change(get(element, '#softphone-auto-log'), (i) => (i.checked = true));
    choose(get(element, '#softphone-settings-inbound-pop'), 'ringing');
    choose(get(element, '#softphone-settings-outbound-pop'), 'answer');
    expect(events.map((e) => e.detail)).toEqual([
      { patch: { autoLog: true } },
      { patch: { inboundPop: 'ringing' } },
      { patch: { outboundPop: 'answer' } },
    ]);
  });

  it('shows a locked setting read-only with "Set by your admin" and raises nothing for it', () => {
    const { element, events } = mount(
      { ...DEFAULT_LOCAL_PREFERENCES, ringerEnabled: true },
      { settings: mergeSettings({ autoLog: true }), locked: ['autoLog', 'ringerEnabled'] },
    );
    const autoLog = get<HTMLInputElement>(element, '#softphone-auto-log');
    expect(autoLog.checked).toBe(true);
    expect(autoLog.disabled).toBe(true);
    expect(autoLog.getAttribute('aria-describedby')).toBe('softphone-auto-log-lock');
    expect(get(element, '#softphone-auto-log-lock').textContent?.trim()).toBe('Set by your admin');
    expect(get<HTMLInputElement>(element, '#softphone-ringer').disabled).toBe(true);
    expect(get<HTMLSelectElement>(element, '#softphone-settings-device').disabled).toBe(false);
    expect(get<HTMLSelectElement>(element, '#softphone-settings-device').hasAttribute('aria-describedby')).toBe(false);
    expect(element.querySelectorAll('.softphone-locked-note')).toHaveLength(2);
    change(autoLog, (i) => (i.checked = false));
    change(get(element, '#softphone-ringer'), (i) => (i.checked = false));
    expect(events).toEqual([]);
    expect(autoLog.checked).toBe(true);
    expect(get<HTMLInputElement>(element, '#softphone-ringer').checked).toBe(true);
  });

  it('lets the agent choose what pops on several matches and on none, read-only with the reason when locked', () => {
    const free = mount(DEFAULT_LOCAL_PREFERENCES, {
      settings: mergeSettings({ multipleMatchPop: 'none', noMatchPop: 'newContact' }),
    });
    const several = get<HTMLSelectElement>(free.element, '#softphone-settings-multiple-match-pop');
    const none = get<HTMLSelectElement>(free.element, '#softphone-settings-no-match-pop');
    expect([several.value, none.value]).toEqual(['none', 'newContact']);
    expect([...several.options].map((o) => o.value)).toEqual(['search', 'first', 'none']);
    expect([...none.options].map((o) => o.textContent)).toEqual([
      'Open a new Contact',
      'Open a new Lead',
      'Open the search page',
      "Don't pop",
    ]);
    choose(several, 'search');
    choose(none, 'none');
    expect(free.events.map((e) => e.detail)).toEqual([
      { patch: { multipleMatchPop: 'search' } },
      { patch: { noMatchPop: 'none' } },
    ]);
    document.body.replaceChildren();

    const locked = mount(DEFAULT_LOCAL_PREFERENCES, {
      settings: mergeSettings({ multipleMatchPop: 'first', noMatchPop: 'search' }),
      locked: ['noMatchPop'],
    });
    const lockedNone = get<HTMLSelectElement>(locked.element, '#softphone-settings-no-match-pop');
    expect(lockedNone.value).toBe('search');
    expect(lockedNone.disabled).toBe(true);
    expect(lockedNone.getAttribute('aria-describedby')).toBe('softphone-settings-no-match-pop-lock');
    expect(get(locked.element, '#softphone-settings-no-match-pop-lock').textContent?.trim()).toBe('Set by your admin');
    expect(get<HTMLSelectElement>(locked.element, '#softphone-settings-multiple-match-pop').disabled).toBe(false);
    choose(lockedNone, 'none');
    expect(locked.events).toEqual([]);
    expect(lockedNone.value).toBe('search');
  });

  it('lets the agent choose automatic SMS logging unless the admin locked it', () => {
    const free = mount(DEFAULT_LOCAL_PREFERENCES, { settings: mergeSettings({ autoLogSms: false }) });
    change(get(free.element, '#softphone-auto-log-sms'), (i) => (i.checked = true));
    expect(free.events).toEqual([{ type: 'preferenceschange', detail: { patch: { autoLogSms: true } } }]);
    document.body.replaceChildren();
    const locked = mount(DEFAULT_LOCAL_PREFERENCES, {
      settings: mergeSettings({ autoLogSms: true }),
      locked: ['autoLogSms'],
    });
    const toggle = get<HTMLInputElement>(locked.element, '#softphone-auto-log-sms');
    expect(toggle.checked).toBe(true);
    expect(toggle.disabled).toBe(true);
    expect(get(locked.element, '#softphone-auto-log-sms-lock').textContent?.trim()).toBe('Set by your admin');
    change(toggle, (i) => (i.checked = false));
    expect(locked.events).toEqual([]);
  });

  it('lets the agent choose the note prompt after sending a text unless the admin locked it', () => {
    const free = mount(DEFAULT_LOCAL_PREFERENCES, { settings: mergeSettings({ smsNotesPrompt: false }) });
    const toggle = get<HTMLInputElement>(free.element, '#softphone-sms-notes-prompt');
    expect(toggle.checked).toBe(false);
    change(toggle, (i) => (i.checked = true));
    expect(free.events).toEqual([{ type: 'preferenceschange', detail: { patch: { smsNotesPrompt: true } } }]);
    document.body.replaceChildren();
    const locked = mount(DEFAULT_LOCAL_PREFERENCES, {
      settings: mergeSettings({ smsNotesPrompt: true }),
      locked: ['smsNotesPrompt'],
    });
    const lockedToggle = get<HTMLInputElement>(locked.element, '#softphone-sms-notes-prompt');
    expect(lockedToggle.checked).toBe(true);
    expect(lockedToggle.disabled).toBe(true);
    change(lockedToggle, (i) => (i.checked = false));
    expect(locked.events).toEqual([]);
  });

  it('signs out of RingCentral', () => {
    const { element, events } = mount(DEFAULT_LOCAL_PREFERENCES);
    get<HTMLButtonElement>(element, 'button.softphone-logout').click();
    expect(events).toEqual([{ type: 'logout', detail: {} }]);
  });

  it('lists the microphones and speakers with the system default first and stores a choice', () => {
    const { element, events } = mount({ ...DEFAULT_LOCAL_PREFERENCES, speakerId: 'spk-2' });
    const options = (id: string) =>
      [...get<HTMLSelectElement>(element, id).options].map((o) => `${o.value}=${o.textContent}`);
    const value = (id: string) => get<HTMLSelectElement>(element, id).value;
    expect(options('#softphone-settings-microphone')).toEqual([
      '=System default',
      'mic-1=Jabra Evolve2',
      'mic-2=Microphone 2',
    ]);
    expect(options('#softphone-settings-speaker')).toEqual([
      '=System default',
      'spk-1=Jabra Evolve2',
      'spk-2=Laptop speakers',
    ]);
    expect([
      value('#softphone-settings-microphone'),
      value('#softphone-settings-speaker'),
      value('#softphone-settings-ringer-device'),
    ]).toEqual(['', 'spk-2', '']);
    choose(get(element, '#softphone-settings-microphone'), 'mic-1');
    choose(get(element, '#softphone-settings-speaker'), '');
    choose(get(element, '#softphone-settings-ringer-device'), 'spk-2');
    expect(events.map((e) => e.detail)).toEqual([
      { patch: { microphoneId: 'mic-1' } },
      { patch: { speakerId: null } },
      { patch: { ringerDeviceId: 'spk-2' } },
    ]);
  });

  it('says when a chosen device is not connected, and waits for the list', () => {
    const { element } = mount(
      { ...DEFAULT_LOCAL_PREFERENCES, microphoneId: 'usb-headset' },
      { audio: { ...DEVICES, missing: ['microphone'] } },
    );
    const select = get<HTMLSelectElement>(element, '#softphone-settings-microphone');
    expect(select.selectedOptions[0]?.textContent).toBe('Not connected');
    expect(get(element, '#softphone-settings-microphone-note').textContent).toBe(
      'Not connected: the system default is used until it is back.',
    );
    const listing = mount(DEFAULT_LOCAL_PREFERENCES, { audio: { ...DEVICES, inputs: null, outputs: null } }).element;
    expect(listing.querySelector('.softphone-listing-devices')?.textContent).toBe('Listing your devices…');
    expect(get<HTMLSelectElement>(listing, '#softphone-settings-microphone').disabled).toBe(true);
  });

  it('keeps outputs on the system default where the browser cannot choose them', () => {
    const { element } = mount(DEFAULT_LOCAL_PREFERENCES, { audio: { ...DEVICES, canChooseOutput: false } });
    expect(get<HTMLSelectElement>(element, '#softphone-settings-speaker').disabled).toBe(true);
    expect(get<HTMLSelectElement>(element, '#softphone-settings-microphone').disabled).toBe(false);
    expect(get(element, '#softphone-settings-speaker-note').textContent).toBe(
      'This browser plays sound on the system default output only.',
    );
  });

  it('plays the test sounds and shows the sound playing and a failure', () => {
    const { element, events } = mount(DEFAULT_LOCAL_PREFERENCES);
    for (const button of element.querySelectorAll<HTMLButtonElement>('.softphone-test-sound')) button.click();
    expect(events).toEqual([
      { type: 'testsound', detail: { sound: 'speaker' } },
      { type: 'testsound', detail: { sound: 'ringer' } },
    ]);
    const playing = mount(DEFAULT_LOCAL_PREFERENCES, {
      feedback: { pending: ['testsound'], error: 'That device is not connected.' },
    }).element;
    expect(playing.querySelector('.softphone-test-status')?.textContent).toBe('Playing the test sound…');
    expect([...playing.querySelectorAll<HTMLButtonElement>('.softphone-test-sound')].every((b) => b.disabled)).toBe(
      true,
    );
    expect(playing.textContent).toContain('That device is not connected.');
  });

  it('switches the call queues on and off, and not during Do Not Disturb', () => {
    const { element, events } = mount(DEFAULT_LOCAL_PREFERENCES, { queueCalls: true });
    const toggle = get<HTMLInputElement>(element, '#softphone-queue-calls');
    expect(toggle.checked).toBe(true);
    change(toggle, (i) => (i.checked = false));
    expect(events).toEqual([{ type: 'queuecalls', detail: { on: false } }]);
    const dnd = mount(DEFAULT_LOCAL_PREFERENCES, { queueCalls: true, presenceMode: 'DoNotDisturb' }).element;
    const off = get<HTMLInputElement>(dnd, '#softphone-queue-calls');
    expect(off.checked).toBe(false);
    expect(off.disabled).toBe(true);
    expect(dnd.textContent).toContain('Off during Do Not Disturb: no calls ring.');
  });
});
