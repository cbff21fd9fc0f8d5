import type { EndReason } from '../../core/call/call-state';
import { systemClock, type Clock } from '../../core/ports/clock';
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
import { whenIdle } from '../../core/support/when-idle';
import { withTimeout } from '../../core/support/with-timeout';
import type { RingCentralSubscription } from '../subscriptions/ringcentral-subscription';
import { CallAudioDevices, type CallDeviceChoice } from './call-audio-devices';
import { requestRecording } from './call-recording';
import { stableInstanceId } from './instance-id';
import type { RingOutCalls } from './ring-out-calls';
import { Ringer } from './ringer';
import type { Ringtone, RingtoneOutput } from './ringtone';
import { SipConnection, type SipConnectionOptions } from './sip-connection';
import { CALL_WAITING_CADENCE, WebAudioRingtone } from './web-audio-ringtone';
import { WebPhoneCalls } from './web-phone-calls';
import type { OtherDeviceCalls } from '../other-device/other-device-calls';
import type { ReofferedCalls } from './reoffered-calls';
import { ReasonError } from '../../core/engine/notices';

const PHONE_NUMBER_PATH = '/restapi/v1.0/account/~/extension/~/phone-number';

/** @public */
export interface RingCentralTelephonyOptions extends SipConnectionOptions {
  /** Keeps the SIP instance id ({@link stableInstanceId}). */
  readonly store: KeyValueStore;
  /**
   * The media entry point of the RingCentral server (`RingCentralSession.mediaServer`, see `mediaEntryPoint`): the
   * origin of the recording links this phone reports.
   */
  readonly mediaServer: string;
  /** Ringer of inbound calls; default {@link WebAudioRingtone} (synthesized, no file); `null` = none. */
  readonly ringtone?: Ringtone | null;
  /** Call-waiting tone (a call rings while the agent is on another); default {@link CALL_WAITING_CADENCE}; `null` = none. */
  readonly waitingTone?: Ringtone | null;
  /** Ringer setting (default on). */
  readonly ringerEnabled?: boolean;
  readonly clock?: Clock;
  /** RingOut status polling period. Default 1000 ms. */
  readonly ringOutPollMs?: number;
  /** Longest wait for a JSON INFO result (recording) or the CANCEL confirming a decline. Default 10 s. */
  readonly commandTimeoutMs?: number;
  /**
   * The page's event subscription ({@link RingCentralSubscription}); with it, RingOut calls learn their telephony
   * session ids (`identified`) from the `RingOut`-origin session event, which the RingOut status API does not give.
   */
  readonly events?: Pick<RingCentralSubscription, 'on'> | null;
  readonly onListenerError?: (error: unknown) => void;
  /**
   * `other`: the agent's calls are on the RingCentral app or a desk phone (calling device `otherDevice`, ADR 0029): the
   * web phone does not register, and the calls are followed from `events` ({@link OtherDeviceCalls}, a lazy chunk).
   * Default `browser`.
   */
  readonly device?: 'browser' | 'other';
  /**
   * What the look for calls already ringing ({@link ReofferedCalls}: its chunk and a presence request) waits for after
   * a registration — the composition root: the console's answer to the initialization notice (ADR 0018), so that
   * neither runs in the task of REGISTER's 200, which the console's handling of the notice waits behind; at most
   * {@link REOFFER_LATEST_MS}. Default: at once.
   */
  readonly afterStart?: () => Promise<unknown>;
}

/** The longest wait of the look for calls already ringing for {@link RingCentralTelephonyOptions.afterStart} (ms). */
export const REOFFER_LATEST_MS = 2000;

/**
 * The softphone's telephony over `ringcentral-web-phone` 2.5.4 (browser calls) and the RingCentral REST API
 * (RingOut, caller IDs) — the {@link TelephonyPort} of the core. A facade over its parts, one concern each:
 *
 * | part | concern |
 * | --- | --- |
 * | {@link SipConnection} | microphone check, sip-provision, REGISTER (timeout), socket watch, reconnect with backoff, unregister at `pagehide` / {@link RingCentralTelephony.dispose}; the {@link TelephonyStatus} |
 * | {@link WebPhoneCalls} | browser calls: inbound/outbound session tracking, controls, blind and warm transfer |
 * | {@link RingOutCalls} | RingOut calls (REST, polled by {@link RingOutCall}) |
 * | {@link requestRecording}, {@link Ringer} | recording requests; when the ringtone plays |
 *
 * One state model: the core owns each call's state and the end reason the agent asked for (its intent wins); the
 * parts keep protocol facts only — ids, the library session or RingOut handle, what the platform reported, and
 * which request this side sent ({@link CallEndFacts}) — so the `ended` reason is right when the core has no intent:
 * remote BYE → `remote-hangup`, MESSAGE Cmd 7 → `answered-elsewhere`, inbound never answered → `missed`, outbound
 * final response 486·600 / 408·480 / other → `busy` / `no-answer` / `failed`, RingOut status, socket closed → `lost`.
 * @public
 */
export class RingCentralTelephony implements TelephonyPort {
  private readonly emitter: TypedEmitter<TelephonyEventMap>;
  private readonly clock: Clock;
  private readonly ringer: Ringer;
  private readonly connection: SipConnection;
  private readonly sipCalls: WebPhoneCalls;
  /** The RingOut calls of this page, once the first RingOut loaded their chunk (ADR 0018: not needed to ring). */
  private ringOuts: RingOutCalls | null = null;
  private readonly callDevices: CallAudioDevices;
  /** The calls on the agent's other device (`device: 'other'`), once its chunk loaded. */
  private otherDevice: OtherDeviceCalls | null = null;
  /** Calls that rang before this web phone registered ({@link ReofferedCalls}, a lazy chunk). */
  private reoffered: ReofferedCalls | null = null;
  /** Status while following another device (the SIP connection never starts). */
  private otherStatus: TelephonyStatus | null = null;

  constructor(private readonly options: RingCentralTelephonyOptions) {
    this.emitter = new TypedEmitter(options.onListenerError);
    this.clock = options.clock ?? systemClock;
    this.ringer = new Ringer(
      options.ringtone === undefined ? new WebAudioRingtone() : options.ringtone,
      options.ringerEnabled ?? true,
      options.waitingTone === undefined
        ? new WebAudioRingtone(undefined, 0.15, CALL_WAITING_CADENCE)
        : options.waitingTone,
    );
    this.callDevices =
      options.callDevices ?? new CallAudioDevices((error) => console.warn('Audio device change failed', error));
    const commandTimeoutMs = options.commandTimeoutMs ?? 10_000;
    this.sipCalls = new WebPhoneCalls({
      events: this.emitter,
      ringer: this.ringer,
      clock: this.clock,
      registeredPhone: () => this.connection.registeredPhone,
      commandTimeoutMs,
    });
    this.connection = new SipConnection(
      {
        ...options,
        clock: this.clock,
        instanceId: stableInstanceId(options.store),
        callDevices: this.callDevices,
      },
      {
        onStatus: (status) => {
          this.emitter.emit('status', status);
          if (status.state === 'registered') {
            void this.afterStart().then(() => this.offerRinging());
            // The first ring then costs no audio set-up between the INVITE and the screen pop (ADR 0018).
            void whenIdle(1000).then(() => this.ringer.prepare());
          }
        },
        onPhone: (phone) => this.sipCalls.attach(phone),
        onTransportLost: () => {
          this.ringer.silence();
          this.sipCalls.endAll(() => 'lost');
        },
        onUnload: () => this.sipCalls.sendEndsNow(),
      },
    );
  }

  get status(): TelephonyStatus {
    return this.otherStatus ?? this.connection.status;
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
    if (this.options.device === 'other') return this.followOtherDevice();
    return this.connection.start();
  }

  /** Loads the other-device follower (its own chunk) and reports `registered` with `device: 'other'`. */
  private async followOtherDevice(): Promise<void> {
    if (this.otherStatus) return;
    this.otherStatus = { state: 'starting' };
    this.emitter.emit('status', this.otherStatus);
    try {
      const { OtherDeviceCalls } = await import('../other-device/other-device-calls');
      if (this.connection.closed) return;
      this.otherDevice = new OtherDeviceCalls({
        ...this.options,
        events: this.emitter,
        subscription: this.options.events,
      });
      this.otherStatus = { state: 'registered', device: 'other' };
    } catch (error) {
      this.otherStatus = {
        state: 'unavailable',
        reason: 'registration-failed',
        detail: error instanceof Error ? error.message : String(error),
      };
    }
    this.emitter.emit('status', this.otherStatus);
  }

  /** {@link RingCentralTelephonyOptions.afterStart}, at most {@link REOFFER_LATEST_MS}; never rejects. */
  private async afterStart(): Promise<void> {
    const wait = this.options.afterStart;
    if (!wait) return;
    await withTimeout(
      this.clock,
      wait().catch(() => undefined),
      REOFFER_LATEST_MS,
      undefined,
    );
  }

  /** Offers the calls already ringing when the web phone registered (an owner tab that closed while one rang). */
  private async offerRinging(): Promise<void> {
    if (this.connection.closed || this.connection.status.state !== 'registered') return;
    try {
      const { ReofferedCalls } = await import('./reoffered-calls');
      this.reoffered ??= new ReofferedCalls({
        api: this.options.api,
        events: this.emitter,
        subscription: this.options.events ?? null,
        sipCalls: this.sipCalls,
        ringer: this.ringer,
        deviceId: () => this.connection.deviceId,
      });
      await this.reoffered.offerRinging();
    } catch (error) {
      console.warn('Reading the calls already ringing failed', error);
    }
  }

  /** Ringer on/off (the agent's setting); stops a ringing tone when turned off. */
  setRingerEnabled(enabled: boolean): void {
    this.ringer.setEnabled(enabled, this.sipCalls.ringing, this.sipCalls.onCall);
  }

  /**
   * The agent's audio devices: the microphone and speaker of browser calls (new ones, and the live ones at once) and
   * the ringer's output and volume. Never rejects.
   */
  async setAudioDevices(devices: CallDeviceChoice & { readonly ringer: RingtoneOutput }): Promise<void> {
    this.ringer.setOutput(devices.ringer);
    await this.callDevices.use(devices);
  }

  /**
   * Unregisters (REGISTER expires=0), ends the calls of this page (answered → `hangup`, else `lost`) and stops
   * reconnecting; status `unavailable`/`reason` (default `logged-out`). Waits at most 2 s for the registrar's answer.
   */
  async dispose(reason: TelephonyUnavailableReason = 'logged-out'): Promise<void> {
    if (this.connection.closed) return;
    this.ringer.silence();
    this.ringOuts?.stopPolling();
    await this.connection.close();
    const endOf = ({ answered }: { readonly answered: boolean }): EndReason => (answered ? 'hangup' : 'lost');
    this.sipCalls.endAll(endOf);
    this.ringOuts?.endAll(endOf);
    this.otherDevice?.dispose((answered) => endOf({ answered }));
    this.reoffered?.dispose();
    this.reoffered = null;
    this.otherDevice = null;
    this.otherStatus = null;
    this.connection.setUnavailable(reason);
  }

  async answer(callId: string): Promise<void> {
    await (this.reoffered?.has(callId) ? this.reoffered : this.sip(callId)).answer(callId);
  }

  async decline(callId: string): Promise<void> {
    await (this.onOtherDevice(callId) ?? (this.reoffered?.has(callId) ? this.reoffered : this.sip(callId))).decline(
      callId,
    );
  }

  async toVoicemail(callId: string): Promise<void> {
    await this.sip(callId).toVoicemail(callId);
  }

  async ignore(callId: string): Promise<void> {
    this.sip(callId).ignore(callId);
  }

  async hangup(callId: string): Promise<void> {
    const other = this.onOtherDevice(callId);
    if (other) await other.hangup(callId);
    else if (this.reoffered?.has(callId)) await this.reoffered.decline(callId);
    else if (this.ringOuts?.has(callId)) await this.ringOuts.hangup(callId);
    else await this.sipCalls.hangup(callId);
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    const other = this.onOtherDevice(callId);
    if (other) await other.mute(callId, muted);
    else await this.sip(callId).mute(callId, muted);
  }

  async hold(callId: string, held: boolean): Promise<void> {
    const other = this.onOtherDevice(callId);
    if (other) await other.hold(callId, held);
    else await this.sip(callId).hold(callId, held);
  }

  async sendDtmf(callId: string, digits: string): Promise<void> {
    await this.sip(callId).sendDtmf(callId, digits);
  }

  async transfer(callId: string, target: string): Promise<void> {
    const other = this.onOtherDevice(callId);
    if (other) await other.transfer(callId, target);
    else await this.sip(callId).transfer(callId, target);
  }

  async warmTransfer(callId: string, target: string): Promise<{ consultCallId: string }> {
    return this.sip(callId).warmTransfer(callId, target);
  }

  async completeWarmTransfer(callId: string, consultCallId: string): Promise<void> {
    this.sip(consultCallId); // refuses a RingOut consult call: it has no SIP dialog to replace
    await this.sip(callId).completeWarmTransfer(callId, consultCallId);
  }

  async call(to: string, options: DialOptions = {}): Promise<{ callId: string }> {
    const target = to.trim();
    if (!target) throw new ReasonError('NO_NUMBER_TO_CALL', 'No number to call');
    // With the app / desk phone, a RingOut whose party is then followed and controlled (ADR 0029).
    if (options.via === 'ringout') return (this.otherDevice ?? (await this.ringOutCalls())).dial(target, options);
    return this.sipCalls.dial(target, options.callerId ?? null);
  }

  /** The page's RingOut calls, loaded with the first RingOut (a lazy chunk); rejects once disposed. */
  private async ringOutCalls(): Promise<RingOutCalls> {
    if (this.ringOuts) return this.ringOuts;
    const { RingOutCalls } = await import('./ring-out-calls');
    if (this.connection.closed) throw new ReasonError('PHONE_SIGNED_OUT', 'The phone was signed out');
    this.ringOuts ??= new RingOutCalls({
      api: this.options.api,
      clock: this.clock,
      pollMs: this.options.ringOutPollMs ?? 1000,
      events: this.emitter,
      subscription: this.options.events,
    });
    return this.ringOuts;
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

  private async record(callId: string, start: boolean): Promise<void> {
    const session = this.sip(callId).session(callId);
    const timeoutMs = this.options.commandTimeoutMs ?? 10_000;
    const change = await requestRecording(session, start, {
      clock: this.clock,
      timeoutMs,
      mediaServer: this.options.mediaServer,
    });
    this.emitter.emit('recording', { callId, ...change });
  }

  /** The other-device calls when `callId` is one of them (controlled through the Call Control API). */
  private onOtherDevice(callId: string): OtherDeviceCalls | null {
    return this.otherDevice?.has(callId) ? this.otherDevice : null;
  }

  /** The browser calls, for a control a RingOut call does not have (the agent talks on the phone that rang). */
  private sip(callId: string): WebPhoneCalls {
    if (this.ringOuts?.has(callId))
      throw new ReasonError('RINGOUT_USE_PHONE', 'Not possible on a RingOut call: use the phone that rang');
    if (this.otherDevice?.has(callId))
      throw new ReasonError(
        'OTHER_DEVICE_USE_APP',
        'Not possible from the softphone: use your RingCentral app or desk phone',
      );
    return this.sipCalls;
  }
}
