/**
 * The ringer of inbound calls.
 * @public
 */
export interface Ringtone {
  start(): void;
  stop(): void;
  /**
   * Where and how loud it rings: `deviceId` of an audio output (`null` = the system default), `volume` 0–1 (the
   * agent's ringer volume). Applies to the tone ringing now too. Optional: a ringtone without it rings as it is.
   */
  setOutput?(output: RingtoneOutput): void;
  /**
   * Gets ready so that the first {@link Ringtone.start} does no set-up work (for Web Audio: creating the audio context
   * and its first nodes, milliseconds of main thread that would otherwise sit between an INVITE and the screen pop).
   * Called once the web phone has registered and the page is idle; calling it again does nothing. Optional.
   */
  prepare?(): void;
}

/** See {@link Ringtone.setOutput}. @public */
export interface RingtoneOutput {
  readonly deviceId: string | null;
  readonly volume: number;
}

/** The `HTMLAudioElement` surface {@link AudioElementRingtone} uses. @public */
export interface AudioLike {
  loop: boolean;
  currentTime: number;
  play(): Promise<void> | void;
  pause(): void;
}

/**
 * Plays a looping audio file while a call rings.
 *
 * Autoplay policy: browsers refuse `play()` without a prior user gesture in the frame (Chromium's autoplay policy;
 * Salesforce's utility bar counts clicks inside the softphone frame only). The refusal (`NotAllowedError`) is
 * swallowed: the call still rings visually and the ringer works after the agent's first click in the softphone.
 * The harness launches Chromium with `--autoplay-policy=no-user-gesture-required`.
 * @public
 */
export class AudioElementRingtone implements Ringtone {
  private playing = false;

  constructor(private readonly audio: AudioLike) {
    audio.loop = true;
  }

  /** Creates one from a sound URL (a static resource file); `null` when there is no `Audio` (Node). */
  static fromUrl(url: string): AudioElementRingtone | null {
    const AudioCtor = (globalThis as { Audio?: new (src: string) => AudioLike }).Audio;
    return AudioCtor ? new AudioElementRingtone(new AudioCtor(url)) : null;
  }

  start(): void {
    if (this.playing) return;
    this.playing = true;
    try {
      const result = this.audio.play();
      if (result && typeof result.catch === 'function') result.catch(() => (this.playing = false));
    } catch {
      this.playing = false;
    }
  }

  stop(): void {
    this.playing = false;
    this.audio.pause();
    this.audio.currentTime = 0;
  }
}
