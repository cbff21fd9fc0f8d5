import type { AudioDevice, AudioDevicesPort } from '../../ports/audio-devices-port';
import type { LocalPreferences } from '../../settings/local-preferences';
import { AUDIO_ROLE_PREFERENCE, audioDevicesView, type AudioDevicesView, type AudioRole } from './audio-devices-view';
import { messageOf, type EngineContext } from './engine-context';
import type { NoticeCode } from '../notices';
import { ReasonError } from '../notices';

const ROLE_KIND: Readonly<Record<AudioRole, AudioDevice['kind']>> = {
  microphone: 'audioinput',
  speaker: 'audiooutput',
  ringer: 'audiooutput',
};

/** Each role's English name and its notices (one code per role: a label translates the whole sentence). */
const ROLE_NOTICE = {
  microphone: { name: 'microphone', missing: 'MICROPHONE_MISSING', back: 'MICROPHONE_BACK' },
  speaker: { name: 'speaker', missing: 'SPEAKER_MISSING', back: 'SPEAKER_BACK' },
  ringer: { name: 'ringer device', missing: 'RINGER_MISSING', back: 'RINGER_BACK' },
} as const satisfies Readonly<Record<AudioRole, { name: string; missing: NoticeCode; back: NoticeCode }>>;

/**
 * The agent's audio devices: lists them ({@link AudioDevicesPort}) when the Settings tab opens, when a device is
 * plugged in or removed, and once after the start when the agent chose one (never on the start's path: listing can
 * take hundreds of milliseconds). A chosen device that is not connected gives way to the system default with a notice,
 * and is used again, with a notice, once it is back; the choice itself stays in the agent's preferences.
 * A lazy chunk (ADR 0018): the engine reaches it through `LazyAudioDeviceFlow`, which loads it on the first listing.
 * @public
 */
export class AudioDeviceFlow {
  private devices: readonly AudioDevice[] | null = null;
  private error: string | null = null;
  /** The chosen devices that are not connected, by role (the id that was missing). */
  private missing: ReadonlyMap<AudioRole, string> = new Map();
  /** Labels of the devices seen in this session, to name a device once it is gone. */
  private readonly labels = new Map<string, string>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly port: AudioDevicesPort | undefined,
    private readonly preferences: () => LocalPreferences,
  ) {}

  /** Lists the devices; a failure is shown in the view (`error`). Never rejects. */
  async refresh(): Promise<void> {
    if (!this.port) return;
    try {
      const devices = await this.port.list();
      this.ctx.turn(() => {
        this.devices = devices;
        this.error = null;
        for (const device of devices) if (device.label) this.labels.set(device.deviceId, device.label);
        this.check();
        this.ctx.changed();
      });
    } catch (error) {
      this.ctx.turn(() => {
        this.error = `Your audio devices could not be listed: ${messageOf(error)}`;
        this.ctx.changed();
      });
    }
  }

  /**
   * Compares the chosen devices with the connected ones (after a listing or a new choice): a chosen device that went
   * away is a warning, one that came back an info notice. A role the agent has just chosen for starts afresh.
   */
  check(): void {
    const devices = this.devices;
    if (!devices) return;
    const prefs = this.preferences();
    const missing = new Map<AudioRole, string>();
    for (const role of Object.keys(AUDIO_ROLE_PREFERENCE) as AudioRole[]) {
      const id = prefs[AUDIO_ROLE_PREFERENCE[role]];
      if (id !== null && !devices.some((d) => d.kind === ROLE_KIND[role] && d.deviceId === id)) missing.set(role, id);
    }
    for (const [role, id] of missing) {
      if (this.missing.get(role) === id) continue;
      const { name, missing: code } = ROLE_NOTICE[role];
      const device = this.labelOf(id);
      const message = `The ${name} you chose${device} is not connected: the softphone uses the system default until it is back.`;
      this.ctx.notify('warning', code, message, device);
    }
    for (const [role, id] of this.missing) {
      // Back: still chosen and connected again (a new choice of the agent is no news).
      if (missing.has(role) || prefs[AUDIO_ROLE_PREFERENCE[role]] !== id) continue;
      const { name, back: code } = ROLE_NOTICE[role];
      const device = this.labelOf(id);
      this.ctx.notify('info', code, `The ${name} you chose${device} is connected again.`, device);
    }
    this.missing = missing;
  }

  /** The state's view of the devices. */
  view(): AudioDevicesView {
    return audioDevicesView({
      devices: this.devices,
      missing: [...this.missing.keys()],
      error: this.error,
      canChooseOutput: this.port?.canChooseOutput ?? false,
      prefs: this.preferences(),
    });
  }

  /**
   * Plays the test sound of the speaker or the ringer on the device in use (the ringer at the agent's ringer volume).
   * @throws Error when there is no audio output here, or the device cannot play
   */
  async playTestSound(sound: 'speaker' | 'ringer'): Promise<void> {
    if (!this.port) throw new ReasonError('NO_TEST_SOUND', 'This browser cannot play a test sound.');
    const inUse = this.view().inUse;
    const volume = sound === 'ringer' ? this.preferences().ringerVolume : 1;
    await this.port.playTestSound(sound, sound === 'ringer' ? inUse.ringerDeviceId : inUse.speakerId, volume);
  }

  private labelOf(deviceId: string | null): string {
    const label = deviceId ? this.labels.get(deviceId) : undefined;
    return label ? ` (${label})` : '';
  }
}
