import { Call } from '../../call/call';
import { checkCallCommand, type CallCommand } from '../../call/call-commands';
import type { TelephonyEventMap, TelephonyPort } from '../../ports/telephony-port';
import type { DialFlow } from './dial-flow';
import { messageOf, reasonOf, type EngineContext } from './engine-context';
import type { QueueOutcomeFlow } from './queue-outcome-flow';
import type { LazyLogFlow } from './lazy-log-flow';
import type { MatchFlow } from './match-flow';

/** A handler per call event of the {@link TelephonyPort} (every event but `status`), named after the event. @public */
export type CallEventHandlers = {
  readonly [K in Exclude<keyof TelephonyEventMap, 'status'>]: (event: TelephonyEventMap[K]) => void;
};

/**
 * The live calls: telephony events in (a call rings or is dialled, gets its ids, is answered, held, muted, recorded,
 * ends), the agent's guarded commands out. The core owns why a call ended: a command that ends the call records its
 * end intent ({@link CallCommandRule.endsAs}), which wins over the reason the telephony reports.
 * @public
 */
export class CallFlow implements CallEventHandlers {
  constructor(
    private readonly ctx: EngineContext,
    private readonly flows: {
      readonly match: MatchFlow;
      readonly dial: DialFlow;
      readonly log: LazyLogFlow;
      readonly queueOutcome: QueueOutcomeFlow;
    },
  ) {}

  /**
   * Checks the command's allowed-state rule, records the end it stands for and sends it. A refusal of the telephony
   * clears the intent (the call goes on). @throws {@link CallTransitionError} naming the command; Error for an
   * unknown call
   */
  async command<T>(callId: string, name: CallCommand, send: (telephony: TelephonyPort) => Promise<T>): Promise<T> {
    const record = this.ctx.book.require(callId);
    const intent = checkCallCommand(record.call, name);
    if (intent) record.endIntent = intent;
    try {
      return await send(this.ctx.telephony);
    } catch (error) {
      if (intent && record.call.isLive) record.endIntent = null;
      throw error;
    }
  }

  /** Completes a warm transfer: the consulted call ends as `transferred` too. */
  async completeWarmTransfer(callId: string, consultCallId: string): Promise<void> {
    const consult = this.ctx.book.get(consultCallId);
    let marked = false;
    try {
      await this.command(callId, 'completeWarmTransfer', (t) => {
        marked = consult?.call.isLive ?? false;
        if (consult && marked) consult.endIntent = 'transferred';
        return t.completeWarmTransfer(callId, consultCallId);
      });
    } catch (error) {
      if (consult && marked && consult.call.isLive) consult.endIntent = null;
      throw error;
    }
  }

  /**
   * Call waiting, the agent's "Hold and answer": holds every connected call, then answers `callId` (the web phone's
   * session API: hold re-INVITE, then the answer). When a hold is refused nothing is answered and the waiting call
   * keeps ringing. @throws {@link CallTransitionError} `answer` when `callId` is not ringing (nothing is held)
   */
  async holdAndAnswer(callId: string): Promise<void> {
    checkCallCommand(this.ctx.book.require(callId).call, 'answer');
    await this.holdOthers(callId);
    await this.command(callId, 'answer', (t) => t.answer(callId));
  }

  /**
   * Call waiting's "Ignore": the telephony stops alerting for the ringing `callId` (nothing reaches the platform,
   * which sends the call to voicemail or ends it when the caller hangs up), and the draft says so, so the softphone
   * shows no card for it while it rings on. Its log follows its end like any unanswered call's.
   * @throws {@link CallTransitionError} `ignore` when `callId` is not ringing; the telephony's Error (nothing marked)
   */
  async ignore(callId: string): Promise<void> {
    await this.command(callId, 'ignore', (t) => t.ignore(callId));
    if (this.ctx.book.get(callId)?.call.state === 'ringing') this.ctx.book.update(callId, () => ({ ignored: true }));
  }

  /**
   * Back to a held call while another is connected (after "Hold and answer"): holds the connected call(s), then
   * resumes `callId`, so the agent never talks to two callers at once. A refused hold resumes nothing.
   * @throws {@link CallTransitionError} `resume` when `callId` is not held (nothing is held)
   */
  async switchTo(callId: string): Promise<void> {
    checkCallCommand(this.ctx.book.require(callId).call, 'resume');
    await this.holdOthers(callId);
    await this.command(callId, 'resume', (t) => t.hold(callId, false));
  }

  /** Holds every connected call but `callId`, one after the other. */
  private async holdOthers(callId: string): Promise<void> {
    const talking = this.ctx.book.all().filter((r) => r.callId !== callId && r.call.state === 'connected');
    for (const other of talking) await this.command(other.callId, 'hold', (t) => t.hold(other.callId, true));
  }

  /**
   * An inbound call rings: a new record (carrying the form of the same call restored after a reload), the one
   * `matchNumbers` sent at once, then the softphone panel opened (a minimized utility panel would hide Answer; Open
   * CTI `setSoftphonePanelVisibility`, a no-op when it is open) once the held publish ends — after the lookup's answer
   * and the pop, at most the hold's deadline later, together with the call's card — and straight to voicemail while
   * the agent is busy when `toVoicemailWhenBusy` (then the panel stays as it is). One telephony session is one call
   * (ADR 0028, sixth amendment): a second `ringing` of a session already ringing here, under another call id, is not a
   * second call (no record, pop or log; the adapter's later events of that id are then unknown and ignored).
   */
  ringing(e: TelephonyEventMap['ringing']): void {
    const { book, settings, host } = this.ctx;
    if (book.has(e.callId)) return;
    const tsid = e.telephonySessionId;
    if (tsid && book.all().some((r) => r.call.state === 'ringing' && r.call.snapshot.telephonySessionId === tsid))
      return;
    this.add(new Call({ ...e, direction: 'inbound' }, { clock: this.ctx.clock }), e.telephonySessionId);
    void this.flows.match.match(e.callId);
    const busy = book.all().some((r) => r.callId !== e.callId && ['connected', 'held'].includes(r.call.state));
    if (busy && settings().toVoicemailWhenBusy) {
      void this.command(e.callId, 'toVoicemail', (t) => t.toVoicemail(e.callId)).catch((error: unknown) =>
        this.ctx.notify('warning', 'VOICEMAIL_FAILED', messageOf(error), reasonOf(error)),
      );
      return;
    }
    // After the lookup's answer and the pop (or the hold's deadline), with the call's card: the console's work of
    // opening the panel does not sit between the lookup's answer and the pop (ADR 0018).
    this.ctx.afterHolds(() => void this.ctx.hostCall('PANEL_FAILED', () => host.setPanelVisibility(true)));
  }

  /** An outbound call starts: a new record linked to its dial (click-to-dial record → Who/What), then matched. */
  dialing(e: TelephonyEventMap['dialing']): void {
    if (this.ctx.book.has(e.callId)) return;
    const call = new Call({ ...e, direction: 'outbound', remoteName: null }, { clock: this.ctx.clock });
    this.add(call, e.telephonySessionId);
    this.flows.dial.attach(e.callId, this.flows.dial.takeContext(e.callId, e.remoteNumber));
    void this.flows.match.match(e.callId);
  }

  /** The platform's ids arrived (only given ids are stored: a missing one never erases a known one). */
  identified({ callId, telephonySessionId, sessionId, partyId }: TelephonyEventMap['identified']): void {
    const ids = { telephonySessionId: telephonySessionId || undefined, sessionId: sessionId || undefined };
    this.ctx.book.get(callId)?.call.update({ ...ids, partyId: partyId || undefined });
    this.flows.log.maybeSaveOnRinging(callId);
  }

  /** A RingOut's first leg was picked up on the agent's own phone: the callee's phone rings now. */
  ringingRemote({ callId }: TelephonyEventMap['ringingRemote']): void {
    const call = this.ctx.book.get(callId)?.call;
    if (call?.state === 'dialing') call.update({ remoteRinging: true });
  }

  /** Answered: pops now when the pop waits for the answer; auto-logs on answer. Late duplicates are ignored. */
  answered({ callId }: TelephonyEventMap['answered']): void {
    const call = this.ctx.book.get(callId)?.call;
    if (!call?.can('answer')) return;
    call.transition({ type: 'answer' });
    void this.flows.match.maybePop(callId);
    this.flows.log.onAnswered(callId);
    if (call.snapshot.direction === 'outbound') this.flows.dial.connected(callId);
  }

  held({ callId, held }: TelephonyEventMap['held']): void {
    const call = this.ctx.book.get(callId)?.call;
    if (call?.can(held ? 'hold' : 'resume')) call.transition({ type: held ? 'hold' : 'resume' });
  }

  muted({ callId, muted }: TelephonyEventMap['muted']): void {
    this.ctx.book.get(callId)?.call.update({ muted });
  }

  recording({ callId, active, recordingId, recordingUrl }: TelephonyEventMap['recording']): void {
    const link = { recordingId: recordingId || undefined, recordingUrl: recordingUrl || undefined };
    this.ctx.book.get(callId)?.call.update({ recording: active ? 'on' : 'off', ...link });
  }

  /** The call ended: for the agent's intent or the reported reason; then automatic logging. */
  ended({ callId, reason }: TelephonyEventMap['ended']): void {
    const record = this.ctx.book.get(callId);
    if (!record?.call.isLive) return;
    const intent = record.endIntent;
    record.endIntent = null;
    record.call.transition({ type: 'end', reason: intent ?? reason });
    this.flows.dial.ended(callId);
    if (this.flows.log.dropQueueCallAnsweredElsewhere(callId)) return;
    if (this.flows.queueOutcome.waitFor(callId)) return;
    this.flows.log.scheduleAutoLog(callId);
    this.flows.log.completeEarlyLog(callId);
  }

  private add(call: Call, telephonySessionId: string | null | undefined): void {
    this.ctx.book.add(call, this.ctx.book.takeLostDraft(telephonySessionId ?? null) ?? {});
  }
}
