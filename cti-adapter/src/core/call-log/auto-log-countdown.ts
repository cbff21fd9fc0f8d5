import { systemClock, type Clock, type TimerHandle } from '../ports/clock';

/**
 * One countdown per call before an automatic log is saved (`Settings.autoLog`, `autoLogDelaySeconds`). The agent
 * editing the log cancels it (the product setting "Delay auto call logging" exists to avoid overwriting an agent's
 * edit session, the RingCentral for Salesforce FAQ (seed `004_7d3109e70c064dca.txt`)). Timers come from the injected {@link Clock}.
 * @public
 */
export class AutoLogCountdown {
  private readonly clock: Clock;
  private readonly timers = new Map<string, { handle: TimerHandle; dueAt: number }>();

  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? systemClock;
  }

  /** (Re)starts the countdown of `callId`; `onFire` runs once after `delayMs`. Returns the due time (epoch ms). */
  start(callId: string, delayMs: number, onFire: () => void): number {
    this.cancel(callId);
    const dueAt = this.clock.now() + Math.max(0, delayMs);
    const handle = this.clock.setTimeout(
      () => {
        this.timers.delete(callId);
        onFire();
      },
      Math.max(0, delayMs),
    );
    this.timers.set(callId, { handle, dueAt });
    return dueAt;
  }

  /** Stops the countdown of `callId`; returns whether one was running. */
  cancel(callId: string): boolean {
    const timer = this.timers.get(callId);
    if (!timer) return false;
    this.clock.clearTimeout(timer.handle);
    this.timers.delete(callId);
    return true;
  }

  /** Due time of a running countdown, else `null`. */
  dueAt(callId: string): number | null {
    return this.timers.get(callId)?.dueAt ?? null;
  }

  /** Seconds left (rounded up) for a countdown display, else `null`. */
  secondsLeft(callId: string): number | null {
    const dueAt = this.dueAt(callId);
    return dueAt === null ? null : Math.max(0, Math.ceil((dueAt - this.clock.now()) / 1000));
  }

  dispose(): void {
    for (const callId of [...this.timers.keys()]) this.cancel(callId);
  }
}
