import { systemClock, type Clock, type TimerHandle } from '../ports/clock';

/**
 * Coalesces state publication into turns. A turn is one thing happening to the softphone: a telephony event, an
 * agent command, the answer of a server call, a timer. Whatever changes during {@link Turns.run} is committed
 * once, when the outermost turn ends; a change outside any turn is committed at once. So one telephony event
 * publishes one state, however many records it touches.
 *
 * A turn whose urgent work is a message still in flight (the lookup of a ringing call, whose answer carries the screen
 * pop; the pop itself and the initialization notice, answered by the console, which shares this page's main thread
 * when both are on one site) can {@link Turns.hold} its commit: the main thread is then free when the answer arrives,
 * and the state is persisted, published and rendered after it — at the answer, the next turn that commits, or the
 * hold's deadline, whichever comes first.
 * @public
 */
export class Turns {
  private depth = 0;
  private pending = false;
  private holdMs: number | null = null;
  private holdTimer: TimerHandle | null = null;

  /**
   * @param commit persists and publishes everything changed (the engine's `commit`)
   * @param clock runs the deadline of a held commit
   */
  constructor(
    private readonly commit: () => void,
    private readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'> = systemClock,
  ) {}

  /**
   * Runs `work` as (part of) a turn and commits at the end of the outermost one, also when `work` throws — unless
   * the turn was {@link Turns.hold held}. For an async `work` only its synchronous part belongs to the turn:
   * continuations after an `await` run their own turn.
   */
  run<T>(work: () => T): T {
    this.depth += 1;
    try {
      return work();
    } finally {
      this.depth -= 1;
      if (this.depth === 0) this.endTurn();
    }
  }

  /** Something changed: committed at the end of the current turn, or now outside any turn. */
  changed(): void {
    this.pending = true;
    if (this.depth === 0) this.commitNow();
  }

  /**
   * The current turn's commit waits — for `release()`, the next turn that commits, or `maxMs`, whichever comes first
   * (outside a turn: nothing to hold). The longest hold asked for in one turn wins.
   * @returns releases this hold: commits now if nothing else did (outside a turn)
   */
  hold(maxMs: number): () => void {
    if (this.depth === 0) return () => undefined;
    this.holdMs = Math.max(this.holdMs ?? 0, maxMs);
    return () => {
      if (this.depth === 0 && this.holdTimer !== null) this.flush();
    };
  }

  /** A held commit, now (disposal, tests). */
  flush(): void {
    if (this.pending) this.commitNow();
  }

  private endTurn(): void {
    const holdMs = this.holdMs;
    this.holdMs = null;
    if (!this.pending) return;
    if (holdMs === null) {
      this.commitNow();
      return;
    }
    this.holdTimer ??= this.clock.setTimeout(() => {
      this.holdTimer = null;
      if (this.pending && this.depth === 0) this.commitNow();
    }, holdMs);
  }

  private commitNow(): void {
    if (this.holdTimer !== null) {
      this.clock.clearTimeout(this.holdTimer);
      this.holdTimer = null;
    }
    this.pending = false;
    this.commit();
  }
}
