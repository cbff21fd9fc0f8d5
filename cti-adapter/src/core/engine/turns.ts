/**
 * Coalesces state publication into turns. A turn is one thing happening to the softphone: a telephony event, an
 * agent command, the answer of a server call, a timer. Whatever changes during {@link Turns.run} is committed
 * once, when the outermost turn ends; a change outside any turn is committed at once. So one telephony event
 * publishes one state, however many records it touches.
 * @public
 */
export class Turns {
  private depth = 0;
  private pending = false;

  /** @param commit persists and publishes everything changed (the engine's `commit`) */
  constructor(private readonly commit: () => void) {}

  /**
   * Runs `work` as (part of) a turn and commits at the end of the outermost one, also when `work` throws. For an
   * async `work` only its synchronous part belongs to the turn: continuations after an `await` run their own turn.
   */
  run<T>(work: () => T): T {
    this.depth += 1;
    try {
      return work();
    } finally {
      this.depth -= 1;
      if (this.depth === 0 && this.pending) {
        this.pending = false;
        this.commit();
      }
    }
  }

  /** Something changed: committed at the end of the current turn, or now outside any turn. */
  changed(): void {
    if (this.depth > 0) this.pending = true;
    else this.commit();
  }
}
