import type { AudioDevicesPort } from '../../ports/audio-devices-port';
import type { LocalPreferences } from '../../settings/local-preferences';
import type { Unsubscribe } from '../../support/typed-emitter';
import type { AudioDeviceFlow } from './audio-device-flow';
import { anyAudioDeviceChosen, audioDevicesView, type AudioDevicesView } from './audio-devices-view';
import type { EngineContext } from './engine-context';
import { ReasonError } from '../notices';

/** Shown in the Settings tab (and thrown by a test sound) when the audio-device chunk cannot load. @public */
export const AUDIO_MODULE_NOT_LOADED =
  'Your audio devices could not be listed: part of the softphone did not load (network). Calls use the devices chosen; try again.';

/** Loads the audio-device flow's chunk (default: its dynamic `import()`). @public */
export type AudioDeviceFlowLoader = () => Promise<{ readonly AudioDeviceFlow: typeof AudioDeviceFlow }>;

/**
 * The engine's side of the audio devices in the first paint (ADR 0018): the view before the devices are listed (the
 * chosen devices in use, nothing missing — what the flow shows before its first listing too), the `devicechange`
 * subscription, and the {@link AudioDeviceFlow} itself loaded from its chunk on the first need — the Settings tab,
 * a device plugged in or removed, a test sound, or once after the start when the agent chose a device. Ringing and
 * answering never wait for it: the devices in use come from the preferences until a listing says one is missing.
 * A failed load shows {@link AUDIO_MODULE_NOT_LOADED} in the view (the choices stay), and the next need tries again.
 * @public
 */
export class LazyAudioDeviceFlow {
  private flow: AudioDeviceFlow | null = null;
  private loading: Promise<AudioDeviceFlow> | null = null;
  private loadError: string | null = null;

  constructor(
    private readonly ctx: EngineContext,
    private readonly port: AudioDevicesPort | undefined,
    private readonly preferences: () => LocalPreferences,
    private readonly load: AudioDeviceFlowLoader = () => import('./audio-device-flow'),
  ) {}

  /** Lists the devices again whenever one is plugged in or removed. */
  follow(): Unsubscribe | null {
    return this.port?.on('changed', () => void this.refresh()) ?? null;
  }

  /** Lists the devices when the agent chose one (so a missing one falls back at once). Never rejects. */
  async refreshIfChosen(): Promise<void> {
    if (anyAudioDeviceChosen(this.preferences())) await this.refresh();
  }

  /** Lists the devices (loading the flow first); a failure is shown in the view (`error`). Never rejects. */
  async refresh(): Promise<void> {
    if (!this.port) return;
    const flow = await this.loaded();
    if (flow) await flow.refresh();
  }

  /** A new choice: compared with the listed devices (nothing to compare before the first listing). */
  check(): void {
    this.flow?.check();
  }

  view(): AudioDevicesView {
    if (this.flow) return this.flow.view();
    return audioDevicesView({
      devices: null,
      missing: [],
      error: this.loadError,
      canChooseOutput: this.port?.canChooseOutput ?? false,
      prefs: this.preferences(),
    });
  }

  /**
   * Plays the test sound of the speaker or the ringer on the device in use.
   * @throws Error when there is no audio output here, the device cannot play, or the flow's chunk cannot load
   */
  async playTestSound(sound: 'speaker' | 'ringer'): Promise<void> {
    if (!this.port) throw new ReasonError('NO_TEST_SOUND', 'This browser cannot play a test sound.');
    const flow = await this.loaded();
    if (!flow) throw new Error(AUDIO_MODULE_NOT_LOADED);
    await flow.playTestSound(sound);
  }

  /** The flow, loaded once; `null` (and the error in the view) when its chunk cannot load — the next need tries again. */
  private async loaded(): Promise<AudioDeviceFlow | null> {
    if (this.flow) return this.flow;
    this.loading ??= this.load().then(({ AudioDeviceFlow: Flow }) => new Flow(this.ctx, this.port, this.preferences));
    try {
      const flow = await this.loading;
      this.flow = flow; // its view is the same as the one before its first listing
      if (this.loadError) {
        this.ctx.turn(() => {
          this.loadError = null;
          this.ctx.changed();
        });
      }
      return flow;
    } catch (error) {
      this.loading = null;
      console.error('The audio device module could not be loaded', error);
      this.ctx.turn(() => {
        this.loadError = AUDIO_MODULE_NOT_LOADED;
        this.ctx.changed();
      });
      return null;
    }
  }
}
