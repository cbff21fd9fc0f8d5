import type { NoticeReasonCode } from '../engine/notices';
import type { Clock, TimerHandle } from '../ports/clock';

/**
 * The tabs' own failures (ADR 0028), by code, with their English text (logs, and the fallback): the UI words each as
 * its `Reason_<CODE>` label in the agent's language (ADR 0032; `reasonOf` reads `TabError.reasonCode`).
 * @public
 */
export const TAB_FAILURES = {
  TAB_OWNER_GONE: 'The softphone tab that held the phone closed. Try again.',
  TAB_OWNER_SILENT: 'The softphone tab that holds the phone did not answer. Try again.',
  TAB_OWNER_STARTING: 'The softphone is starting in another tab. Try again in a moment.',
  TAB_SILENT: 'The tab did not answer.',
  TAB_REQUEST_FAILED: 'The request failed in the other tab.',
  TAB_NO_MESSAGES: 'The tab that holds the phone did not send its messages. Try again.',
  TAB_NOW_OWNER: 'This tab holds the phone now.',
  TAB_NOT_OWNER: 'This tab does not hold the phone.',
  TAB_NOT_FOLLOWER: 'This tab does not follow the phone.',
  TAB_NO_SIGN_IN: 'Sign-in is not available here.',
} as const satisfies Partial<Record<NoticeReasonCode, string>>;

/** A code of {@link TAB_FAILURES}. @public */
export type TabFailure = keyof typeof TAB_FAILURES;

/** Whether `code` is a {@link TabFailure} (a code read from another tab's message). @public */
export function isTabFailure(code: unknown): code is TabFailure {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(TAB_FAILURES, code);
}

/**
 * A refusal another tab answered with its reason code (`reasonCode`, e.g. a `ReasonError`'s) and its English message:
 * `reasonOf` reads the code, so this tab words it in its agent's language (ADR 0028, sixth amendment). @public
 */
export class RelayedError extends Error {
  constructor(
    readonly reasonCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** A failure of the tabs' own, with its code (`reasonCode`) and English message. @public */
export class TabError extends Error {
  constructor(readonly reasonCode: TabFailure) {
    super(TAB_FAILURES[reasonCode]);
  }
}

/** The other tab did not answer in time, or went away: the request was not carried out there (as far as known). @public */
export class TabUnreachableError extends TabError {
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
   * Registers a request to tab `to`; `send(id)` posts it. Rejects with a {@link TabUnreachableError} of `timeout`
   * after `timeoutMs` (default: the constructor's).
   */
  start(to: string, send: (id: number) => void, timeout: TabFailure, timeoutMs = this.timeoutMs): Promise<unknown> {
    const id = this.next++;
    return new Promise<unknown>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => this.fail(id, new TabUnreachableError(timeout)), timeoutMs);
      this.pending.set(id, { to, resolve, reject, timer });
      send(id);
    });
  }

  /**
   * The answer from tab `from` to request `id` (ignored when unknown, settled, or from another tab); a failure with a
   * known `reason` code is that {@link TabError} (worded here, in this tab's language); another code travels on with
   * the other tab's message ({@link RelayedError}: the UI words it by its `Reason_<CODE>` label, else shows the
   * message); without a code, the other tab's message.
   */
  settle(from: string, id: number, ok: boolean, value: unknown, error: string | undefined, reason?: string): void {
    const request = this.pending.get(id);
    if (!request || request.to !== from) return;
    if (ok) this.done(id)?.resolve(value);
    else if (isTabFailure(reason)) this.fail(id, new TabError(reason));
    else if (reason && error) this.fail(id, new RelayedError(reason, error));
    else this.fail(id, error ? new Error(error) : new TabError('TAB_REQUEST_FAILED'));
  }

  /** Rejects every request to `tab` (it closed, or another tab became the owner); `null`: every request. */
  abandon(tab: string | null, failure: TabFailure): void {
    for (const [id, request] of [...this.pending]) {
      if (tab === null || request.to === tab) this.fail(id, new TabUnreachableError(failure));
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
