import type { EndReason } from '../../core/call/call-state';
import { systemClock, type Clock, type TimerHandle } from '../../core/ports/clock';
import type { KeyValueStore } from '../../core/ports/key-value-store';
import type {
  CallerIdNumber,
  DialOptions,
  TelephonyEventMap,
  TelephonyPort,
  TelephonyStatus,
  TelephonyUnavailableReason,
} from '../../core/ports/telephony-port';
import { TypedEmitter, type Unsubscribe } from '../../core/support/typed-emitter';
import { RingCentralApiError } from '../rest/ringcentral-api-error';
import type { RingCentralApi } from '../rest/ringcentral-api';
import { stableInstanceId } from './instance-id';
import { defaultWebPhoneFactory } from './web-phone-factory';
import {
  browserRtcEnvironment,
  BrowserWebRtcSession,
  WarmOfferPool,
  type RtcEnvironment,
} from './browser-webrtc-session';
import { checkMicrophone, type MicrophoneCheckResult } from './microphone-check';
import { parseRcApiIds, parseRcCallInfo } from './p-rc-header';
import { reconnectDelayMs } from './reconnect-backoff';
import type { Ringtone } from './ringtone';
import { WebAudioRingtone } from './web-audio-ringtone';
import { RingOutCall, type RingOutUpdate } from './ring-out-call';
import type {
  RingCentralSubscription,
  RingCentralSubscriptionEventMap,
} from '../subscriptions/ringcentral-subscription';
import type { CallSessionLike, SipInfo, SipMessageLike, WebPhoneCreateOptions, WebPhoneLike } from './web-phone-types';

/** @public */
export interface RingCentralTelephonyOptions {
  /** REST client of the logged-in session (`RingCentralSession.api`). */
  readonly api: RingCentralApi;
  /** Keeps the SIP instance id ({@link stableInstanceId}). */
  readonly store: KeyValueStore;
  /** Creates the web phone; default {@link defaultWebPhoneFactory} (`new WebPhone(options)`). */
  readonly webPhoneFactory?: (options: WebPhoneCreateOptions) => WebPhoneLike;
  /** Microphone check run before registering; default {@link checkMicrophone} on the browser's APIs. */
  readonly checkMicrophone?: () => Promise<MicrophoneCheckResult>;
  /** Ringer of inbound calls; default {@link WebAudioRingtone} (synthesized, no file); `null` = none. */
  readonly ringtone?: Ringtone | null;
  /** Ringer setting (default on). */
  readonly ringerEnabled?: boolean;
  readonly clock?: Clock;
  /** Reconnect delay for attempt n (default {@link reconnectDelayMs}). */
  readonly reconnectDelay?: (attempt: number) => number;
  /** Longest wait for `WebPhone.start()` (connect + REGISTER) before treating it as a network failure. Default 10 s. */
  readonly registerTimeoutMs?: number;
  /** RingOut status polling period. Default 1000 ms. */
  readonly ringOutPollMs?: number;
  /** Longest wait for a JSON INFO result (recording). Default 10 s. */
  readonly commandTimeoutMs?: number;
  /**
   * The page's event subscription ({@link RingCentralSubscription}); with it, RingOut calls learn their telephony
   * session ids (`identified`) from the `RingOut`-origin session event, which the RingOut status API does not give.
   */
  readonly events?: Pick<RingCentralSubscription, 'on'> | null;
  /**
   * Pre-gather outbound offers ({@link WarmOfferPool}) so the INVITE leaves without waiting for ICE gathering.
   * Default: on where `RTCPeerConnection` exists. Off = the library's own media code.
   */
  readonly prewarmOffers?: boolean;
  /** Browser media APIs (default {@link browserRtcEnvironment}). */
  readonly rtc?: RtcEnvironment;
  /** Where to listen for `pagehide` to unregister (default `globalThis` when it has `addEventListener`). */
  readonly unloadTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  readonly onListenerError?: (error: unknown) => void;
}

/** One call known to the adapter. */
interface TrackedCall {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  readonly session: CallSessionLike | null;
  readonly ringOut: RingOutCall | null;
  answered: boolean;
  /** The end the agent asked for (decline, voicemail, hangup, transfer…); wins over what the SIP flow says. */
  intendedEnd: EndReason | null;
  /** A final outbound response (`failed` event) seen before `disposed`. */
  failure: EndReason | null;
  answeredElsewhere: boolean;
  cancelWhenProgress: boolean;
  ended: boolean;
  dialingSent: boolean;
  /** Number dialled (RingOut correlation). */
  remoteNumber?: string;
  identified?: boolean;
}

/** A call as first tracked: nothing answered, ended or asked for yet; identity and origin come from `start`. */
function newTrackedCall(
  start: Pick<TrackedCall, 'callId' | 'direction' | 'session' | 'ringOut' | 'dialingSent' | 'remoteNumber'>,
): TrackedCall {
  return {
    ...start,
    answered: false,
    intendedEnd: null,
    failure: null,
    answeredElsewhere: false,
    cancelWhenProgress: false,
    ended: false,
  };
}

const SIP_PROVISION_PATH = '/restapi/v1.0/client-info/sip-provision';
const PHONE_NUMBER_PATH = '/restapi/v1.0/account/~/extension/~/phone-number';
const DTMF = /^[0-9*#A-Da-d,]+$/;

/**
 * The softphone's telephony over `ringcentral-web-phone` 2.5.4 (browser calls) and the RingCentral REST API
 * (RingOut, caller IDs) — the {@link TelephonyPort} of the core.
 *
 * Lifecycle ({@link TelephonyStatus}):
 * ```
 *  starting ──mic ok, provisioned, REGISTER 200──► registered
 *     │                                               │ socket closed
 *     ├─ mic unusable ─► unavailable(microphone-*)     ▼
 *     ├─ 603 on REGISTER ─► unavailable(too-many-registrations)
 *     ├─ other REGISTER failure ─► unavailable(registration-failed)
 *     └─ no socket / timeout / 5xx ─► unavailable(network) ──backoff──► starting (re-provision, re-register)
 *  any ──dispose()──► unavailable(logged-out)
 * ```
 * Steps of {@link RingCentralTelephony.start}: microphone check ({@link checkMicrophone}); `POST
 * /restapi/v1.0/client-info/sip-provision` `{sipInfo:[{transport:'WSS'}]}`; `new WebPhone({sipInfo, instanceId,
 * debug:false, autoAnswer:false})` with a stable per-browser instance id; `start()` (WSS connect + REGISTER with
 * digest). The library does not notice a dropped socket, so the adapter watches `sipClient.wsc` `close` and
 * rebuilds the web phone with backoff; calls in progress end with reason `lost`.
 *
 * Calls: the `callId` is the SIP Call-Id. Inbound `inboundCall` → `ringing` with the caller's number and caller-ID
 * name from the INVITE's `P-rc` header (`Phn`, `Nm`; the library does not expose `Nm`) and ids from
 * `p-rc-api-ids`; outbound → `dialing` when the INVITE leaves, `identified` at the 183. End reasons: what the agent
 * asked for (declined, voicemail, hangup, cancelled, transferred) first; else `answered-elsewhere` (server MESSAGE
 * Cmd 7), `remote-hangup` (answered), `missed` (inbound never answered), `busy`/`no-answer`/`failed` (outbound final
 * response 486·600 / 408·480 / other). RingOut calls (`via:'ringout'`) are REST calls polled by {@link RingOutCall}.
 * @public
 */
export class RingCentralTelephony implements TelephonyPort {
  private readonly emitter: TypedEmitter<TelephonyEventMap>;
  private readonly clock: Clock;
  private readonly calls = new Map<string, TrackedCall>();
  private readonly instanceId: string;
  private currentStatus: TelephonyStatus = { state: 'starting' };
  private webPhone: WebPhoneLike | null = null;
  private watchedSocket: { socket: NonNullable<WebPhoneLike['sipClient']['wsc']>; onClose: () => void } | null = null;
  private reconnectTimer: TimerHandle | null = null;
  private reconnectAttempt = 0;
  private disposed = false;
  private starting: Promise<void> | null = null;
  private ringerEnabled: boolean;
  private readonly onPageHide = (): void => this.unloadNow();
  private readonly ringtone: Ringtone | null;
  private offerPool: WarmOfferPool | null = null;

  constructor(private readonly options: RingCentralTelephonyOptions) {
    this.emitter = new TypedEmitter(options.onListenerError);
    this.clock = options.clock ?? systemClock;
    this.ringerEnabled = options.ringerEnabled ?? true;
    this.ringtone = options.ringtone === undefined ? new WebAudioRingtone() : options.ringtone;
    this.instanceId = stableInstanceId(options.store);
    options.events?.on('telephony', (event) => this.onTelephonyEvent(event));
  }

  get status(): TelephonyStatus {
    return this.currentStatus;
  }

  on<K extends keyof TelephonyEventMap>(type: K, listener: (event: TelephonyEventMap[K]) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }

  /**
   * Checks the microphone, provisions SIP credentials and registers. Resolves when the status is settled (registered
   * or unavailable) — never rejects; read {@link RingCentralTelephony.status}. Safe to call again after an
   * `unavailable` status (e.g. the agent fixed the microphone permission).
   */
  start(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.starting) return this.starting;
    this.starting = (async () => {
      try {
        this.clearReconnect();
        this.setStatus({ state: 'starting' });
        const microphone = await (this.options.checkMicrophone ?? (() => checkMicrophone()))();
        if (!microphone.ok) {
          this.setStatus({ state: 'unavailable', reason: microphone.reason, detail: microphone.detail });
          return;
        }
        const target = this.unloadTarget();
        target?.removeEventListener('pagehide', this.onPageHide);
        target?.addEventListener('pagehide', this.onPageHide);
        await this.connect();
      } finally {
        this.starting = null;
      }
    })();
    return this.starting;
  }

  /** Ringer on/off (the agent's setting); stops a ringing tone when turned off. */
  setRingerEnabled(enabled: boolean): void {
    this.ringerEnabled = enabled;
    if (!enabled) this.ringtone?.stop();
    else if ([...this.calls.values()].some((c) => c.direction === 'inbound' && !c.answered && !c.ended)) {
      this.ringtone?.start();
    }
  }

  /**
   * Unregisters (REGISTER expires=0), ends the calls of this page and stops reconnecting; status
   * `unavailable`/`reason` (default `logged-out`). Waits at most 2 s for the registrar's answer.
   */
  async dispose(reason: TelephonyUnavailableReason = 'logged-out'): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.clearReconnect();
    this.ringtone?.stop();
    this.unloadTarget()?.removeEventListener('pagehide', this.onPageHide);
    for (const call of this.calls.values()) call.ringOut?.stop();
    const phone = this.webPhone;
    this.unwatchSocket();
    this.webPhone = null;
    if (phone)
      await this.withTimeout(
        phone.dispose().catch(() => undefined),
        2000,
        undefined,
      );
    for (const call of [...this.calls.values()]) this.finish(call, call.answered ? 'hangup' : 'lost');
    this.setStatus({ state: 'unavailable', reason });
  }

  async answer(callId: string): Promise<void> {
    const call = this.sipCall(callId, 'inbound');
    this.ringtone?.stop();
    if (!call.session?.answer) throw new Error('This call cannot be answered');
    await call.session.answer();
  }

  async decline(callId: string): Promise<void> {
    await this.endInbound(callId, 'declined', (s) => s.decline?.());
  }

  async toVoicemail(callId: string): Promise<void> {
    await this.endInbound(callId, 'voicemail', (s) => s.toVoicemail?.());
  }

  async hangup(callId: string): Promise<void> {
    const call = this.requireCall(callId);
    if (call.ringOut) {
      call.intendedEnd = call.answered ? 'hangup' : 'cancelled';
      await call.ringOut.cancel();
      return;
    }
    const session = call.session as CallSessionLike;
    if (call.direction === 'inbound' && !call.answered) {
      await this.decline(callId);
      return;
    }
    if (call.answered) {
      call.intendedEnd = 'hangup';
      await this.revertOnError(call, session.hangup());
      return;
    }
    call.intendedEnd = 'cancelled';
    if (!session.remotePeer || !session.cancel) {
      call.cancelWhenProgress = true;
      return;
    }
    await this.revertOnError(call, session.cancel());
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    const call = this.sipCall(callId);
    if (!call.answered) throw new Error('Only a connected call can be muted');
    const session = call.session as CallSessionLike;
    if (muted) session.mute();
    else session.unmute();
    this.emitter.emit('muted', { callId, muted });
  }

  async hold(callId: string, held: boolean): Promise<void> {
    const call = this.sipCall(callId);
    if (!call.answered) throw new Error('Only a connected call can be held');
    const session = call.session as CallSessionLike;
    if (held) await session.hold();
    else await session.unhold();
    this.emitter.emit('held', { callId, held });
  }

  async sendDtmf(callId: string, digits: string): Promise<void> {
    if (!DTMF.test(digits)) throw new Error(`Invalid DTMF digits: ${digits}`);
    const call = this.sipCall(callId);
    if (!call.answered) throw new Error('DTMF needs a connected call');
    (call.session as CallSessionLike).sendDtmf(digits);
  }

  async transfer(callId: string, target: string): Promise<void> {
    const call = this.sipCall(callId);
    if (!call.answered) throw new Error('Only a connected call can be transferred');
    call.intendedEnd = 'transferred';
    await this.revertOnError(call, (call.session as CallSessionLike).transfer(target));
  }

  async warmTransfer(callId: string, target: string): Promise<{ consultCallId: string }> {
    const call = this.sipCall(callId);
    if (!call.answered) throw new Error('Only a connected call can be transferred');
    await this.hold(callId, true);
    const { callId: consultCallId } = await this.call(target, { via: 'browser' });
    return { consultCallId };
  }

  async completeWarmTransfer(callId: string, consultCallId: string): Promise<void> {
    const call = this.sipCall(callId);
    const consult = this.sipCall(consultCallId);
    if (!consult.answered) throw new Error('The consulted party has not answered yet');
    call.intendedEnd = 'transferred';
    consult.intendedEnd = 'transferred';
    try {
      await (call.session as CallSessionLike).completeWarmTransfer(consult.session as CallSessionLike);
    } catch (error) {
      call.intendedEnd = null;
      consult.intendedEnd = null;
      throw error;
    }
  }

  async call(to: string, options: DialOptions = {}): Promise<{ callId: string }> {
    const target = to.trim();
    if (!target) throw new Error('No number to call');
    if (options.via === 'ringout') return this.callViaRingOut(target, options);
    const phone = this.webPhone;
    if (!phone || this.currentStatus.state !== 'registered') {
      throw new Error('The web phone is not registered');
    }
    return new Promise<{ callId: string }>((resolve, reject) => {
      let tracked: TrackedCall | null = null;
      const onSession = (session: CallSessionLike): void => {
        if (tracked) return;
        tracked = this.track(session, 'outbound');
      };
      const onOutbound = (message: SipMessageLike): void => {
        if (!tracked || !message.subject.startsWith('INVITE ')) return;
        if (message.headers['Call-Id'] !== tracked.callId) return;
        phone.sipClient.off('outboundMessage', onOutbound);
        if (!tracked.dialingSent) {
          tracked.dialingSent = true;
          this.emitter.emit('dialing', {
            callId: tracked.callId,
            remoteNumber: target,
            localNumber: options.callerId ?? null,
            telephonySessionId: null,
            sessionId: null,
            partyId: null,
          });
        }
        resolve({ callId: tracked.callId });
      };
      phone.sipClient.on('outboundMessage', onOutbound);
      this.pendingOutbound = onSession;
      phone
        .call(target, options.callerId ?? undefined)
        .then((session) => {
          const call = tracked;
          if (!call || call.ended) return;
          if (session === undefined && !call.answered) {
            // 403 on the first INVITE: the library returns without disposing the session.
            call.failure = 'failed';
            const index = phone.callSessions.indexOf(call.session as CallSessionLike);
            if (index >= 0) phone.callSessions.splice(index, 1);
            (call.session as CallSessionLike).dispose();
          }
        })
        .catch((error: unknown) => {
          phone.sipClient.off('outboundMessage', onOutbound);
          const call = tracked;
          if (call && !call.ended) {
            call.failure = 'failed';
            (call.session as CallSessionLike).dispose();
          }
          reject(error instanceof Error ? error : new Error(String(error)));
        })
        .finally(() => {
          if (this.pendingOutbound === onSession) this.pendingOutbound = null;
        });
      if (this.pendingOutbound === onSession) this.pendingOutbound = null;
      if (!tracked) {
        phone.sipClient.off('outboundMessage', onOutbound);
        reject(new Error('The web phone did not start the call'));
      }
    });
  }

  async startRecording(callId: string): Promise<void> {
    await this.record(callId, true);
  }

  async stopRecording(callId: string): Promise<void> {
    await this.record(callId, false);
  }

  /** `GET …/extension/~/phone-number` records with feature `CallerId` (first page of 100). */
  async listCallerIds(): Promise<CallerIdNumber[]> {
    const page = await this.options.api.get<{
      records?: { phoneNumber: string; usageType?: string; primary?: boolean; label?: string; features?: string[] }[];
    }>(PHONE_NUMBER_PATH, { perPage: 100 });
    return (page.records ?? [])
      .filter((r) => r.features?.includes('CallerId'))
      .map((r) => ({
        phoneNumber: r.phoneNumber,
        usageType: r.usageType ?? 'DirectNumber',
        primary: r.primary ?? false,
        label: r.label ?? null,
      }));
  }

  // ───────────────────────────── registration ─────────────────────────────

  /** Set during `WebPhone.call()`: the `outboundCall` event is emitted synchronously inside it. */
  private pendingOutbound: ((session: CallSessionLike) => void) | null = null;

  private async connect(): Promise<void> {
    let sipInfo: SipInfo;
    try {
      const provision = await this.options.api.post<{ sipInfo?: SipInfo[] }>(SIP_PROVISION_PATH, {
        sipInfo: [{ transport: 'WSS' }],
      });
      const first = provision.sipInfo?.[0];
      if (!first) throw new RingCentralApiError('sip-provision returned no sipInfo', 200);
      sipInfo = first;
    } catch (error) {
      this.registrationFailed(error);
      return;
    }
    if (this.disposed) return;
    this.offerPool?.dispose();
    this.offerPool = null;
    const prewarm =
      this.options.prewarmOffers ??
      typeof (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection === 'function';
    const rtc = this.options.rtc ?? browserRtcEnvironment;
    const pool = prewarm
      ? new WarmOfferPool(
          sipInfo.stunServers.map((url) => ({ urls: `stun:${url}` })),
          rtc,
        )
      : null;
    this.offerPool = pool;
    const phone = (this.options.webPhoneFactory ?? defaultWebPhoneFactory)({
      sipInfo,
      instanceId: this.instanceId,
      debug: false,
      autoAnswer: false,
      ...(pool ? { webRtcSessionFactory: (context) => new BrowserWebRtcSession(context, pool, rtc) } : {}),
    });
    phone.on('inboundCall', (session) => this.onInboundCall(session));
    phone.on('outboundCall', (session) => this.pendingOutbound?.(session));
    this.webPhone = phone;
    try {
      const timeoutMs = this.options.registerTimeoutMs ?? 10_000;
      const timedOut = Symbol('timeout');
      const outcome = await this.withTimeout(phone.start(), timeoutMs, timedOut);
      if (outcome === timedOut) throw new RingCentralApiError('SIP registration timed out', null);
    } catch (error) {
      if (this.webPhone === phone) this.webPhone = null;
      void phone.sipClient.dispose().catch(() => undefined);
      this.registrationFailed(error);
      return;
    }
    if (this.disposed || this.webPhone !== phone) return;
    this.reconnectAttempt = 0;
    this.watchSocket(phone);
    pool?.fill();
    this.setStatus({ state: 'registered' });
  }

  private registrationFailed(error: unknown): void {
    if (this.disposed) return;
    const message = error instanceof Error ? error.message : String(error);
    if (/Registration failed: SIP\/2\.0 603\b/.test(message)) {
      this.setStatus({
        state: 'unavailable',
        reason: 'too-many-registrations',
        detail:
          'RingCentral allows 5 web phones per user. Close other softphone tabs or RingCentral apps, then retry. ' +
          `(${message})`,
      });
      return;
    }
    if (error instanceof RingCentralApiError && error.status === 401) {
      this.setStatus({ state: 'unavailable', reason: 'logged-out', detail: message });
      return;
    }
    const transient = error instanceof RingCentralApiError ? error.transient : !/^Registration failed/.test(message);
    if (!transient) {
      this.setStatus({ state: 'unavailable', reason: 'registration-failed', detail: message });
      return;
    }
    this.setStatus({ state: 'unavailable', reason: 'network', detail: message });
    this.scheduleReconnect();
  }

  private watchSocket(phone: WebPhoneLike): void {
    this.unwatchSocket();
    const socket = phone.sipClient.wsc;
    if (!socket) return;
    const onClose = (): void => {
      if (this.disposed || this.webPhone !== phone) return;
      this.onSocketLost(phone);
    };
    socket.addEventListener('close', onClose);
    this.watchedSocket = { socket, onClose };
  }

  private unwatchSocket(): void {
    if (!this.watchedSocket) return;
    this.watchedSocket.socket.removeEventListener('close', this.watchedSocket.onClose);
    this.watchedSocket = null;
  }

  private onSocketLost(phone: WebPhoneLike): void {
    this.unwatchSocket();
    this.webPhone = null;
    this.offerPool?.dispose();
    this.offerPool = null;
    this.ringtone?.stop();
    // Stop the library's re-register timer; its REGISTER expires=0 goes nowhere (the socket is closed).
    void phone.sipClient.dispose().catch(() => undefined);
    for (const call of [...this.calls.values()]) {
      if (call.session) this.finish(call, 'lost');
    }
    this.setStatus({ state: 'unavailable', reason: 'network', detail: 'Connection to RingCentral lost' });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.reconnectTimer !== null) return;
    this.reconnectAttempt += 1;
    const delay = (this.options.reconnectDelay ?? reconnectDelayMs)(this.reconnectAttempt);
    this.reconnectTimer = this.clock.setTimeout(() => {
      this.reconnectTimer = null;
      if (this.disposed) return;
      this.setStatus({ state: 'starting' });
      void this.connect();
    }, delay);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer === null) return;
    this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** `pagehide`: BYE/CANCEL what is live and unregister, all sent synchronously before the page goes. */
  private unloadNow(): void {
    const phone = this.webPhone;
    if (!phone || this.disposed) return;
    this.disposed = true;
    this.clearReconnect();
    for (const call of this.calls.values()) {
      const session = call.session;
      if (!session) continue;
      if (call.answered) void session.hangup().catch(() => undefined);
      else if (call.direction === 'outbound' && session.remotePeer && session.cancel) {
        void session.cancel().catch(() => undefined);
      }
    }
    void phone.sipClient.dispose().catch(() => undefined);
  }

  // ───────────────────────────── calls ─────────────────────────────

  private onInboundCall(session: CallSessionLike): void {
    const call = this.track(session, 'inbound');
    const invite = session.sipMessage;
    const info = parseRcCallInfo(header(invite, 'P-rc'));
    const ids = parseRcApiIds(header(invite, 'p-rc-api-ids'));
    if (this.ringerEnabled) this.ringtone?.start();
    this.emitter.emit('ringing', {
      callId: call.callId,
      remoteNumber: info.callerNumber ?? session.remoteNumber,
      remoteName: info.callerName,
      localNumber: info.calledNumber ?? session.localNumber ?? null,
      localName: info.calledName,
      telephonySessionId: ids.telephonySessionId ?? session.sessionId ?? null,
      sessionId: info.sessionId,
      partyId: ids.partyId ?? session.partyId ?? null,
    });
  }

  private track(session: CallSessionLike, direction: 'inbound' | 'outbound'): TrackedCall {
    const call = newTrackedCall({ callId: session.callId, direction, session, ringOut: null, dialingSent: false });
    this.calls.set(call.callId, call);
    session.on('answered', () => {
      if (call.ended || call.answered) return;
      call.answered = true;
      if (direction === 'inbound') this.stopRingtoneIfQuiet();
      this.emitter.emit('answered', { callId: call.callId });
    });
    session.on('ringing', () => {
      if (direction !== 'outbound' || call.ended) return;
      const ids = parseRcApiIds(header(session.sipMessage, 'p-rc-api-ids'));
      this.emitter.emit('identified', {
        callId: call.callId,
        telephonySessionId: ids.telephonySessionId ?? session.sessionId ?? null,
        partyId: ids.partyId ?? session.partyId ?? null,
      });
      if (call.cancelWhenProgress && session.cancel) void session.cancel().catch(() => undefined);
    });
    session.on('failed', (subject) => {
      call.failure = outboundFailure(subject);
    });
    session.on('inboundMessage', (message) => {
      if (message.subject.startsWith('MESSAGE ') && /\bCmd="7"/.test(message.body)) call.answeredElsewhere = true;
    });
    session.on('disposed', () => this.finish(call, this.endReasonOf(call)));
    return call;
  }

  private endReasonOf(call: TrackedCall): EndReason {
    if (call.intendedEnd) return call.intendedEnd;
    if (call.direction === 'inbound') {
      if (call.answered) return 'remote-hangup';
      return call.answeredElsewhere ? 'answered-elsewhere' : 'missed';
    }
    if (call.failure) return call.failure;
    return call.answered ? 'remote-hangup' : 'failed';
  }

  private finish(call: TrackedCall, reason: EndReason): void {
    if (call.ended) return;
    call.ended = true;
    call.ringOut?.stop();
    this.calls.delete(call.callId);
    if (call.direction === 'inbound') this.stopRingtoneIfQuiet();
    this.emitter.emit('ended', { callId: call.callId, reason });
  }

  private stopRingtoneIfQuiet(): void {
    const ringing = [...this.calls.values()].some((c) => c.direction === 'inbound' && !c.answered && !c.ended);
    if (!ringing) this.ringtone?.stop();
  }

  private async endInbound(
    callId: string,
    reason: 'declined' | 'voicemail',
    send: (session: CallSessionLike) => Promise<void> | undefined,
  ): Promise<void> {
    const call = this.sipCall(callId, 'inbound');
    if (call.answered) throw new Error('The call is already answered');
    call.intendedEnd = reason;
    this.ringtone?.stop();
    const session = call.session as CallSessionLike;
    const sent = send(session);
    if (!sent) throw new Error('This call cannot be declined');
    // The library resolves at the platform's CANCEL; do not wait forever for it.
    const timedOut = Symbol('timeout');
    const confirmed = this.withTimeout(sent, this.options.commandTimeoutMs ?? 10_000, timedOut).then((outcome) => {
      if (outcome === timedOut) throw new Error('RingCentral did not confirm the request');
    });
    await this.revertOnError(call, confirmed);
  }

  private async record(callId: string, start: boolean): Promise<void> {
    const session = this.sipCall(callId).session as CallSessionLike;
    const timeoutMs = this.options.commandTimeoutMs ?? 10_000;
    const timedOut = Symbol('timeout');
    const result = await this.withTimeout(
      start ? session.startRecording() : session.stopRecording(),
      timeoutMs,
      timedOut,
    );
    if (result === timedOut) throw new Error('RingCentral did not answer the recording request');
    if (result.code !== undefined && result.code !== 0) {
      throw new Error(result.description ?? `Recording request refused (code ${result.code})`);
    }
    const recordingId = typeof result.recordingId === 'string' ? result.recordingId : null;
    this.emitter.emit('recording', {
      callId,
      active: start,
      recordingId,
      recordingUrl: recordingId ? `/restapi/v1.0/account/~/recording/${recordingId}/content` : null,
    });
  }

  private async callViaRingOut(to: string, options: DialOptions): Promise<{ callId: string }> {
    if (!options.ringOutFrom) throw new Error('RingOut needs the number to ring first (ringOutFrom)');
    const ringOut = await RingOutCall.create({
      api: this.options.api,
      clock: this.clock,
      pollMs: this.options.ringOutPollMs ?? 1000,
      from: options.ringOutFrom,
      to,
      callerId: options.callerId ?? null,
    });
    const call = newTrackedCall({
      callId: `ringout-${ringOut.id}`,
      direction: 'outbound',
      session: null,
      ringOut,
      dialingSent: true,
      remoteNumber: to,
    });
    this.calls.set(call.callId, call);
    this.emitter.emit('dialing', {
      callId: call.callId,
      remoteNumber: to,
      localNumber: options.ringOutFrom,
      telephonySessionId: null,
      sessionId: null,
      partyId: null,
    });
    ringOut.onUpdate((update: RingOutUpdate) => {
      if (call.ended) return;
      if (update.kind === 'connected' && !call.answered) {
        call.answered = true;
        this.emitter.emit('answered', { callId: call.callId });
      } else if (update.kind === 'ended') {
        this.finish(call, call.intendedEnd ?? update.reason(call.answered));
      }
    });
    ringOut.startPolling();
    return { callId: call.callId };
  }

  /** Matches a `RingOut`-origin session of this extension to a RingOut call by the dialled number. */
  private onTelephonyEvent(event: RingCentralSubscriptionEventMap['telephony']): void {
    if (event.session.origin?.type !== 'RingOut') return;
    for (const call of this.calls.values()) {
      if (!call.ringOut || call.identified || call.ended || !call.remoteNumber) continue;
      const own = event.ownParties.find((p) => digits(p.to?.phoneNumber) === digits(call.remoteNumber));
      if (!own) continue;
      call.identified = true;
      this.emitter.emit('identified', {
        callId: call.callId,
        telephonySessionId: event.session.telephonySessionId,
        sessionId: event.session.sessionId ?? null,
        partyId: own.id,
      });
      return;
    }
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private requireCall(callId: string): TrackedCall {
    const call = this.calls.get(callId);
    if (!call) throw new Error(`Unknown or ended call ${callId}`);
    return call;
  }

  private sipCall(callId: string, direction?: 'inbound' | 'outbound'): TrackedCall {
    const call = this.requireCall(callId);
    if (!call.session) throw new Error('Not possible on a RingOut call: use the phone that rang');
    if (direction && call.direction !== direction) throw new Error(`Not an ${direction} call`);
    return call;
  }

  private async revertOnError(call: TrackedCall, action: Promise<void>): Promise<void> {
    try {
      await action;
    } catch (error) {
      if (!call.ended) call.intendedEnd = null;
      throw error;
    }
  }

  private withTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
    return new Promise<T | F>((resolve, reject) => {
      const handle = this.clock.setTimeout(() => resolve(fallback), ms);
      promise.then(
        (value) => {
          this.clock.clearTimeout(handle);
          resolve(value);
        },
        (error: unknown) => {
          this.clock.clearTimeout(handle);
          reject(error);
        },
      );
    });
  }

  private unloadTarget(): Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null {
    if (this.options.unloadTarget !== undefined) return this.options.unloadTarget;
    const target = globalThis as Partial<EventTarget>;
    return typeof target.addEventListener === 'function' && typeof target.removeEventListener === 'function'
      ? (target as EventTarget)
      : null;
  }

  private setStatus(status: TelephonyStatus): void {
    this.currentStatus = status;
    this.emitter.emit('status', status);
  }
}

function header(message: SipMessageLike | undefined, name: string): string | undefined {
  if (!message) return undefined;
  const direct = message.getHeader?.(name);
  if (direct !== undefined) return direct;
  const lower = name.toLowerCase();
  const key = Object.keys(message.headers).find((k) => k.toLowerCase() === lower);
  return key ? message.headers[key] : undefined;
}

function digits(value: string | undefined): string {
  return (value ?? '').replace(/\D/g, '');
}

/** Final response of an outbound INVITE → end reason (RFC 3261 codes). */
function outboundFailure(subject: string): EndReason {
  const code = Number(subject.match(/^SIP\/2\.0 (\d{3})/)?.[1]);
  if (code === 486 || code === 600) return 'busy';
  if (code === 408 || code === 480) return 'no-answer';
  if (code === 487) return 'cancelled';
  return 'failed';
}
