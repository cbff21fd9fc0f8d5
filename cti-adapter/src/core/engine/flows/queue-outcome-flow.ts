import type { EndReason } from '../../call/call-state';
import type { CallHistoryPort } from '../../ports/call-history-port';
import type { EngineContext } from './engine-context';
import type { QueueOutcomePoller } from './queue-outcome-poller';

/** Options of {@link QueueOutcomeFlow}. @public */
export interface QueueOutcomeOptions {
  /**
   * Waits before each look at the agent's call log for the session (ms); default
   * `DEFAULT_QUEUE_OUTCOME_DELAYS_MS` of `queue-outcome-poller.ts` (about 15 minutes in all).
   */
  readonly retryDelaysMs?: readonly number[];
}

/** The ends of a queue call this agent did not take: it rang out here, or the agent declined it. */
const NOT_TAKEN: readonly EndReason[] = ['missed', 'declined'];

/**
 * Call queue calls this agent did not take (ADR 0025). The ring ending here says nothing of the call: another member
 * may take it after this one (a rotating queue) or nobody may (the queue's voicemail). The seed
 * `004_7d3109e70c064dca.txt` ("Why are missed call queue calls not logged") notes the outcome is known only once
 * someone picks it up or the whole account missed it. So such a call is not offered to log: it `waits`, hidden, while
 * the flow looks at the agent's RingCentral call log for the session (`CallHistoryPort.finalRecord`, written when the
 * call ends). Taken by a member → forgotten (theirs to log); missed by every member → `missed-by-all`, then logged as
 * any ended call (form, countdown or Unresolved) but once for the queue (`CallLog.queueMissed`, a shared log key); no
 * answer after the last look → forgotten (History still lists it). A call the agent already wrote notes in is the
 * agent's own log, as before.
 * The looks themselves ({@link QueueOutcomePoller}) are a lazy chunk loaded at the first such call (ADR 0018).
 * @public
 */
export class QueueOutcomeFlow {
  private poller: Promise<QueueOutcomePoller> | null = null;
  private disposed = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly port: CallHistoryPort | undefined,
    private readonly scheduleAutoLog: (callId: string) => void,
    private readonly options: QueueOutcomeOptions = {},
  ) {}

  /**
   * At the end of a call: a queue call this agent did not take waits for its outcome.
   * @returns true when the call waits (it must get no form, countdown or Unresolved entry now)
   */
  waitFor(callId: string): boolean {
    const draft = this.ctx.book.get(callId)?.draft;
    if (!draft || !this.port?.finalRecord) return false;
    const { call } = draft;
    if (!call.queueName || !call.telephonySessionId || !call.endReason || !NOT_TAKEN.includes(call.endReason)) {
      return false;
    }
    if (draft.formEdited || draft.taskId) return false;
    this.ctx.book.update(callId, () => ({ queueOutcome: 'waiting', autoLogAt: null }));
    this.watch(callId);
    return true;
  }

  /** After a reload: the calls that were waiting look again. */
  resume(): void {
    for (const record of this.ctx.book.all()) {
      if (record.draft.queueOutcome === 'waiting') this.watch(record.draft.call.callId);
    }
  }

  dispose(): void {
    this.disposed = true;
    void this.poller?.then((poller) => poller.dispose()).catch(() => undefined);
  }

  private watch(callId: string): void {
    const port = this.port;
    if (!port) return;
    this.poller ??= import('./queue-outcome-poller').then(
      ({ QueueOutcomePoller: Poller }) => new Poller(this.ctx, port, this.scheduleAutoLog, this.options.retryDelaysMs),
    );
    this.poller.then(
      (poller) => {
        if (!this.disposed) poller.watch(callId);
      },
      () => {
        // The chunk could not be fetched: the call stays waiting (hidden); the next such call or a reload loads it again.
        this.poller = null;
      },
    );
  }
}
