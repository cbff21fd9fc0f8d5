import type { Ringtone, RingtoneOutput } from './ringtone';

/**
 * When the ringtone plays: from an inbound call's INVITE until no inbound call rings any more (answered, declined,
 * sent to voicemail, missed, taken elsewhere), only while the agent's ringer setting is on. While the agent is on a
 * call (an answered call is live) a new call gets the call-waiting tone instead (a short beep over the conversation);
 * when that call ends and the other still rings, the ring takes over. The calls part tells it what happened; it keeps
 * no call state of its own.
 * @public
 */
export class Ringer {
  private playing: 'ring' | 'waiting' | null = null;

  constructor(
    private readonly tone: Ringtone | null,
    private enabled = true,
    private readonly waitingTone: Ringtone | null = null,
  ) {}

  /** An inbound call started alerting; `onCall`: the agent is on another (answered) call. */
  ring(onCall = false): void {
    if (this.enabled) this.play(onCall && this.playing !== 'ring' ? 'waiting' : 'ring');
  }

  /** Stops the tone now (the agent acted on the ringing call, or the calls are gone). */
  silence(): void {
    this.play(null);
  }

  /**
   * A call stopped alerting, was answered or ended: silent unless `stillRinging` (another inbound call alerts); a
   * call-waiting tone becomes the ring when the agent is no longer on a call (`onCall` false).
   */
  settle(stillRinging: boolean, onCall = false): void {
    if (!stillRinging) this.play(null);
    else if (!onCall && this.playing === 'waiting') this.play('ring');
  }

  /** Gets both tones ready ({@link Ringtone.prepare}): the first ring of the session then starts at once. */
  prepare(): void {
    this.tone?.prepare?.();
    this.waitingTone?.prepare?.();
  }

  /** The agent's ringer device and volume. */
  setOutput(output: RingtoneOutput): void {
    this.tone?.setOutput?.(output);
  }

  /** The agent's ringer setting; `ringing` = an inbound call alerts now (it starts ringing when turned on). */
  setEnabled(enabled: boolean, ringing: boolean, onCall = false): void {
    this.enabled = enabled;
    if (!enabled) this.play(null);
    else if (ringing && this.playing === null) this.play(onCall ? 'waiting' : 'ring');
  }

  private play(next: 'ring' | 'waiting' | null): void {
    if (next === this.playing) return;
    if (this.playing === 'ring') this.tone?.stop();
    if (this.playing === 'waiting') this.waitingTone?.stop();
    this.playing = next;
    if (next === 'ring') this.tone?.start();
    if (next === 'waiting') this.waitingTone?.start();
  }
}
