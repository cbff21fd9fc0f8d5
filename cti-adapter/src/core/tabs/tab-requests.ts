import type { Clock, TimerHandle } from '../ports/clock';

/** The other tab did not answer in time, or went away: the request was not carried out there (as far as known). @public */
export class TabUnreachableError extends Error {
  override readonly name = 'TabUnreachableError';
}

interface Pending {
  readonly to: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: TimerHandle;
}

/**
 * The requests one tab sent to another and waits for (commands to the owner, host calls to a follower): ids, the
 * answer, a timeout, and the end of every request to a tab that went away. A request is settled exactly once.
 * @public
 */
export class TabRequests {
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Registers a request to tab `to`; `send(id)` posts it. Rejects with a {@link TabUnreachableError} saying
   * `timeoutMessage` after `timeoutMs` (default: the constructor's).
   */
  start(to: string, send: (id: number) => void, timeoutMessage: string, timeoutMs = this.timeoutMs): Promise<unknown> {
    const id = this.next++;
    return new Promise<unknown>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => this.fail(id, new TabUnreachableError(timeoutMessage)), timeoutMs);
      this.pending.set(id, { to, resolve, reject, timer });
      send(id);
    });
  }

  /** The answer from tab `from` to request `id` (ignored when unknown, settled, or from another tab). */
  settle(from: string, id: number, ok: boolean, value: unknown, error: string | undefined): void {
    const request = this.pending.get(id);
    if (!request || request.to !== from) return;
    if (ok) this.done(id)?.resolve(value);
    else this.fail(id, new Error(error || 'The request failed in the other tab.'));
  }

  /** Rejects every request to `tab` (it closed, or another tab became the owner); `null`: every request. */
  abandon(tab: string | null, message: string): void {
    for (const [id, request] of [...this.pending]) {
      if (tab === null || request.to === tab) this.fail(id, new TabUnreachableError(message));
    }
  }

  get size(): number {
    return this.pending.size;
  }

  private done(id: number): Pending | undefined {
    const request = this.pending.get(id);
    if (!request) return undefined;
    this.pending.delete(id);
    this.clock.clearTimeout(request.timer);
    return request;
  }

  private fail(id: number, error: Error): void {
    this.done(id)?.reject(error);
  }
}
