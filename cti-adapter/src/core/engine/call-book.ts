import { Call } from '../call/call';
import type { EndReason } from '../call/call-state';
import { AutoLogCountdown } from '../call-log/auto-log-countdown';
import { NEW_DRAFT_FIELDS, type CallDraft, type DraftFields } from '../call-log/call-draft';
import type { CallDraftStore } from '../call-log/call-draft-store';
import type { DroppedStoredValue } from '../call-log/stored-shapes';
import type { Clock } from '../ports/clock';
import type { ClickToDialEvent, NavigationContext } from '../ports/cti-host-port';
import type { Unsubscribe } from '../support/typed-emitter';

/** Where an outbound call was placed from: the clicked phone field or the record on screen (Who/What follow it). @public */
export type DialContext = ClickToDialEvent | NavigationContext;

/**
 * One call as the engine knows it: the {@link Call} state machine, the log side of its draft and the end reason the
 * agent's command stands for. Its countdown is kept by the {@link CallBook}. Read the persisted shape with
 * {@link CallRecord.draft}; change the log side through {@link CallBook.update}.
 * @public
 */
export class CallRecord {
  /**
   * How the call ends when the agent's command is carried out (decline → `declined`, transfer → `transferred`, …);
   * it wins over the reason the telephony reports. `null` when the agent asked for nothing.
   */
  endIntent: EndReason | null = null;
  private cache: CallDraft | null = null;

  constructor(
    readonly call: Call,
    private log: DraftFields,
  ) {}

  get callId(): string {
    return this.call.callId;
  }

  /** The call's draft: its current snapshot and the log side (one object per change, safe to keep). */
  get draft(): CallDraft {
    const call = this.call.snapshot;
    if (this.cache?.call !== call) this.cache = { ...this.log, call };
    return this.cache;
  }

  /** @internal Replaces the log side (the book marks the record changed). */
  setLog(log: DraftFields): void {
    this.log = log;
    this.cache = null;
  }
}

/** Options of {@link CallBook}. @public */
export interface CallBookOptions {
  readonly store: CallDraftStore;
  readonly clock: Clock;
  /** Called after every change of a record (new, updated, removed, its call's state or facts). */
  readonly onChange: () => void;
}

/**
 * The engine's one record per call, keyed by call id: the {@link Call}, its draft (matches, choice, log form),
 * its end intent and its auto-log countdown, plus the click-to-dial context of calls placed but not reported yet.
 * Every change marks the record for persisting; {@link CallBook.flush} writes the changed drafts to the
 * {@link CallDraftStore} (the engine does it once per turn, before publishing the state).
 * @public
 */
export class CallBook {
  private readonly records = new Map<string, CallRecord>();
  private readonly listeners = new Map<string, Unsubscribe[]>();
  private readonly changed = new Set<string>();
  private readonly countdown: AutoLogCountdown;
  private readonly awaitedDials = new Map<string, DialContext | null>();
  private readonly store: CallDraftStore;
  private readonly clock: Clock;
  private readonly onChange: () => void;

  constructor(options: CallBookOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.onChange = options.onChange;
    this.countdown = new AutoLogCountdown({ clock: this.clock });
  }

  get(callId: string): CallRecord | undefined {
    return this.records.get(callId);
  }

  has(callId: string): boolean {
    return this.records.has(callId);
  }

  /** @throws Error `Unknown call <id>` when the book has no such call */
  require(callId: string): CallRecord {
    const record = this.records.get(callId);
    if (!record) throw new Error(`Unknown call ${callId}`);
    return record;
  }

  /** All records, in the order they were added. */
  all(): CallRecord[] {
    return [...this.records.values()];
  }

  /** Adds a call with a new draft (`fields` over the defaults) and follows its state and facts. */
  add(call: Call, fields: Partial<DraftFields> = {}): CallRecord {
    const record = this.track(call, { ...NEW_DRAFT_FIELDS, ...fields });
    this.touch(call.callId);
    return record;
  }

  /** Changes the log side of a call's draft. @throws Error `Unknown call <id>` */
  update(callId: string, change: (draft: CallDraft) => Partial<DraftFields>): CallDraft {
    const record = this.require(callId);
    const { call: _call, ...log } = record.draft;
    const { call: _ignored, ...patch } = change(record.draft) as Partial<CallDraft>;
    record.setLog({ ...log, ...patch });
    this.touch(callId);
    return record.draft;
  }

  /** Forgets a call: its countdown, its listeners and its stored draft. */
  remove(callId: string): void {
    if (!this.records.delete(callId)) return;
    this.countdown.cancel(callId);
    for (const off of this.listeners.get(callId) ?? []) off();
    this.listeners.delete(callId);
    this.changed.delete(callId);
    this.store.remove(callId);
    this.onChange();
  }

  /** Writes the drafts changed since the last flush to the store (synchronous, so a reload right after keeps them). */
  flush(): void {
    for (const callId of this.changed) {
      const record = this.records.get(callId);
      if (record) this.store.save(record.draft);
    }
    this.changed.clear();
  }

  /** (Re)starts the auto-log countdown of a call; `onFire` runs once after `delayMs`. Returns the due time (epoch ms). */
  startCountdown(callId: string, delayMs: number, onFire: () => void): number {
    return this.countdown.start(callId, delayMs, onFire);
  }

  /** Stops the countdown of a call; returns whether one was running. */
  cancelCountdown(callId: string): boolean {
    return this.countdown.cancel(callId);
  }

  /** Keeps the context of a call the telephony has placed (`callId` known) but not reported with `dialing` yet. */
  awaitDial(callId: string, context: DialContext | null): void {
    this.awaitedDials.set(callId, context);
  }

  /** The context kept by {@link CallBook.awaitDial} for `callId` (removed), `undefined` when none. */
  takeAwaitedDial(callId: string): DialContext | null | undefined {
    const context = this.awaitedDials.get(callId);
    this.awaitedDials.delete(callId);
    return context;
  }

  /**
   * Loads the stored drafts (a reload): drops those logged before the reload or older than `retentionMs`; a call
   * that was live when the page went away ends as `lost` (its web phone session is gone). A stored draft that cannot
   * be read, or whose call cannot be restored, is removed and returned, never thrown: the softphone must start.
   * Changes nothing visible: the caller publishes.
   * @returns the stored drafts that were dropped
   */
  restore(retentionMs: number): DroppedStoredValue[] {
    const { drafts, dropped } = this.store.list();
    const failed: DroppedStoredValue[] = [...dropped];
    for (const stored of drafts) {
      const expired = stored.call.startedAt < this.clock.now() - retentionMs;
      if ((stored.taskId && stored.call.state === 'ended') || expired) {
        this.store.remove(stored.call.callId);
        continue;
      }
      try {
        const call = Call.restore(stored.call, { clock: this.clock });
        if (call.isLive) call.transition({ type: 'end', reason: 'lost' });
        const { call: _stored, ...log } = stored;
        const record = this.track(call, { ...log, autoLogAt: null });
        this.store.save(record.draft);
      } catch (error) {
        if (this.records.has(stored.call.callId)) this.remove(stored.call.callId);
        else this.store.remove(stored.call.callId);
        failed.push({ key: stored.call.callId, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return failed;
  }

  /**
   * Forgets the drafts of ended calls that need not outlive a sign-out: those not `kept` (the engine keeps drafts
   * with unsaved edits and drafts whose log is not saved yet). Live calls are never touched.
   * @returns how many drafts of ended calls stay
   */
  forgetEnded(kept: (draft: CallDraft) => boolean): number {
    for (const record of this.all()) {
      if (record.draft.call.state === 'ended' && !kept(record.draft)) this.remove(record.callId);
    }
    return this.all().filter((r) => r.draft.call.state === 'ended').length;
  }

  /**
   * A call restored after a reload that the platform reports again (same telephony session id): its record is
   * dropped and what carries over to the new call id returned — the log form (as edited) and the extension still to
   * dial after the answer. `null` when there is none.
   */
  takeLostDraft(
    telephonySessionId: string | null,
  ): Pick<DraftFields, 'form' | 'formEdited' | 'pendingExtension'> | null {
    if (!telephonySessionId) return null;
    for (const record of this.records.values()) {
      const { call, taskId, form, pendingExtension } = record.draft;
      if (call.telephonySessionId === telephonySessionId && call.endReason === 'lost' && !taskId) {
        this.remove(record.callId);
        return { form, formEdited: true, pendingExtension };
      }
    }
    return null;
  }

  /** Stops the countdowns (the store keeps the drafts). */
  dispose(): void {
    this.countdown.dispose();
  }

  private track(call: Call, log: DraftFields): CallRecord {
    const record = new CallRecord(call, log);
    this.records.set(call.callId, record);
    this.listeners.set(call.callId, [
      call.on('stateChanged', () => this.touch(call.callId)),
      call.on('updated', () => this.touch(call.callId)),
    ]);
    return record;
  }

  private touch(callId: string): void {
    this.changed.add(callId);
    this.onChange();
  }
}
