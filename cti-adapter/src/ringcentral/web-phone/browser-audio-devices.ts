import type { AudioDevice, AudioDevicesPort } from '../../core/ports/audio-devices-port';
import { TypedEmitter, type Unsubscribe } from '../../core/support/typed-emitter';
import type { AudioContextLike } from './web-audio-ringtone';
import { ReasonError } from '../../core/engine/notices';

/** The slice of `navigator.mediaDevices` used (injectable for tests). @public */
export interface MediaDevicesLike {
  enumerateDevices(): Promise<readonly { deviceId: string; kind: string; label: string }[]>;
  addEventListener(type: 'devicechange', listener: () => void): void;
}

/** An `AudioContext` that can be sent to an output (`AudioContext.setSinkId`, Chromium 110+). @public */
export interface SinkableAudioContext extends AudioContextLike {
  setSinkId?(sinkId: string): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link BrowserAudioDevices} (defaults: the browser's). @public */
export interface BrowserAudioDevicesOptions {
  readonly mediaDevices?: MediaDevicesLike | null;
  readonly createContext?: () => SinkableAudioContext | null;
  /** Whether outputs can be chosen; default: `HTMLMediaElement.prototype.setSinkId` exists. */
  readonly canChooseOutput?: boolean;
  /** Waits `ms` (the length of a test sound); default `setTimeout`. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Device ids that are the system's aliases, not devices (Chromium lists the default device twice). */
const ALIASES = new Set(['default', 'communications', '']);

/**
 * {@link AudioDevicesPort} over the browser: `navigator.mediaDevices.enumerateDevices()` (W3C Media Capture and
 * Streams), its `devicechange` event, and the test sounds of `test-sound.ts` (loaded when first played).
 * @public
 */
export class BrowserAudioDevices implements AudioDevicesPort {
  readonly canChooseOutput: boolean;
  private readonly emitter = new TypedEmitter<{ changed: undefined }>();
  private readonly media: MediaDevicesLike | null;
  private listening = false;

  constructor(private readonly options: BrowserAudioDevicesOptions = {}) {
    this.media =
      options.mediaDevices !== undefined
        ? options.mediaDevices
        : ((globalThis as { navigator?: { mediaDevices?: MediaDevicesLike } }).navigator?.mediaDevices ?? null);
    const element = (globalThis as { HTMLMediaElement?: { prototype: object } }).HTMLMediaElement;
    this.canChooseOutput = options.canChooseOutput ?? (!!element && 'setSinkId' in element.prototype);
  }

  async list(): Promise<readonly AudioDevice[]> {
    if (!this.media)
      throw new ReasonError('AUDIO_DEVICES_NEED_HTTPS', 'this page cannot see audio devices (it needs HTTPS)');
    const all = await this.media.enumerateDevices();
    return all
      .filter((d) => (d.kind === 'audioinput' || d.kind === 'audiooutput') && !ALIASES.has(d.deviceId))
      .map((d) => ({ deviceId: d.deviceId, kind: d.kind as AudioDevice['kind'], label: d.label }));
  }

  on(type: 'changed', listener: () => void): Unsubscribe {
    if (!this.listening && this.media) {
      this.listening = true;
      this.media.addEventListener('devicechange', () => this.emitter.emit('changed', undefined));
    }
    return this.emitter.on(type, listener);
  }

  /** Plays the test sound from a chunk of its own (only the Settings tab needs it; ADR 0018). */
  async playTestSound(sound: 'speaker' | 'ringer', deviceId: string | null, volume: number): Promise<void> {
    const { playTestSound } = await import('./test-sound');
    await playTestSound(sound, deviceId, volume, this.options);
  }
}
