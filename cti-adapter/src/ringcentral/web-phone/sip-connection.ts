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
import { withTimeout } from '../../core/support/with-timeout';

const SIP_PROVISION_PATH = '/restapi/v1.0/client-info/sip-provision';

/** What `sip-provision` gave: the first `sipInfo` and the `sipErrorCodes`, or the error. */
type Provisioned = { readonly sipInfo: SipInfo; readonly codes: unknown } | { readonly error: unknown };

/** A web phone created for provisioned credentials, its socket opening, not registered yet. */
interface PreparedPhone {
  readonly phone: WebPhoneLike;
  readonly pool: WarmOfferPool | null;
  readonly sipInfo: SipInfo;
  readonly codes: unknown;
}

/** The prepared phone; the provisioning's error; or `closed` (signed out, or the microphone refused, before it was created). */
type Prepared = PreparedPhone | { readonly error: unknown } | { readonly closed: true };

/** Options of the web phone's registration (part of {@link RingCentralTelephonyOptions}). @public */
export interface SipConnectionOptions {
  /** REST client of the logged-in session (`RingCentralSession.api`). */
  readonly api: RingCentralApi;
  /** Creates the web phone; default {@link defaultWebPhoneFactory} (`new WebPhone(options)`). */
  readonly webPhoneFactory?: (options: WebPhoneCreateOptions) => WebPhoneLike;
  /** Microphone check run before registering; default {@link checkMicrophone} on the browser's APIs. */
  readonly checkMicrophone?: () => Promise<MicrophoneCheckResult>;
  /**
   * What REGISTER waits for besides the microphone check, started with it and the SIP provisioning (the composition
   * root: the number rules' lazy chunk, so that no call rings before a lookup can be sent — ADR 0018). A rejection
   * is ignored: the web phone registers anyway. Default: nothing.
   */
  readonly beforeRegister?: () => Promise<unknown>;
  /** Reconnect delay for attempt n (default {@link reconnectDelayMs}). */
  readonly reconnectDelay?: (attempt: number) => number;
  /** Longest wait for `WebPhone.start()` (connect + REGISTER) before treating it as a network failure. Default 10 s. */
  readonly registerTimeoutMs?: number;
  /**
   * Pre-gather outbound offers ({@link WarmOfferPool}) so the INVITE leaves without waiting for ICE gathering.
   * Default: on where `RTCPeerConnection` exists. Off = the library's own media code.
   */
  readonly prewarmOffers?: boolean;
  /** Told each time a pre-gathered offer is ready (diagnostics: the composition root sets a performance mark). */
  readonly onOfferReady?: () => void;
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
 * `POST /restapi/v1.0/client-info/sip-provision` `{sipInfo:[{transport:'WSS'}]}`; at its answer
 * `new WebPhone({sipInfo, instanceId, debug:false, autoAnswer:false})` with the stable per-browser instance id and its
 * WSS socket opened at once (no SIP message, ADR 0018); once the check passed, `start()` (REGISTER with digest over
 * that socket, or WSS connect + REGISTER) within `registerTimeoutMs`, a watch
 * on the SIP socket (the library does not notice it closing), reconnect with backoff, unregister at `pagehide` and
 * at {@link SipConnection.close}.
 *
 * ```
 *  starting ──mic ok, provisioned, REGISTER 200──► registered
 *     │                                               │ socket closed
 *     ├─ mic unusable ─► unavailable(microphone-*)     ▼
 *     ├─ 603 on REGISTER ─► unavailable(too-many-registrations)
 *     ├─ 401 from the REST API ─► unavailable(logged-out)
 *     ├─ primary proxy failed (socket refused or dropped, timeout, REGISTER answered with one of `sipErrorCodes`)
 *     │     ─► at once on `outboundProxyBackup` (`registration-failure.ts`, a lazy chunk)
 *     ├─ other REGISTER or provisioning refusal ─► unavailable(registration-failed)
 *     └─ no socket / timeout / 5xx ─► unavailable(network) ──backoff──► starting (re-provision, re-register,
 *                                                                        the primary proxy first)
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

  /** The web phone while registered, else `null`. */
  get registeredPhone(): WebPhoneLike | null {
    return this.currentStatus.state === 'registered' ? this.webPhone : null;
  }

  /**
   * See {@link RingCentralTelephony.start}: never rejects; safe to call again after `unavailable`. The microphone
   * check, `beforeRegister` and the SIP provisioning run in parallel; as soon as `sip-provision` answers, the web
   * phone is created and its WebSocket opened (`SipClientLike.preconnect`) while the other two may still run;
   * REGISTER is sent once all are done, and never unless the microphone is usable (the socket is then closed, no SIP
   * message sent).
   */
  start(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    if (this.starting) return this.starting;
    this.starting = (async () => {
      try {
        this.clearReconnect();
        this.setStatus({ state: 'starting' });
        let refused = false;
        const prepared = this.provision().then((provisioned) =>
          refused ? ({ closed: true } as const) : this.prepare(provisioned),
        );
        const before = this.options.beforeRegister?.().catch(() => undefined);
        const microphone = await (this.options.checkMicrophone ?? (() => checkMicrophone()))();
        if (!microphone.ok) {
          refused = true;
          void prepared.then((ready) => 'phone' in ready && this.discard(ready));
          this.setStatus({ state: 'unavailable', reason: microphone.reason, detail: microphone.detail });
          return;
        }
        await before;
        const target = this.unloadTarget();
        target?.removeEventListener('pagehide', this.onPageHide);
        target?.addEventListener('pagehide', this.onPageHide);
        await this.connect(prepared);
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
  private async provision(): Promise<Provisioned> {
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
      return { sipInfo: first, codes: provision.sipErrorCodes };
    } catch (error) {
      return { error };
    }
  }

  /**
   * The web phone for the provisioned credentials, its WebSocket opening at once (`SipClientLike.preconnect`:
   * no SIP message); the provisioning's error as is. Not attached ({@link SipConnectionHooks.onPhone}) before
   * {@link SipConnection.connect}: no call can reach a phone that has not registered.
   */
  private prepare(provisioned: Provisioned): Prepared {
    if ('error' in provisioned) return provisioned;
    if (this.isClosed) return { closed: true };
    const { sipInfo, codes } = provisioned;
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
    phone.sipClient.preconnect?.();
    return { phone, pool, sipInfo, codes };
  }

  /** A prepared web phone that will not register: its socket closed, no SIP message sent. */
  private discard(ready: PreparedPhone): void {
    ready.phone.sipClient.wsc?.close?.();
    ready.pool?.dispose();
    if (this.offerPool === ready.pool) this.offerPool = null;
  }

  /** Registers the prepared web phone (a reconnect provisions anew). */
  private async connect(
    preparing: Promise<Prepared> = this.provision().then((provisioned) => this.prepare(provisioned)),
  ): Promise<void> {
    const ready = await preparing;
    if ('closed' in ready) return;
    if ('error' in ready) {
      await this.registrationFailed(ready.error);
      return;
    }
    if (this.isClosed) {
      this.discard(ready);
      return;
    }
    const { phone, pool, sipInfo, codes } = ready;
    this.hooks.onPhone(phone);
    this.webPhone = phone;
    try {
      try {
        const timedOut = Symbol('timeout');
        const timeoutMs = this.options.registerTimeoutMs ?? 10_000;
        const outcome = await withTimeout(this.options.clock, phone.start(), timeoutMs, timedOut);
        if (outcome === timedOut) throw new RingCentralApiError('SIP registration timed out', null);
      } catch (failure) {
        if (this.isClosed || this.webPhone !== phone) throw failure;
        // Only after a failure: the backup outbound proxy (a lazy chunk).
        await (await import('./registration-failure')).startOnBackupProxy(phone, failure, sipInfo, codes, this.options);
      }
    } catch (error) {
      if (this.webPhone === phone) this.webPhone = null;
      void phone.sipClient.dispose().catch(() => undefined);
      await this.registrationFailed(error);
      return;
    }
    if (this.isClosed || this.webPhone !== phone) return;
    this.reconnectAttempt = 0;
    this.watchSocket(phone);
    this.setStatus({ state: 'registered' });
    pool?.fillWhenIdle();
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
          { onReady: this.options.onOfferReady },
        )
      : null;
    return this.offerPool;
  }

  /** The status for a failed start (`registration-failure.ts`, a lazy chunk); reconnects after `network`. */
  private async registrationFailed(error: unknown): Promise<void> {
    const status = await import('./registration-failure').then(
      (m) => m.registrationFailureStatus(error),
      (): TelephonyStatus => ({ state: 'unavailable', reason: 'network' }),
    );
    if (this.isClosed) return;
    this.setStatus(status);
    if (status.state === 'unavailable' && status.reason === 'network') this.scheduleReconnect();
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
