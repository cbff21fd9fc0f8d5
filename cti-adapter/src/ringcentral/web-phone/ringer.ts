import type { Ringtone, RingtoneOutput } from './ringtone';

/**
 * When the ringtone plays: from an inbound call's INVITE until no inbound call rings any more (answered, declined,
 * sent to voicemail, missed, taken elsewhere), only while the agent's ringer setting is on. The calls part tells it
 * what happened; it keeps no call state of its own.
 * @public
 */
export class Ringer {
  constructor(
    private readonly tone: Ringtone | null,
    private enabled = true,
  ) {}

  /** An inbound call started alerting. */
  ring(): void {
    if (this.enabled) this.tone?.start();
  }

  /** Stops the tone now (the agent acted on the ringing call, or the calls are gone). */
  silence(): void {
    this.tone?.stop();
  }

  /** A call stopped alerting: stops the tone unless `stillRinging` (another inbound call alerts). */
  settle(stillRinging: boolean): void {
    if (!stillRinging) this.tone?.stop();
  }

  /** The agent's ringer device and volume. */
  setOutput(output: RingtoneOutput): void {
    this.tone?.setOutput?.(output);
  }

  /** The agent's ringer setting; `ringing` = an inbound call alerts now (it starts ringing when turned on). */
  setEnabled(enabled: boolean, ringing: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.tone?.stop();
    else if (ringing) this.tone?.start();
  }
}
