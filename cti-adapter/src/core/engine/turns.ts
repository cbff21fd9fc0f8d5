import { systemClock, type Clock, type TimerHandle } from '../ports/clock';

/**
 * Coalesces state publication into turns. A turn is one thing happening to the softphone: a telephony event, an
 * agent command, the answer of a server call, a timer. Whatever changes during {@link Turns.run} is committed
 * once, when the outermost turn ends; a change outside any turn is committed at once. So one telephony event
 * publishes one state, however many records it touches.
 *
 * While a message more urgent than rendering is in flight (the lookup of a ringing call, whose answer carries the
 * screen pop; the pop itself and the initialization notice, answered by the console, which shares this page's main
 * thread when both are on one site), a {@link Turns.hold} keeps every commit waiting: the main thread is free when
 * the answer arrives, and what changed meanwhile is persisted, published and rendered once the last hold is
 * released — by the answer, or by its deadline.
 * @public
 */
export class Turns {
  private depth = 0;
  private pending = false;
  private holds = 0;
  /** Work waiting for the holds to end ({@link Turns.afterHolds}), in the order it came. */
  private readonly waiting: (() => void)[] = [];

  /**
   * @param commit persists and publishes everything changed (the engine's `commit`)
   * @param clock runs the deadlines of holds
   */
  constructor(
    private readonly commit: () => void,
    private readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'> = systemClock,
  ) {}

  /**
   * Runs `work` as (part of) a turn and commits at the end of the outermost one, also when `work` throws — unless a
   * {@link Turns.hold hold} is on. For an async `work` only its synchronous part belongs to the turn: continuations
   * after an `await` run their own turn.
   */
  run<T>(work: () => T): T {
    this.depth += 1;
    try {
      return work();
    } finally {
      this.depth -= 1;
      this.commitIfFree();
    }
  }

  /** Something changed: committed at the end of the current turn, or now outside any turn (unless held). */
  changed(): void {
    this.pending = true;
    this.commitIfFree();
  }

  /**
   * Holds every commit until the returned release is called or `maxMs` has passed, whichever comes first; what
   * changed meanwhile is committed when the last hold ends.
   * @returns releases this hold (idempotent)
   */
  hold(maxMs: number): () => void {
    this.holds += 1;
    let timer: TimerHandle | null = null;
    const release = (): void => {
      if (timer === null) return;
      this.clock.clearTimeout(timer);
      timer = null;
      this.holds -= 1;
      this.commitIfFree();
    };
    timer = this.clock.setTimeout(release, maxMs);
    return release;
  }

  /**
   * Runs `work` once no hold is on and no turn is running, right after that moment's commit — at once when that is
   * now. For what the agent sees of a change outside the softphone's own render (the console opening the panel for a
   * ringing call): it comes with the state it shows, not before the urgent message a hold waits for.
   * A `work` that throws is reported (`console.error`) and does not stop the others.
   */
  afterHolds(work: () => void): void {
    this.waiting.push(work);
    this.runWaitingIfFree();
  }

  /** What changed, now, held or not (disposal). */
  flush(): void {
    if (!this.pending) return;
    this.pending = false;
    this.commit();
  }

  private commitIfFree(): void {
    if (this.depth > 0 || this.holds > 0) return;
    if (this.pending) {
      this.pending = false;
      this.commit();
    }
    this.runWaitingIfFree();
  }

  private runWaitingIfFree(): void {
    while (this.depth === 0 && this.holds === 0 && this.waiting.length > 0) {
      const work = this.waiting.shift()!;
      try {
        work();
      } catch (error) {
        console.error(error);
      }
    }
  }
}
