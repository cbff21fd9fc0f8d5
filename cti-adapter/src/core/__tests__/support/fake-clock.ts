import type { Clock, TimerHandle } from '../../ports/clock';

/**
 * Manual clock: time moves only through `advance()`, which fires due timers in order. Shared by the core's tests and,
 * through its async subclass `ManualClock` (`src/ringcentral/__tests__/support/fake-clock.ts`), the RingCentral layer's.
 */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start = Date.parse('2026-11-21T10:00:00.000Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = ++this.seq;
    this.timers.set(id, { at: this.current + Math.max(0, delayMs), callback });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running timers that come due (in due order). */
  advance(ms: number): void {
    const target = this.current + ms;
    while (this.fireNextDue(target));
    this.current = target;
  }

  /**
   * Fires the earliest timer due at or before `target` (epoch ms), after moving time to its due time.
   * @returns false when no timer is due by `target` (time is then left where it was)
   */
  protected fireNextDue(target: number): boolean {
    const next = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
    if (!next) return false;
    this.timers.delete(next[0]);
    this.current = next[1].at;
    next[1].callback();
    return true;
  }

  /** Sets the time (epoch ms) without firing timers; for subclasses that step through `fireNextDue`. */
  protected setNow(at: number): void {
    this.current = at;
  }
}

/** Lets pending promise callbacks run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/**
 * Lets the work the engine leaves for when the page is idle run (`whenIdle`: the next task in Node) — in a browser it
 * runs long before a call: the log builder's chunk (ADR 0018), the check of a chosen audio device.
 */
export async function afterIdle(): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  await settle();
}
