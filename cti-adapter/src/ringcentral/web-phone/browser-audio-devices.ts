import type { AudioDevice, AudioDevicesPort } from '../../core/ports/audio-devices-port';
import { TypedEmitter, type Unsubscribe } from '../../core/support/typed-emitter';
import type { AudioContextLike } from './web-audio-ringtone';

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
 * Streams), its `devicechange` event, and test sounds synthesized with Web Audio on the chosen output
 * (`AudioContext.setSinkId`; Web Audio API, W3C) — the speaker's a 1 s 440 Hz tone, the ringer's two seconds of the
 * ring of {@link WebAudioRingtone} (440 + 480 Hz). No sound file.
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
    if (!this.media) throw new Error('this page cannot see audio devices (it needs HTTPS)');
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

  async playTestSound(sound: 'speaker' | 'ringer', deviceId: string | null, volume: number): Promise<void> {
    const create =
      this.options.createContext ??
      (() => {
        const Ctor = (globalThis as { AudioContext?: new () => SinkableAudioContext }).AudioContext;
        return Ctor ? new Ctor() : null;
      });
    const context = create();
    if (!context) throw new Error('This browser cannot play sound (no Web Audio).');
    try {
      if (deviceId !== null) {
        if (!context.setSinkId) throw new Error('This browser cannot play sound on a chosen device.');
        await context.setSinkId(deviceId);
      }
      if (context.state === 'suspended') await context.resume();
      const seconds = sound === 'ringer' ? 2 : 1;
      const gain = context.createGain();
      const t0 = context.currentTime;
      gain.gain.value = 0;
      gain.gain.setValueAtTime(Math.min(1, Math.max(0, volume)) * (sound === 'ringer' ? 0.15 : 0.2), t0);
      gain.gain.setValueAtTime(0, t0 + seconds);
      gain.connect(context.destination);
      for (const frequency of sound === 'ringer' ? [440, 480] : [440]) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start(t0);
        oscillator.stop(t0 + seconds);
      }
      await (this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(
        seconds * 1000,
      );
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'NotFoundError') throw new Error('That device is not connected.');
      if (name === 'NotAllowedError') throw new Error('The browser does not allow sound on that device.');
      throw error;
    } finally {
      await context.close().catch(() => undefined);
    }
  }
}
