import type { Clock, TimerHandle } from '../../core/ports/clock';
import type { TelephonyStatus, TelephonyUnavailableReason } from '../../core/ports/telephony-port';
import { RingCentralApiError } from '../rest/ringcentral-api-error';
import type { RingCentralApi } from '../rest/ringcentral-api';
import {
  browserRtcEnvironment,
  BrowserWebRtcSession,
  WarmOfferPool,
  type RtcEnvironment,
  type WebRtcSessionContext,
  type WebRtcSessionLike,
} from './browser-webrtc-session';
import type { CallAudioDevices } from './call-audio-devices';
import { checkMicrophone, type MicrophoneCheckResult } from './microphone-check';
import { reconnectDelayMs } from './reconnect-backoff';
import { defaultWebPhoneFactory } from './web-phone-factory';
import type { SipInfo, WebPhoneCreateOptions, WebPhoneLike } from './web-phone-types';
import { withTimeout } from './with-timeout';

const SIP_PROVISION_PATH = '/restapi/v1.0/client-info/sip-provision';
/** `sip-provision`'s `sipErrorCodes` when it lists none: the SIP answers that mean the proxy failed. */
const DEFAULT_SIP_ERROR_CODES: readonly string[] = ['408', '502', '503', '504'];

/** The outbound proxy of `sip-provision` a registration went through. @public */
export type SipProxyChoice = 'primary' | 'backup';

interface Provisioned {
  readonly sipInfo: SipInfo;
  /** `sip-provision` `sipErrorCodes`: REGISTER answers that mean "this proxy failed, use the backup". */
  readonly sipErrorCodes: readonly string[];
}

/**
 * Whether a failed start on the primary proxy should be retried at once on `outboundProxyBackup`: the proxy failed
 * (the socket was refused, dropped or timed out, or REGISTER got one of `sipErrorCodes`), a backup different from the
 * primary is provisioned, and the library can switch. A refusal of the credentials (401, 403, 603) is not a proxy
 * failure.
 */
function proxyFailed(error: unknown, sipInfo: SipInfo, sipErrorCodes: readonly string[], phone: WebPhoneLike): boolean {
  if (!phone.sipClient.toggleBackupOutboundProxy) return false;
  if (!sipInfo.outboundProxyBackup || sipInfo.outboundProxyBackup === sipInfo.outboundProxy) return false;
  return isProxyFailure(error, sipErrorCodes);
}

/** A socket refused, dropped or timed out, or a REGISTER answered with one of `sipErrorCodes`. */
function isProxyFailure(error: unknown, sipErrorCodes: readonly string[]): boolean {
  const message = error instanceof Error ? error.message : String(error);
  const refused = /^Registration failed: SIP\/2\.0 (\d{3})\b/.exec(message);
  if (refused) return sipErrorCodes.includes(refused[1]!);
  return !(error instanceof RingCentralApiError) || error.transient;
}

/** Options of the web phone's registration (part of {@link RingCentralTelephonyOptions}). @public */
export interface SipConnectionOptions {
  /** REST client of the logged-in session (`RingCentralSession.api`). */
  readonly api: RingCentralApi;
  /** Creates the web phone; default {@link defaultWebPhoneFactory} (`new WebPhone(options)`). */
  readonly webPhoneFactory?: (options: WebPhoneCreateOptions) => WebPhoneLike;
  /** Microphone check run before registering; default {@link checkMicrophone} on the browser's APIs. */
  readonly checkMicrophone?: () => Promise<MicrophoneCheckResult>;
  /** Reconnect delay for attempt n (default {@link reconnectDelayMs}). */
  readonly reconnectDelay?: (attempt: number) => number;
  /** Longest wait for `WebPhone.start()` (connect + REGISTER) before treating it as a network failure. Default 10 s. */
  readonly registerTimeoutMs?: number;
  /**
   * Pre-gather outbound offers ({@link WarmOfferPool}) so the INVITE leaves without waiting for ICE gathering.
   * Default: on where `RTCPeerConnection` exists. Off = the library's own media code.
   */
  readonly prewarmOffers?: boolean;
  /** Browser media APIs (default {@link browserRtcEnvironment}). */
  readonly rtc?: RtcEnvironment;
  /** The microphone and speaker of calls (default: the system's). */
  readonly callDevices?: CallAudioDevices;
  /** Where to listen for `pagehide` to unregister (default `globalThis` when it has `addEventListener`). */
  readonly unloadTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

/** What the registration tells the rest of the adapter. @public */
export interface SipConnectionHooks {
  /** Every status change, in order. */
  onStatus(status: TelephonyStatus): void;
  /** A new web phone, before it registers: attach call listeners here. */
  onPhone(phone: WebPhoneLike): void;
  /** The SIP socket of the registered phone closed: its calls are gone (reported before the `network` status). */
  onTransportLost(): void;
  /** `pagehide`: send, synchronously, whatever ends the live calls (before the unregister). */
  onUnload(): void;
}

/**
 * The web phone's registration and connection: microphone check and (in parallel)
 * `POST /restapi/v1.0/client-info/sip-provision` `{sipInfo:[{transport:'WSS'}]}`, `new WebPhone({sipInfo, instanceId, debug:false, autoAnswer:false})` with the
 * stable per-browser instance id, `start()` (WSS connect + REGISTER with digest) within `registerTimeoutMs`, a watch
 * on the SIP socket (the library does not notice it closing), reconnect with backoff, unregister at `pagehide` and
 * at {@link SipConnection.close}.
 *
 * ```
 *  starting ──mic ok, provisioned, REGISTER 200──► registered
 *     │                                               │ socket closed
 *     ├─ mic unusable ─► unavailable(microphone-*)     ▼
 *     ├─ 603 on REGISTER ─► unavailable(too-many-registrations)
 *     ├─ 401 from the REST API ─► unavailable(logged-out)
 *     ├─ other REGISTER or provisioning refusal ─► unavailable(registration-failed)
 *     ├─ primary proxy failed (socket refused/closed/timed out, REGISTER answered with one of `sipErrorCodes`)
 *     │     ─► at once on `outboundProxyBackup` (same phone, the library's `toggleBackupOutboundProxy(true)`)
 *     └─ no socket / timeout / 5xx / a `sipErrorCodes` answer ─► unavailable(network) ──backoff──► starting
 *                                                               (re-provision, re-register, the primary first)
 *  any ──close()──► (the facade reports unavailable(logged-out))
 * ```
 * It knows no call: calls listen to the phone it hands out ({@link SipConnectionHooks.onPhone}).
 * @public
 */
export class SipConnection {
  private currentStatus: TelephonyStatus = { state: 'starting' };
  private webPhone: WebPhoneLike | null = null;
  /** `device.id` of the last `sip-provision`: this web phone as a Call Control target. */
  private provisionedDeviceId: string | null = null;
  private registeredProxy: SipProxyChoice | null = null;
  private sipErrorCodes: readonly string[] = DEFAULT_SIP_ERROR_CODES;
  private watchedSocket: { socket: NonNullable<WebPhoneLike['sipClient']['wsc']>; onClose: () => void } | null = null;
  private reconnectTimer: TimerHandle | null = null;
  private reconnectAttempt = 0;
  private isClosed = false;
  private starting: Promise<void> | null = null;
  private offerPool: WarmOfferPool | null = null;
  private readonly onPageHide = (): void => this.unloadNow();

  constructor(
    private readonly options: SipConnectionOptions & { readonly clock: Clock; readonly instanceId: string },
    private readonly hooks: SipConnectionHooks,
  ) {}

  get status(): TelephonyStatus {
    return this.currentStatus;
  }

  /** `true` once closed (sign-out) or unloaded (`pagehide`): nothing registers again. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** The web phone's device id (`sip-provision` `device.id`), `null` before provisioning. */
  get deviceId(): string | null {
    return this.provisionedDeviceId;
  }

  /** Which outbound proxy of `sip-provision` carries the registration (`null` before the first one). */
  get proxy(): SipProxyChoice | null {
    return this.registeredProxy;
  }

  /** The web phone while registered, else `null`. */
  get registeredPhone(): WebPhoneLike | null {
    return this.currentStatus.state === 'registered' ? this.webPhone : null;
  }

  /**
   * See {@link RingCentralTelephony.start}: never rejects; safe to call again after `unavailable`. The microphone
   * check and the SIP provisioning run in parallel; nothing registers unless the microphone is usable.
   */
  start(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    if (this.starting) return this.starting;
    this.starting = (async () => {
      try {
        this.clearReconnect();
        this.setStatus({ state: 'starting' });
        const provisioning = this.provision();
        const microphone = await (this.options.checkMicrophone ?? (() => checkMicrophone()))();
        if (!microphone.ok) {
          this.setStatus({ state: 'unavailable', reason: microphone.reason, detail: microphone.detail });
          return;
        }
        const target = this.unloadTarget();
        target?.removeEventListener('pagehide', this.onPageHide);
        target?.addEventListener('pagehide', this.onPageHide);
        await this.connect(provisioning);
      } finally {
        this.starting = null;
      }
    })();
    return this.starting;
  }

  /**
   * Stops reconnecting and unregisters (the library's `dispose()`: BYE/CANCEL its calls, REGISTER expires=0),
   * waiting at most 2 s for the registrar. The caller reports the final status ({@link SipConnection.setUnavailable}).
   */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.clearReconnect();
    this.unloadTarget()?.removeEventListener('pagehide', this.onPageHide);
    const phone = this.webPhone;
    this.unwatchSocket();
    this.webPhone = null;
    this.offerPool?.dispose();
    this.offerPool = null;
    if (phone)
      await withTimeout(
        this.options.clock,
        phone.dispose().catch(() => undefined),
        2000,
        undefined,
      );
  }

  setUnavailable(reason: TelephonyUnavailableReason): void {
    this.setStatus({ state: 'unavailable', reason });
  }

  /** `POST …/sip-provision` for a WSS transport: the first `sipInfo`, or the error. Never rejects. */
  private async provision(): Promise<Provisioned | { readonly error: unknown }> {
    try {
      const provision = await this.options.api.post<{
        sipInfo?: SipInfo[];
        device?: { id?: unknown };
        sipErrorCodes?: unknown;
      }>(SIP_PROVISION_PATH, { sipInfo: [{ transport: 'WSS' }] });
      const deviceId = provision.device?.id;
      this.provisionedDeviceId = typeof deviceId === 'string' || typeof deviceId === 'number' ? String(deviceId) : null;
      const first = provision.sipInfo?.[0];
      if (!first) throw new RingCentralApiError('sip-provision returned no sipInfo', 200);
      const codes = Array.isArray(provision.sipErrorCodes)
        ? provision.sipErrorCodes.map(String).filter((code) => /^\d{3}$/.test(code))
        : DEFAULT_SIP_ERROR_CODES;
      this.sipErrorCodes = codes;
      return { sipInfo: first, sipErrorCodes: codes };
    } catch (error) {
      return { error };
    }
  }

  /** Registers with the provisioned credentials (a reconnect provisions anew). */
  private async connect(provisioning = this.provision()): Promise<void> {
    const provisioned = await provisioning;
    if ('error' in provisioned) {
      this.registrationFailed(provisioned.error);
      return;
    }
    const { sipInfo, sipErrorCodes } = provisioned;
    if (this.isClosed) return;
    const pool = this.newOfferPool(sipInfo);
    const devices = this.options.callDevices;
    const base = this.options.rtc ?? browserRtcEnvironment;
    const rtc = devices ? devices.environment(base) : base;
    const session = (context: WebRtcSessionContext): WebRtcSessionLike => {
      const created = new BrowserWebRtcSession(context, pool, rtc);
      return devices ? devices.track(created) : created;
    };
    const phone = (this.options.webPhoneFactory ?? defaultWebPhoneFactory)({
      sipInfo,
      instanceId: this.options.instanceId,
      debug: false,
      autoAnswer: false,
      ...(pool ? { webRtcSessionFactory: session } : {}),
    });
    this.hooks.onPhone(phone);
    this.webPhone = phone;
    let proxy: SipProxyChoice = 'primary';
    try {
      try {
        await this.startPhone(phone);
      } catch (primaryFailure) {
        if (this.isClosed || this.webPhone !== phone || !proxyFailed(primaryFailure, sipInfo, sipErrorCodes, phone))
          throw primaryFailure;
        // RingCentral's backup outbound proxy, through the library's own switch (README "switch to backup outbound
        // proxy": toggle, then `start()` opens a new socket to `sipInfo.outboundProxyBackup`).
        phone.sipClient.wsc?.close?.();
        phone.sipClient.toggleBackupOutboundProxy?.(true);
        proxy = 'backup';
        await this.startPhone(phone);
      }
    } catch (error) {
      if (this.webPhone === phone) this.webPhone = null;
      void phone.sipClient.dispose().catch(() => undefined);
      this.registrationFailed(error);
      return;
    }
    if (this.isClosed || this.webPhone !== phone) return;
    this.reconnectAttempt = 0;
    this.registeredProxy = proxy;
    this.watchSocket(phone);
    this.setStatus({ state: 'registered' });
    pool?.fillWhenIdle();
  }

  /**
   * `WebPhone.start()` (WSS connect + REGISTER) within `registerTimeoutMs`. The library closes its socket when a
   * REGISTER gets no answer within 5 s but leaves `start()` pending: a socket closing before the registration
   * settles is a failure at once.
   */
  private async startPhone(phone: WebPhoneLike): Promise<void> {
    const timedOut = Symbol('timeout');
    const closed = Symbol('closed');
    const started = phone.start();
    const socket = phone.sipClient.wsc;
    let onClose: (() => void) | null = null;
    const closing = new Promise<typeof closed>((resolve) => {
      onClose = () => resolve(closed);
      socket?.addEventListener('close', onClose);
    });
    try {
      const timeoutMs = this.options.registerTimeoutMs ?? 10_000;
      const outcome = await withTimeout(this.options.clock, Promise.race([started, closing]), timeoutMs, timedOut);
      if (outcome === timedOut) throw new RingCentralApiError('SIP registration timed out', null);
      if (outcome === closed) throw new RingCentralApiError('SIP connection closed before the registration', null);
    } finally {
      if (onClose) socket?.removeEventListener('close', onClose);
    }
  }

  /** A fresh {@link WarmOfferPool} for the provisioned STUN servers (the previous one is dropped), or `null`. */
  private newOfferPool(sipInfo: SipInfo): WarmOfferPool | null {
    this.offerPool?.dispose();
    const prewarm =
      this.options.prewarmOffers ??
      typeof (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection === 'function';
    this.offerPool = prewarm
      ? new WarmOfferPool(
          sipInfo.stunServers.map((url) => ({ urls: `stun:${url}` })),
          this.options.rtc ?? browserRtcEnvironment,
        )
      : null;
    return this.offerPool;
  }

  private registrationFailed(error: unknown): void {
    if (this.isClosed) return;
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
    const transient = isProxyFailure(error, this.sipErrorCodes);
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
      if (this.isClosed || this.webPhone !== phone) return;
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
    // Stop the library's re-register timer; its REGISTER expires=0 goes nowhere (the socket is closed).
    void phone.sipClient.dispose().catch(() => undefined);
    this.hooks.onTransportLost();
    this.setStatus({ state: 'unavailable', reason: 'network', detail: 'Connection to RingCentral lost' });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.isClosed || this.reconnectTimer !== null) return;
    this.reconnectAttempt += 1;
    const delay = (this.options.reconnectDelay ?? reconnectDelayMs)(this.reconnectAttempt);
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = null;
      if (this.isClosed) return;
      this.setStatus({ state: 'starting' });
      void this.connect();
    }, delay);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer === null) return;
    this.options.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** `pagehide`: end what is live and unregister, all sent synchronously before the page goes. */
  private unloadNow(): void {
    const phone = this.webPhone;
    if (!phone || this.isClosed) return;
    this.isClosed = true;
    this.clearReconnect();
    this.hooks.onUnload();
    void phone.sipClient.dispose().catch(() => undefined);
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
    this.hooks.onStatus(status);
  }
}
