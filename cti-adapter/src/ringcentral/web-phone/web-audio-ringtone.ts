import type { Ringtone } from './ringtone';

/** The slice of the Web Audio API the ringtone uses (injectable for tests). @public */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: unknown;
  resume(): Promise<void>;
  createOscillator(): {
    frequency: { value: number };
    connect(node: unknown): void;
    start(when?: number): void;
    stop(when?: number): void;
  };
  createGain(): {
    gain: { value: number; setValueAtTime(value: number, time: number): void };
    connect(node: unknown): void;
    disconnect(): void;
  };
}

/**
 * The cadence of a synthesized tone: `frequencies` (Hz) played together for `onSeconds` at the start of every
 * `periodSeconds`, `cycles` times (scheduled ahead at once).
 * @public
 */
export interface ToneCadence {
  readonly frequencies: readonly number[];
  readonly onSeconds: number;
  readonly periodSeconds: number;
  readonly cycles: number;
}

/** The North American ring: 440 Hz + 480 Hz, 2 s on, 4 s off (ITU-T E.180 national tones), one minute. @public */
export const RING_CADENCE: ToneCadence = Object.freeze({
  frequencies: Object.freeze([440, 480]),
  onSeconds: 2,
  periodSeconds: 6,
  cycles: 10,
});

/**
 * The call-waiting tone: 440 Hz for 0.3 s, every 10 s (North American call-waiting tone, ITU-T E.180 national
 * tones), one minute — a short beep over the call in progress instead of the ring.
 * @public
 */
export const CALL_WAITING_CADENCE: ToneCadence = Object.freeze({
  frequencies: Object.freeze([440]),
  onSeconds: 0.3,
  periodSeconds: 10,
  cycles: 6,
});

/**
 * A ringtone synthesized with Web Audio, by default the North American ring ({@link RING_CADENCE}) scheduled 10
 * cycles (one minute) ahead; {@link CALL_WAITING_CADENCE} makes the call-waiting tone. No sound file, so nothing for Salesforce's
 * Content-Security-Policy (`media-src`) to block and nothing added to the static resource.
 *
 * Autoplay policy: an `AudioContext` created before any user gesture in the frame stays `suspended`; `start()`
 * calls `resume()`, which browsers honour only after the agent has clicked in the softphone once (Chromium
 * autoplay policy). Until then the call rings visually only; the harness passes
 * `--autoplay-policy=no-user-gesture-required`.
 * @public
 */
export class WebAudioRingtone implements Ringtone {
  private context: AudioContextLike | null = null;
  private gain: ReturnType<AudioContextLike['createGain']> | null = null;
  private oscillators: ReturnType<AudioContextLike['createOscillator']>[] = [];

  /** `createContext` defaults to `new AudioContext()`; returns `null` where Web Audio is missing (Node). */
  constructor(
    private readonly createContext: () => AudioContextLike | null = () => {
      const Ctor = (globalThis as { AudioContext?: new () => AudioContextLike }).AudioContext;
      return Ctor ? new Ctor() : null;
    },
    private readonly volume = 0.15,
    private readonly cadence: ToneCadence = RING_CADENCE,
  ) {}

  start(): void {
    if (this.oscillators.length > 0) return;
    this.context ??= this.createContext();
    const context = this.context;
    if (!context) return;
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const gain = context.createGain();
    const t0 = context.currentTime;
    const { frequencies, onSeconds, periodSeconds, cycles } = this.cadence;
    gain.gain.value = 0;
    for (let cycle = 0; cycle < cycles; cycle += 1) {
      gain.gain.setValueAtTime(this.volume, t0 + cycle * periodSeconds);
      gain.gain.setValueAtTime(0, t0 + cycle * periodSeconds + onSeconds);
    }
    gain.connect(context.destination);
    this.oscillators = frequencies.map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(t0);
      oscillator.stop(t0 + cycles * periodSeconds);
      return oscillator;
    });
    this.gain = gain;
  }

  stop(): void {
    for (const oscillator of this.oscillators) {
      try {
        oscillator.stop();
      } catch {
        // already stopped
      }
    }
    this.oscillators = [];
    this.gain?.disconnect();
    this.gain = null;
  }
}
