import type { Ringtone, RingtoneOutput } from './ringtone';

/** The slice of the Web Audio API the ringtone uses (injectable for tests). @public */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: unknown;
  resume(): Promise<void>;
  /** Sends the context's output to an audio device (`''` = default; Web Audio API, Chromium 110+). */
  setSinkId?(sinkId: string): Promise<void>;
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
 * {@link WebAudioRingtone.setOutput} sends it to the agent's ringer device (`AudioContext.setSinkId`, where the browser
 * has it; else the system default) at the agent's ringer volume (× the full level given at construction).
 *
 * Autoplay policy: an `AudioContext` created before any user gesture in the frame stays `suspended`; `start()`
 * calls `resume()`, which browsers honour only after the agent has clicked in the softphone once (Chromium
 * autoplay policy). Until then the call rings visually only; the harness passes
 * `--autoplay-policy=no-user-gesture-required`.
 *
 * {@link WebAudioRingtone.prepare} creates the ringtone's own context ahead — measured in Chromium: creating a context
 * and its first oscillator took 14 ms of main thread on the first ring, between the caller's lookup and the screen
 * pop, and hundreds of milliseconds on a machine without a sound card. Each ringtone keeps its own context (the ring
 * and the call-waiting tone go to different outputs: the ringer device, the default). The context then runs for the
 * page's life, as one created at the first ring did: suspending it between calls would cost a `resume()` (0.6–1.8 ms
 * of main thread, measured) inside every ring's lookup window.
 * @public
 */
export class WebAudioRingtone implements Ringtone {
  private context: AudioContextLike | null = null;
  private gain: ReturnType<AudioContextLike['createGain']> | null = null;
  private oscillators: ReturnType<AudioContextLike['createOscillator']>[] = [];
  private output: RingtoneOutput = { deviceId: null, volume: 1 };
  /** The device the context was last sent to (`undefined`: never). */
  private sink: string | null | undefined = undefined;

  /** `createContext` defaults to `new AudioContext()`; returns `null` where Web Audio is missing (Node). */
  constructor(
    private readonly createContext: () => AudioContextLike | null = () => {
      const Ctor = (globalThis as { AudioContext?: new () => AudioContextLike }).AudioContext;
      return Ctor ? new Ctor() : null;
    },
    private readonly volume = 0.15,
    private readonly cadence: ToneCadence = RING_CADENCE,
  ) {}

  setOutput(output: RingtoneOutput): void {
    const volumeChanged = output.volume !== this.output.volume;
    this.output = { deviceId: output.deviceId, volume: Math.min(1, Math.max(0, output.volume)) };
    if (this.context) this.applySink(this.context);
    if (volumeChanged && this.oscillators.length > 0) {
      // Rescheduled at the new level from now on.
      this.stop();
      this.start();
    }
  }

  private applySink(context: AudioContextLike): void {
    const wanted = this.output.deviceId;
    if (wanted === this.sink || !context.setSinkId) return;
    this.sink = wanted;
    void context.setSinkId(wanted ?? '').catch(() => {
      // Gone or refused: it rings on the default output (the engine tells the agent about a missing device).
      this.sink = undefined;
    });
  }

  prepare(): void {
    if (this.context) return;
    const context = this.createContext();
    this.context = context;
    if (!context) return;
    this.applySink(context);
    // The first oscillator of a context costs the most (measured: 11–15 ms, the next ones 0.2 ms): made here, never
    // connected (silent), started and stopped at once so that nothing counts it as a tone.
    const first = context.createOscillator();
    first.start();
    first.stop();
  }

  start(): void {
    if (this.oscillators.length > 0) return;
    this.context ??= this.createContext();
    const context = this.context;
    if (!context) return;
    this.applySink(context);
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const gain = context.createGain();
    const t0 = context.currentTime;
    const { frequencies, onSeconds, periodSeconds, cycles } = this.cadence;
    gain.gain.value = 0;
    const level = this.volume * this.output.volume;
    for (let cycle = 0; cycle < cycles; cycle += 1) {
      gain.gain.setValueAtTime(level, t0 + cycle * periodSeconds);
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
