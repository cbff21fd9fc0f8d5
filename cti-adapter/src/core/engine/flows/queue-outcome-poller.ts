import { queueCallOutcome, type QueueCallOutcome } from '../../call-log/queue-call-outcome';
import type { CallHistoryPort } from '../../ports/call-history-port';
import type { TimerHandle } from '../../ports/clock';
import type { EngineContext } from './engine-context';

/**
 * Waits before each look at the agent's call log for the session (ms). A queue call goes on ringing other members or
 * waits in the queue for up to its maximum wait time before it overflows, so the looks spread over about 15 minutes
 * (2 + 5 + 10 + 20 + 30 s, then every minute); after the last the call is left to History.
 * @public
 */
export const DEFAULT_QUEUE_OUTCOME_DELAYS_MS: readonly number[] = Object.freeze([
  2_000,
  5_000,
  10_000,
  20_000,
  30_000,
  ...Array.from({ length: 14 }, () => 60_000),
]);

/**
 * The looks at the agent's RingCentral call log for the outcome of the queue calls {@link QueueOutcomeFlow} keeps
 * waiting (ADR 0025): a lazy chunk of its own, loaded only once a queue call this agent did not take has ended — the
 * first paint does not need it to ring, answer or pop (ADR 0018). Taken by a member → forgotten (theirs to log);
 * missed by every member → `missed-by-all` and `scheduleAutoLog`; no final record after the last look → forgotten.
 * @public
 */
export class QueueOutcomePoller {
  private readonly timers = new Map<string, TimerHandle>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly port: CallHistoryPort,
    private readonly scheduleAutoLog: (callId: string) => void,
    private readonly delays: readonly number[] = DEFAULT_QUEUE_OUTCOME_DELAYS_MS,
  ) {}

  /** Starts looking for a waiting call's outcome (once per call). */
  watch(callId: string): void {
    if (!this.timers.has(callId)) this.lookLater(callId, 0);
  }

  dispose(): void {
    for (const handle of this.timers.values()) this.ctx.clock.clearTimeout(handle);
    this.timers.clear();
  }

  private lookLater(callId: string, attempt: number): void {
    const delay = this.delays[attempt];
    if (delay === undefined) {
      // No final record after the last look: most likely a member took it and is still talking. Theirs to log.
      this.ctx.turn(() => forgetWaiting(this.ctx, callId));
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
    if (!draft || draft.queueOutcome !== 'waiting' || !telephonySessionId || !this.port.finalRecord) return;
    let outcome: QueueCallOutcome = 'unknown';
    try {
      outcome = queueCallOutcome(await this.port.finalRecord(telephonySessionId));
    } catch {
      // A failed read (network, rate limit) is looked at again like a record not written yet.
    }
    this.ctx.turn(() => {
      if (this.ctx.book.get(callId)?.draft.queueOutcome !== 'waiting') return;
      if (outcome === 'answered') forgetWaiting(this.ctx, callId);
      else if (outcome === 'missed-by-all') {
        this.ctx.book.update(callId, () => ({ queueOutcome: 'missed-by-all' }));
        this.scheduleAutoLog(callId);
      } else this.lookLater(callId, attempt + 1);
    });
  }
}

/** Forgets a call still waiting for its outcome: left to History (a member's to log, or no outcome known). */
function forgetWaiting(ctx: EngineContext, callId: string): void {
  if (ctx.book.get(callId)?.draft.queueOutcome === 'waiting') ctx.book.remove(callId);
}
