import type { EndReason } from '../../core/call/call-state';
import type { Clock } from '../../core/ports/clock';
import type { TelephonyEventMap } from '../../core/ports/telephony-port';
import type { TypedEmitter } from '../../core/support/typed-emitter';
import { afterThisTask } from './after-this-task';
import { endReasonOf, responseStatus, type CallEndFacts, type LocalEnd } from './call-end-facts';
import { parseRcApiCallInfo, parseRcApiIds, parseRcCallInfo } from './p-rc-header';
import type { Ringer } from './ringer';
import type { CallSessionLike, SipMessageLike, WebPhoneLike } from './web-phone-types';
import { withTimeout } from '../../core/support/with-timeout';
import { ReasonError } from '../../core/engine/notices';

const DTMF = /^[0-9*#A-Da-d,]+$/;

/**
 * One web-phone call as the adapter knows it: the library session and the protocol facts the library does not keep
 * ({@link CallEndFacts}). The call's state (ringing, connected, held, ended) is the core's; a call is live here as
 * long as it is in the registry.
 */
interface SipCall extends CallEndFacts {
  readonly callId: string;
  readonly session: CallSessionLike;
  answered: boolean;
  localEnd: LocalEnd | null;
  inviteFailure: number | 'error' | null;
  answeredElsewhere: boolean;
  /** Call waiting's "Ignore": no tone for this call any more (it rings on for the platform). */
  ignored: boolean;
  /** An inbound call's telephony session (`p-rc-api-ids` `session-id`; `''` unknown): one call however many INVITEs offer it. */
  tsid: string;
  /** More INVITEs of this call (same telephony session, other Call-IDs), kept unshown ({@link WebPhoneCalls}). */
  twins: CallSessionLike[];
  /** The agent hung up before the 183: the CANCEL leaves once the dialog exists (it needs the remote tag). */
  cancelAtProgress: boolean;
  /**
   * An outbound call's `dialing` event (and the resolution of its dial) while it waits for the task after its
   * INVITE's; `null` once announced. Any later event of the call announces it first, so the order stays.
   */
  announceDialing: (() => void) | null;
}

/** Collaborators of {@link WebPhoneCalls}. @public */
export interface WebPhoneCallsOptions {
  readonly events: Pick<TypedEmitter<TelephonyEventMap>, 'emit'>;
  readonly ringer: Ringer;
  readonly clock: Clock;
  /** The web phone while registered (`null` otherwise): outbound calls need it. */
  readonly registeredPhone: () => WebPhoneLike | null;
  /** Longest wait for the platform's CANCEL that confirms a decline / to-voicemail (ms). */
  readonly commandTimeoutMs: number;
}

/**
 * The web phone's calls: inbound (`inboundCall` → `ringing` with the caller's number and caller-ID name from the
 * INVITE's `P-rc` header, ids from `p-rc-api-ids`), outbound (`dialing` in the task after the one that sent the INVITE,
 * so that nothing the event causes delays the INVITE — {@link afterThisTask}; `identified` at the 183), the in-call
 * controls, blind and warm transfer, and `ended` with {@link endReasonOf} of the call's facts.
 * The `callId` is the SIP Call-Id.
 * @public
 */
export class WebPhoneCalls {
  private readonly calls = new Map<string, SipCall>();
  /** Calls re-offered by a Call Control `answer` to this device: telephony session id → the call id already shown. */
  private readonly pickups = new Map<string, string>();
  /** Calls shown before any INVITE of theirs (`ReofferedCalls`): telephony session id → the call id shown. */
  private readonly offers = new Map<string, string>();
  /** Told when an INVITE of an {@link expectOffer expected} call carries it on here (`ReofferedCalls` retires its entry). */
  onAdopted: ((callId: string) => void) | null = null;
  /** Set during `WebPhone.call()`: the library emits `outboundCall` synchronously inside it. */
  private pendingOutbound: ((session: CallSessionLike) => void) | null = null;

  constructor(private readonly options: WebPhoneCallsOptions) {}

  /** Listens to a new web phone (before it registers). */
  attach(phone: WebPhoneLike): void {
    phone.on('inboundCall', (session) => this.onInboundCall(session));
    phone.on('outboundCall', (session) => this.pendingOutbound?.(session));
  }

  has(callId: string): boolean {
    return this.calls.has(callId);
  }

  /** Whether a live inbound web phone call belongs to the telephony session `telephonySessionId`. */
  hasSession(telephonySessionId: string): boolean {
    return [...this.calls.values()].some((c) => c.tsid === telephonySessionId);
  }

  /**
   * Expects the INVITE a Call Control `answer` to this device sends for `telephonySessionId` (auto-answer headers):
   * it is answered at once and reported under `callId` (`answered`, then the call's later events), with no `ringing`.
   * @returns a function that forgets the expectation (the `answer` request failed)
   */
  expectPickup(telephonySessionId: string, callId: string): () => void {
    return expecting(this.pickups, telephonySessionId, callId);
  }

  /**
   * Expects an INVITE of `telephonySessionId`, a call already shown under `callId` (ADR 0028, sixth amendment): should
   * RingCentral send one (a re-fork to this registration), it carries the call on under `callId` — no second
   * `ringing`, no new call — and {@link onAdopted} is told (the shown entry hands the call over to this web phone).
   * @returns a function that forgets the expectation (the shown entry ended or is being answered)
   */
  expectOffer(telephonySessionId: string, callId: string): () => void {
    return expecting(this.offers, telephonySessionId, callId);
  }

  /** An inbound call alerts the agent (not answered yet, not ignored). */
  get ringing(): boolean {
    return [...this.calls.values()].some((c) => c.direction === 'inbound' && !c.answered && !c.ignored);
  }

  /** The agent is on a call: an answered call is live (a new inbound call is then call waiting). */
  get onCall(): boolean {
    return [...this.calls.values()].some((c) => c.answered);
  }

  /** The library session of a live call (for recording). */
  session(callId: string): CallSessionLike {
    return this.require(callId).session;
  }

  async answer(callId: string): Promise<void> {
    const call = this.require(callId, 'inbound');
    this.options.ringer.silence();
    if (!call.session.answer) throw new ReasonError('CALL_NOT_ANSWERABLE', 'This call cannot be answered');
    await call.session.answer();
  }

  /**
   * Call waiting's "Ignore": the ringing inbound call stops alerting (its tone stops unless another call alerts) and
   * never alerts again here; nothing is sent, so it rings on for the caller until the platform sends it to voicemail
   * or the caller hangs up (RingCentral's Ignore). @throws Error for an unknown, outbound or answered call
   */
  ignore(callId: string): void {
    const call = this.require(callId, 'inbound');
    if (call.answered) throw new ReasonError('CALL_ALREADY_ANSWERED', 'The call is already answered');
    call.ignored = true;
    this.options.ringer.settle(this.ringing, this.onCall);
  }

  async decline(callId: string): Promise<void> {
    await this.endInbound(callId, 'reject', (s) => s.decline?.());
  }

  async toVoicemail(callId: string): Promise<void> {
    await this.endInbound(callId, 'voicemail', (s) => s.toVoicemail?.());
  }

  /** Answered → BYE; ringing inbound → decline; outbound before the answer → CANCEL (after the 183 if need be). */
  async hangup(callId: string): Promise<void> {
    const call = this.require(callId);
    const session = call.session;
    if (call.direction === 'inbound' && !call.answered) {
      await this.decline(callId);
      return;
    }
    if (call.answered) {
      await this.sendEnd(call, 'bye', () => session.hangup());
      return;
    }
    if (!session.remotePeer || !session.cancel) {
      call.localEnd = 'cancel';
      call.cancelAtProgress = true;
      return;
    }
    await this.sendEnd(call, 'cancel', () => (session.cancel as () => Promise<void>)());
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    const call = this.connected(callId, 'Only a connected call can be muted');
    if (muted) call.session.mute();
    else call.session.unmute();
    this.options.events.emit('muted', { callId, muted });
  }

  async hold(callId: string, held: boolean): Promise<void> {
    const call = this.connected(callId, 'Only a connected call can be held');
    if (held) await call.session.hold();
    else await call.session.unhold();
    this.options.events.emit('held', { callId, held });
  }

  async sendDtmf(callId: string, digits: string): Promise<void> {
    if (!DTMF.test(digits)) throw new ReasonError('INVALID_DTMF', `Invalid DTMF digits: ${digits}`);
    this.connected(callId, 'DTMF needs a connected call').session.sendDtmf(digits);
  }

  async transfer(callId: string, target: string): Promise<void> {
    const call = this.connected(callId, 'Only a connected call can be transferred');
    await this.sendEnd(call, 'refer', () => call.session.transfer(target));
  }

  /** Holds the call and calls `target` (reported with `dialing`); the consult call's id. */
  async warmTransfer(callId: string, target: string): Promise<{ consultCallId: string }> {
    this.connected(callId, 'Only a connected call can be transferred');
    await this.hold(callId, true);
    const { callId: consultCallId } = await this.dial(target.trim(), null);
    return { consultCallId };
  }

  /** REFER with `Replaces=` the consult call: the platform ends both dialogs. */
  async completeWarmTransfer(callId: string, consultCallId: string): Promise<void> {
    const call = this.require(callId);
    const consult = this.require(consultCallId);
    if (!consult.answered) throw new ReasonError('CONSULT_NOT_ANSWERED', 'The consulted party has not answered yet');
    consult.localEnd = 'refer';
    try {
      await this.sendEnd(call, 'refer', () => call.session.completeWarmTransfer(consult.session));
    } catch (error) {
      if (this.isLive(consult)) consult.localEnd = null;
      throw error;
    }
  }

  /**
   * Places a browser call: resolves with its id in the task after the one that sent the INVITE, right after the
   * `dialing` event (earlier when another event of the call comes first).
   */
  dial(target: string, callerId: string | null): Promise<{ callId: string }> {
    if (!target) return Promise.reject(new ReasonError('NO_NUMBER_TO_CALL', 'No number to call'));
    const phone = this.options.registeredPhone();
    if (!phone) return Promise.reject(new ReasonError('WEB_PHONE_NOT_REGISTERED', 'The web phone is not registered'));
    return new Promise<{ callId: string }>((resolve, reject) => {
      let tracked: SipCall | null = null;
      const onSession = (session: CallSessionLike): void => {
        tracked ??= this.track(session, 'outbound');
      };
      const onOutbound = (message: SipMessageLike): void => {
        if (!tracked || !message.subject.startsWith('INVITE ')) return;
        if (message.headers['Call-Id'] !== tracked.callId) return;
        phone.sipClient.off('outboundMessage', onOutbound);
        const call = tracked;
        call.announceDialing = () => {
          call.announceDialing = null;
          this.options.events.emit('dialing', {
            callId: call.callId,
            remoteNumber: target,
            localNumber: callerId,
            telephonySessionId: null,
            sessionId: null,
            partyId: null,
          });
          resolve({ callId: call.callId });
        };
        afterThisTask(() => call.announceDialing?.());
      };
      phone.sipClient.on('outboundMessage', onOutbound);
      this.pendingOutbound = onSession;
      phone
        .call(target, callerId ?? undefined)
        .then((session) => {
          const call = tracked;
          if (!call || !this.isLive(call) || session !== undefined || call.answered) return;
          // 403 on the first INVITE: the library returns without disposing the session.
          call.inviteFailure = 403;
          const index = phone.callSessions.indexOf(call.session);
          if (index >= 0) phone.callSessions.splice(index, 1);
          call.session.dispose();
        })
        .catch((error: unknown) => {
          phone.sipClient.off('outboundMessage', onOutbound);
          const call = tracked;
          if (call && this.isLive(call)) {
            call.inviteFailure = 'error';
            call.session.dispose();
          }
          reject(error instanceof Error ? error : new Error(String(error)));
        })
        .finally(() => {
          if (this.pendingOutbound === onSession) this.pendingOutbound = null;
        });
      if (this.pendingOutbound === onSession) this.pendingOutbound = null;
      if (!tracked) {
        phone.sipClient.off('outboundMessage', onOutbound);
        reject(new ReasonError('CALL_NOT_STARTED', 'The web phone did not start the call'));
      }
    });
  }

  /** Reports every call ended with `reasonOf` its facts (transport loss, sign-out); the sessions are gone. */
  endAll(reasonOf: (call: CallEndFacts) => EndReason): void {
    for (const call of [...this.calls.values()]) this.finish(call, reasonOf(call));
  }

  /** `pagehide`: BYE the answered calls and CANCEL the outbound ones in progress, without waiting. */
  sendEndsNow(): void {
    for (const { answered, direction, session } of this.calls.values()) {
      if (answered) void session.hangup().catch(() => undefined);
      else if (direction === 'outbound' && session.remotePeer && session.cancel) {
        void session.cancel().catch(() => undefined);
      }
    }
  }

  /**
   * An INVITE. One telephony session is one call, whatever the Call-IDs (ADR 0028, sixth amendment): the auto-answer
   * INVITE of a Call Control `answer` here is answered under the call id shown; an INVITE of a session already ringing
   * here (or being picked up) is kept unshown (a twin); an INVITE of a re-offered call carries it on under its
   * id; any other is a new call (`ringing`).
   */
  private onInboundCall(session: CallSessionLike): void {
    const invite = session.sipMessage;
    const ids = parseRcApiIds(header(invite, 'p-rc-api-ids'));
    const tsid = ids.telephonySessionId ?? session.sessionId ?? '';
    const pickup = this.pickups.get(tsid);
    if (pickup !== undefined && /auto answer/i.test(header(invite, 'Alert-Info') ?? '')) {
      this.pickups.delete(tsid);
      this.track(session, 'inbound', pickup, tsid);
      session.answer?.().catch(() => session.dispose());
      return;
    }
    // Another INVITE of a call ringing here is kept unshown: nothing reported, nothing rings, nothing sent (the
    // library answered it 180). RingCentral ends it (CANCEL when the call is answered, declined or stops ringing);
    // should it end the shown offer alone, this one carries the call on (below, `disposed`). One being picked up by
    // Call Control is left alone: the auto-answer INVITE carries the call.
    const shown = [...this.calls.values()].find(
      (c) => tsid && c.tsid === tsid && c.direction === 'inbound' && !c.answered,
    );
    if (shown || pickup !== undefined) {
      if (shown) {
        const twins = shown.twins;
        twins.push(session);
        session.on('disposed', () => twins.splice(twins.indexOf(session) >>> 0, 1)); // gone already (-1): nothing
      }
      return;
    }
    const offered = this.offers.get(tsid);
    if (offered !== undefined) {
      this.offers.delete(tsid);
      this.track(session, 'inbound', offered, tsid);
      this.onAdopted?.(offered);
      return;
    }
    const call = this.track(session, 'inbound', session.callId, tsid);
    const info = parseRcCallInfo(header(invite, 'P-rc'));
    const callInfo = parseRcApiCallInfo(header(invite, 'p-rc-api-call-info'));
    // The event first: its listeners send the caller's lookup, whose answer carries the screen pop (ADR 0018); the
    // ringtone (its audio context prepared once registered, the tone scheduled) starts right after, in the same task,
    // unless a listener already ended or ignored the call (to voicemail while the agent is busy).
    this.options.events.emit('ringing', {
      callId: call.callId,
      remoteNumber: info.callerNumber ?? session.remoteNumber,
      remoteName: info.callerName,
      localNumber: info.calledNumber ?? session.localNumber ?? null,
      localName: info.calledName,
      queueName: callInfo.queueName,
      telephonySessionId: tsid || null,
      sessionId: info.sessionId,
      partyId: ids.partyId ?? session.partyId ?? null,
    });
    if (this.isLive(call) && !call.answered && !call.ignored && call.localEnd === null) {
      this.options.ringer.ring(this.onCall);
    }
  }

  private track(
    session: CallSessionLike,
    direction: 'inbound' | 'outbound',
    callId = session.callId,
    tsid = '',
  ): SipCall {
    const call: SipCall = {
      callId,
      direction,
      session,
      answered: false,
      localEnd: null,
      inviteFailure: null,
      answeredElsewhere: false,
      ignored: false,
      tsid,
      twins: [],
      cancelAtProgress: false,
      announceDialing: null,
    };
    this.calls.set(call.callId, call);
    const { events, ringer } = this.options;
    session.on('answered', () => {
      if (!this.isLive(call) || call.answered) return;
      call.announceDialing?.();
      call.answered = true;
      ringer.settle(this.ringing, this.onCall);
      events.emit('answered', { callId: call.callId });
    });
    session.on('ringing', () => {
      if (direction !== 'outbound' || !this.isLive(call)) return;
      call.announceDialing?.();
      const ids = parseRcApiIds(header(session.sipMessage, 'p-rc-api-ids'));
      events.emit('identified', {
        callId: call.callId,
        telephonySessionId: ids.telephonySessionId ?? session.sessionId ?? null,
        partyId: ids.partyId ?? session.partyId ?? null,
      });
      if (call.cancelAtProgress && session.cancel) void session.cancel().catch(() => undefined);
    });
    session.on('failed', (subject) => {
      call.inviteFailure = responseStatus(subject);
    });
    session.on('inboundMessage', (message) => {
      if (message.subject.startsWith('MESSAGE ') && /\bCmd="7"/.test(message.body)) call.answeredElsewhere = true;
    });
    session.on('disposed', () => {
      // The platform withdrew this offer alone while another INVITE of the call still rings here: that one goes on.
      const twin = call.answered || call.localEnd || call.answeredElsewhere ? undefined : call.twins.shift();
      if (twin && this.isLive(call))
        Object.assign(this.track(twin, 'inbound', callId, call.tsid), { ignored: call.ignored, twins: call.twins });
      else this.finish(call, endReasonOf(call));
    });
    return call;
  }

  private finish(call: SipCall, reason: EndReason): void {
    if (!this.isLive(call)) return;
    call.announceDialing?.();
    this.calls.delete(call.callId);
    this.options.ringer.settle(this.ringing, this.onCall);
    this.options.events.emit('ended', { callId: call.callId, reason });
  }

  private isLive(call: SipCall): boolean {
    return this.calls.get(call.callId) === call;
  }

  private async endInbound(
    callId: string,
    end: 'reject' | 'voicemail',
    send: (session: CallSessionLike) => Promise<void> | undefined,
  ): Promise<void> {
    const call = this.require(callId, 'inbound');
    if (call.answered) throw new ReasonError('CALL_ALREADY_ANSWERED', 'The call is already answered');
    this.options.ringer.silence();
    // The library resolves at the platform's CANCEL; do not wait forever for it.
    await this.sendEnd(call, end, async () => {
      const sent = send(call.session);
      if (!sent) throw new ReasonError('CALL_NOT_DECLINABLE', 'This call cannot be declined');
      const timedOut = Symbol('timeout');
      const outcome = await withTimeout(this.options.clock, sent, this.options.commandTimeoutMs, timedOut);
      if (outcome === timedOut)
        throw new ReasonError('RINGCENTRAL_NO_CONFIRMATION', 'RingCentral did not confirm the request');
    });
  }

  /** Records `end` as sent, sends it, and forgets it again when the platform refused it (the call goes on). */
  private async sendEnd(call: SipCall, end: LocalEnd, send: () => Promise<void>): Promise<void> {
    call.localEnd = end;
    try {
      await send();
    } catch (error) {
      if (this.isLive(call)) call.localEnd = null;
      throw error;
    }
  }

  private require(callId: string, direction?: 'inbound' | 'outbound'): SipCall {
    const call = this.calls.get(callId);
    if (!call) throw new ReasonError('CALL_GONE', `Unknown or ended call ${callId}`);
    if (direction && call.direction !== direction)
      throw new ReasonError('WRONG_CALL_DIRECTION', `Not an ${direction} call`);
    return call;
  }

  private connected(callId: string, refusal: string): SipCall {
    const call = this.require(callId);
    if (!call.answered) throw new ReasonError('CALL_NOT_CONNECTED', refusal);
    return call;
  }
}

/** A header of a SIP message, by case-insensitive name. */
function header(message: SipMessageLike | undefined, name: string): string | undefined {
  if (!message) return undefined;
  const direct = message.getHeader?.(name);
  if (direct !== undefined) return direct;
  const lower = name.toLowerCase();
  const key = Object.keys(message.headers).find((k) => k.toLowerCase() === lower);
  return key ? message.headers[key] : undefined;
}

/** Sets `map[key] = value`; returns what deletes it again unless it changed meanwhile. */
function expecting(map: Map<string, string>, key: string, value: string): () => void {
  map.set(key, value);
  return () => {
    if (map.get(key) === value) map.delete(key);
  };
}
