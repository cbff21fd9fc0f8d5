import type { CallLogForm } from '../../call-log/call-log-form';
import type { CallLogOutbox } from '../../call-log/call-log-outbox';
import type { LogStorage } from '../../call-log/log-storage';
import { phoneNumberMetadata, type PhoneNumberMetadata } from '../../phone-number/phone-number-metadata';
import type { TimerHandle } from '../../ports/clock';
import type { KeyValueStore } from '../../ports/key-value-store';
import type { CallLogging, createCallLogging } from './call-logging';
import type { EngineContext } from './engine-context';
import { cancelAutoLog, discardDraft, dropQueueCallAnsweredElsewhere, updateLogForm } from './log-form';
import type { LogFlow, SaveLogResult } from './log-flow';

/** Loads the call-log chunk (default: its dynamic `import()`, ADR 0018). @public */
export type CallLoggingLoader = () => Promise<{ readonly createCallLogging: typeof createCallLogging }>;

/**
 * Why a log waits: the call-log chunk did not load (a network failure). The draft and its form are stored; the load
 * is retried. @public
 */
export const LOG_MODULE_NOT_LOADED =
  'The call log could not be prepared: part of the softphone did not load (network). Your notes are kept; try again.';

/** Options of {@link LazyLogFlow}. @public */
export interface LazyLogFlowOptions {
  /** The engine's store and the storage the drafts use (the outbox shares them, ADR 0010). */
  readonly store: KeyValueStore;
  readonly storage: LogStorage;
  /** Loads the chunk (default: `import('./call-logging')`). */
  readonly load?: CallLoggingLoader;
  /** The number formats, which the log's default subject shows the number in (loaded with the chunk). */
  readonly formats?: Pick<PhoneNumberMetadata, 'load'>;
  /** First retry of a failed load in ms (default 2000), doubled at each failure up to `maxRetryMs`. */
  readonly retryMs?: number;
  /** Longest wait between two loads (default 5 min, as the outbox's backoff). */
  readonly maxRetryMs?: number;
  /**
   * Called once, inside a turn, when the chunk has arrived, before the steps that waited for it run: the engine
   * follows the outbox and sends the logs left from the last session.
   */
  readonly onLoaded: (logging: CallLogging) => void;
}

/** Storage key prefix of the call-log outbox (`CallLogOutbox`'s default). */
const OUTBOX_PREFIX = 'softphone.outbox.';

/**
 * The engine's side of the call log in the first paint (ADR 0018, amendment "the call-log machinery is a lazy
 * chunk"): the form's edits (typed by the agent, stored with the draft at once), and the call-log chunk — the outbox,
 * how a log is built, automatic logging and Save ({@link LogFlow}) — loaded once, when the engine asks after the
 * start ({@link LazyLogFlow.load}) or at the first need.
 *
 * Until it has arrived, every step of automatic logging (the countdown of an ended call, its move to Unresolved, the
 * log on ringing or answer, the final facts of a log saved early) is queued, in order, and runs in one turn when the
 * chunk arrives — nothing is lost meanwhile: the draft is stored by the engine at every change, and the outbox stores
 * a log before it sends it. The agent's Save waits for the chunk. A chunk that cannot load is a temporary outage:
 * a warning notice ({@link LOG_MODULE_NOT_LOADED}) when a log waits for it (a queued step, or a log the last
 * session left in storage), the queued steps kept, and the load
 * retried with a backoff (2 s doubling up to 5 min) and at every new need; a Save that cannot get it rejects with
 * that message (the form shows it; nothing was sent, so nothing is duplicated).
 * @public
 */
export class LazyLogFlow {
  private logging: CallLogging | null = null;
  private loading: Promise<CallLogging> | null = null;
  private readonly waiting: ((flow: LogFlow) => void)[] = [];
  private retryTimer: TimerHandle | null = null;
  private failures = 0;
  private told = false;
  private disposed = false;
  private readonly importChunk: CallLoggingLoader;
  private readonly formats: Pick<PhoneNumberMetadata, 'load'>;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: LazyLogFlowOptions,
  ) {
    this.importChunk = options.load ?? (() => import('./call-logging'));
    this.formats = options.formats ?? phoneNumberMetadata;
  }

  /** The outbox once the chunk has arrived, else `null` (the state then shows no log status and no pending log). */
  get outbox(): CallLogOutbox | null {
    return this.logging?.outbox ?? null;
  }

  /**
   * Loads the chunk once (the engine calls it when idle after the start, so it is there before a call ends). The
   * chunk is ready once the number formats are there too: the default subject shows the number formatted
   * (`Inbound call from +44 20 7946 0104`). A failed load is forgotten and retried (see the class). Never settles
   * after {@link LazyLogFlow.dispose}.
   */
  load(): Promise<CallLogging> {
    if (this.logging) return Promise.resolve(this.logging);
    this.loading ??= Promise.all([this.importChunk(), this.formats.load()]).then(
      ([chunk]) => {
        this.loading = null;
        if (this.disposed) return new Promise<CallLogging>(() => undefined);
        this.arrived(chunk.createCallLogging(this.ctx, { store: this.options.store, storage: this.options.storage }));
        return this.logging as CallLogging;
      },
      (error: unknown) => {
        this.loading = null;
        this.failed(error);
        throw error;
      },
    );
    return this.loading;
  }

  // ---------------------------------------------------------------------------------------------- the form (first paint)

  /** {@link updateLogForm}: needs no chunk. */
  updateForm(callId: string, patch: Partial<CallLogForm>): CallLogForm {
    return updateLogForm(this.ctx, callId, patch);
  }

  /** Stops the countdown of a call without touching its form. */
  cancelAutoLog(callId: string): void {
    cancelAutoLog(this.ctx, callId);
  }

  /** Forgets an ended call's draft without logging it (a live call is kept). */
  discard(callId: string): void {
    discardDraft(this.ctx, callId);
  }

  /** {@link dropQueueCallAnsweredElsewhere}. */
  dropQueueCallAnsweredElsewhere(callId: string): boolean {
    return dropQueueCallAnsweredElsewhere(this.ctx, callId);
  }

  // ---------------------------------------------------------------------------------------------- the chunk's steps

  /**
   * Saves the log as the agent ({@link LogFlow.save}), once the chunk is here.
   * @throws Error with {@link LOG_MODULE_NOT_LOADED} when the chunk cannot load (nothing was sent; the draft stays)
   */
  async save(callId: string): Promise<SaveLogResult> {
    cancelAutoLog(this.ctx, callId);
    let logging = this.logging;
    if (!logging) {
      try {
        logging = await this.load();
      } catch {
        throw new Error(LOG_MODULE_NOT_LOADED);
      }
    }
    return logging.flow.save(callId);
  }

  /** {@link LogFlow.scheduleAutoLog}, now or once the chunk has arrived. */
  scheduleAutoLog(callId: string): void {
    this.run((flow) => flow.scheduleAutoLog(callId));
  }

  /** {@link LogFlow.afterMatch}, now or once the chunk has arrived. */
  afterMatch(callId: string): void {
    this.run((flow) => flow.afterMatch(callId));
  }

  /** {@link LogFlow.maybeSaveOnRinging}, now or once the chunk has arrived. */
  maybeSaveOnRinging(callId: string): void {
    this.run((flow) => flow.maybeSaveOnRinging(callId));
  }

  /** {@link LogFlow.onAnswered}, now or once the chunk has arrived. */
  onAnswered(callId: string): void {
    this.run((flow) => flow.onAnswered(callId));
  }

  /** {@link LogFlow.completeEarlyLog}, now or once the chunk has arrived. */
  completeEarlyLog(callId: string): void {
    this.run((flow) => flow.completeEarlyLog(callId));
  }

  /**
   * The telephony session ids of the logs of this browser not saved in Salesforce: the outbox's unsent entries, or —
   * when its chunk has not arrived — every stored entry (none can be known sent without reading them).
   */
  unsavedLogIds(): ReadonlySet<string> {
    const outbox = this.outbox;
    if (outbox)
      return new Set(
        outbox
          .list()
          .filter((e) => e.status !== 'sent')
          .map((e) => e.telephonySessionId),
      );
    return new Set(this.options.store.keys(OUTBOX_PREFIX).map((key) => key.slice(OUTBOX_PREFIX.length)));
  }

  /** Stops the retries and the outbox's timers; a chunk arriving later is ignored (the store keeps everything). */
  dispose(): void {
    this.disposed = true;
    if (this.retryTimer !== null) this.ctx.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.waiting.length = 0;
    this.logging?.outbox.dispose();
  }

  // ---------------------------------------------------------------------------------------------- internals

  /** Runs `step` now when the chunk is here; else queues it (in order) and asks for the chunk. */
  private run(step: (flow: LogFlow) => void): void {
    if (this.logging) {
      step(this.logging.flow);
      return;
    }
    this.waiting.push(step);
    this.load().catch(() => undefined); // at once, even while a retry is scheduled: a new need tries again
  }

  /** The chunk is here: the engine follows its outbox, then the queued steps run, in order, in one turn. */
  private arrived(logging: CallLogging): void {
    this.logging = logging;
    this.failures = 0;
    this.told = false;
    if (this.retryTimer !== null) this.ctx.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.ctx.turn(() => {
      this.options.onLoaded(logging);
      for (const step of this.waiting.splice(0)) step(logging.flow);
      // The logs read from storage show in the state (their status, the pending ones); nothing else changed.
      if (logging.outbox.list().length > 0) this.ctx.changed();
    });
  }

  /**
   * A failed load: said once per outage when a log waits — a queued step, or a log the last session left in storage —
   * and tried again after a backoff.
   */
  private failed(error: unknown): void {
    if (this.disposed) return;
    console.error('The call log module could not be loaded', error);
    this.failures += 1;
    const logsWait = this.waiting.length > 0 || this.options.store.keys(OUTBOX_PREFIX).length > 0;
    if (logsWait && !this.told) {
      this.told = true;
      this.ctx.turn(() => this.ctx.notify('warning', 'LOG_MODULE_NOT_LOADED', LOG_MODULE_NOT_LOADED));
    }
    if (this.retryTimer !== null) return;
    const base = this.options.retryMs ?? 2000;
    const delay = Math.min(base * 2 ** (this.failures - 1), this.options.maxRetryMs ?? 5 * 60 * 1000);
    this.retryTimer = this.ctx.clock.setTimeout(() => {
      this.retryTimer = null;
      this.load().catch(() => undefined);
    }, delay);
  }
}
