import { queueCallOutcome, type QueueCallOutcome } from '../../call-log/queue-call-outcome';
import type { EndReason } from '../../call/call-state';
import type { CallHistoryPort } from '../../ports/call-history-port';
import type { TimerHandle } from '../../ports/clock';
import type { EngineContext } from './engine-context';

/** Options of {@link QueueOutcomeFlow}. @public */
export interface QueueOutcomeOptions {
  /**
   * Waits before each look at the agent's call log for the session (ms). A queue call goes on ringing other members
   * or waits in the queue for up to its maximum wait time before it overflows, so the looks spread over about 15
   * minutes (2 + 5 + 10 + 20 + 30 s, then every minute); after the last the call is left to History.
   */
  readonly retryDelaysMs?: readonly number[];
}

const DEFAULT_DELAYS_MS: readonly number[] = Object.freeze([
  2_000,
  5_000,
  10_000,
  20_000,
  30_000,
  ...Array.from({ length: 14 }, () => 60_000),
]);

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
 * @public
 */
export class QueueOutcomeFlow {
  private readonly timers = new Map<string, TimerHandle>();
  private readonly delays: readonly number[];

  constructor(
    private readonly ctx: EngineContext,
    private readonly port: CallHistoryPort | undefined,
    private readonly scheduleAutoLog: (callId: string) => void,
    options: QueueOutcomeOptions = {},
  ) {
    this.delays = options.retryDelaysMs ?? DEFAULT_DELAYS_MS;
  }

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
    this.lookLater(callId, 0);
    return true;
  }

  /** After a reload: the calls that were waiting look again. */
  resume(): void {
    for (const record of this.ctx.book.all()) {
      if (record.draft.queueOutcome === 'waiting' && !this.timers.has(record.draft.call.callId)) {
        this.lookLater(record.draft.call.callId, 0);
      }
    }
  }

  dispose(): void {
    for (const handle of this.timers.values()) this.ctx.clock.clearTimeout(handle);
    this.timers.clear();
  }

  private lookLater(callId: string, attempt: number): void {
    const delay = this.delays[attempt];
    if (delay === undefined) {
      // No final record after the last look: most likely a member took it and is still talking. Theirs to log.
      this.ctx.turn(() => this.forget(callId));
      return;
    }
    this.timers.set(
      callId,
      this.ctx.clock.setTimeout(() => void this.look(callId, attempt), delay),
    );
  }

  private async look(callId: string, attempt: number): Promise<void> {
    this.timers.delete(callId);
    const draft = this.ctx.book.get(callId)?.draft;
    const telephonySessionId = draft?.call.telephonySessionId;
    if (!draft || draft.queueOutcome !== 'waiting' || !telephonySessionId || !this.port?.finalRecord) return;
    let outcome: QueueCallOutcome = 'unknown';
    try {
      outcome = queueCallOutcome(await this.port.finalRecord(telephonySessionId));
    } catch {
      // A failed read (network, rate limit) is looked at again like a record not written yet.
    }
    this.ctx.turn(() => {
      if (this.ctx.book.get(callId)?.draft.queueOutcome !== 'waiting') return;
      if (outcome === 'answered') this.forget(callId);
      else if (outcome === 'missed-by-all') {
        this.ctx.book.update(callId, () => ({ queueOutcome: 'missed-by-all' }));
        this.scheduleAutoLog(callId);
      } else this.lookLater(callId, attempt + 1);
    });
  }

  private forget(callId: string): void {
    if (this.ctx.book.get(callId)?.draft.queueOutcome === 'waiting') this.ctx.book.remove(callId);
  }
}
