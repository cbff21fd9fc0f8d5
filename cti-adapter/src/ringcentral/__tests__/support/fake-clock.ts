import { FakeClock, settle } from '../../../core/__tests__/support/fake-clock';

/**
 * Manual clock for the RingCentral layer's tests: the core's {@link FakeClock}, with an async `advance()` that lets
 * promise callbacks run before each due timer and at the end (the layer's timers start SDK promises).
 */
export class ManualClock extends FakeClock {
  pending(): number {
    return this.pendingTimers();
  }

  /** Moves time forward, firing due timers in order, letting promise callbacks run between them. */
  override async advance(ms: number): Promise<void> {
    const target = this.now() + ms;
    for (;;) {
      await flush();
      if (!this.fireNextDue(target)) break;
    }
    this.setNow(target);
    await flush();
  }
}

/** Lets pending promise callbacks run (20 microtask rounds). */
export function flush(rounds = 20): Promise<void> {
  return settle(rounds);
}
