import type { Unsubscribe } from '../support/typed-emitter';
import type { EndReason } from '../call/call-state';

/**
 * The telephony the core drives, implemented by the RingCentral layer (`src/ringcentral/`) over
 * `ringcentral-web-phone` (browser calls) and the REST API (RingOut, caller IDs).
 *
 * Events come in through {@link TelephonyPort.on}; controls go out as promise-returning methods that reject
 * with an `Error` when the platform refuses. `callId` is the web phone's SIP Call-Id (`CallSession.callId`).
 * Ids `telephonySessionId` (`s-…`), `sessionId`, `partyId` (`p-…-N`) come from the `p-rc-api-ids` SIP header
 * (inbound INVITE; outbound 183/200) — see ringcentral-web-phone 2.5.4's README and source (github.com/ringcentral/ringcentral-web-phone).
 * @public
 */
export interface TelephonyPort {
  on<K extends keyof TelephonyEventMap>(type: K, listener: (event: TelephonyEventMap[K]) => void): Unsubscribe;

  /** Current registration status (also pushed through the `status` event). */
  readonly status: TelephonyStatus;

  answer(callId: string): Promise<void>;
  /** Rejects an inbound call (SIP MESSAGE Cmd 12). */
  decline(callId: string): Promise<void>;
  /** Sends an inbound call to the agent's voicemail (Cmd 11). */
  toVoicemail(callId: string): Promise<void>;
  /**
   * Call waiting's "Ignore": stops alerting the agent for the ringing inbound `callId` (its ringtone or call-waiting
   * tone stops; no later call end or answer makes it ring again here). Nothing is sent to the platform: the call
   * keeps ringing for the caller until RingCentral sends it to voicemail or the caller hangs up, and it ends (`ended`)
   * as any unanswered call. Rejects for an unknown, outbound or answered call.
   */
  ignore(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  mute(callId: string, muted: boolean): Promise<void>;
  hold(callId: string, held: boolean): Promise<void>;
  /** DTMF digits `0-9*#` (in-band). */
  sendDtmf(callId: string, digits: string): Promise<void>;
  /** Blind transfer to an extension number or E.164 number. */
  transfer(callId: string, target: string): Promise<void>;
  /**
   * Warm transfer: holds `callId`, calls `target` (a new outbound call, reported with `dialing`), and returns
   * the new call's id. Complete with {@link TelephonyPort.completeWarmTransfer} or cancel by hanging up it.
   */
  warmTransfer(callId: string, target: string): Promise<{ consultCallId: string }>;
  completeWarmTransfer(callId: string, consultCallId: string): Promise<void>;
  /**
   * Places an outbound call. `via: 'browser'` → web phone (a `dialing` event follows), `via: 'ringout'` → RingOut
   * (`ringOutFrom` rings first). `callerId` is an E.164 number of the extension with the `CallerId` feature.
   * Resolves with the local call id once the INVITE is sent (browser) or the RingOut is created. Implementations
   * emit `dialing` for both (the core links it to the dialled number / click-to-dial record), then `identified`
   * when the platform gives the ids (SIP 183 `p-rc-api-ids`), `answered` and `ended` as for any call.
   */
  call(to: string, options: DialOptions): Promise<{ callId: string }>;
  startRecording(callId: string): Promise<void>;
  stopRecording(callId: string): Promise<void>;
  /** The extension's numbers usable as caller ID (`phone-number` records with feature `CallerId`). */
  listCallerIds(): Promise<CallerIdNumber[]>;
}

/** @public */
export interface DialOptions {
  readonly callerId?: string | null;
  readonly via?: 'browser' | 'ringout';
  readonly ringOutFrom?: string | null;
}

/** @public */
export interface CallerIdNumber {
  /** E.164. */
  readonly phoneNumber: string;
  /** `MainCompanyNumber`, `DirectNumber`, … */
  readonly usageType: string;
  readonly primary: boolean;
  readonly label: string | null;
}

/**
 * Registration status of the web phone.
 * `unavailable.reason`: `microphone-denied` (browser permission), `microphone-blocked` (iframe `allow` attribute
 * or the org's Permissions-Policy), `no-microphone`, `too-many-registrations` (RingCentral allows 5 web phones),
 * `registration-failed`, `network`, `logged-out`.
 * @public
 */
export type TelephonyStatus =
  | { readonly state: 'starting' }
  | {
      readonly state: 'registered';
      readonly reconnecting?: TelephonyReconnecting;
      /**
       * `other`: no web phone is registered on purpose — the agent's calls ring on the RingCentral app or a desk phone
       * and the softphone follows them (calling device `otherDevice`, ADR 0029). Absent: the web phone is registered.
       */
      readonly device?: 'other';
      /**
       * The page's call-event subscription (telephony sessions): `connecting` (not subscribed yet), `lost` (dropped or
       * refused; it reconnects by itself when it can); absent: subscribed, or not known. With `device: 'other'` the
       * calls are known only from these events (ADR 0034).
       */
      readonly events?: TelephonyEvents;
    }
  | { readonly state: 'unavailable'; readonly reason: TelephonyUnavailableReason; readonly detail?: string };

/** State of the call-event subscription (see {@link TelephonyStatus}). @public */
export type TelephonyEvents = 'connecting' | 'lost';

/**
 * The web phone is registered, but the telephony account's sign-in could not be renewed for now (the platform
 * answered 5xx/429, or the network is down): calls keep ringing on the registered phone, account requests wait, and
 * the softphone retries by itself.
 * @public
 */
export interface TelephonyReconnecting {
  /** Why the last attempt failed, for the agent. */
  readonly detail: string;
  /** When the next attempt runs, epoch milliseconds. */
  readonly retryAt: number;
}

/** @public */
export type TelephonyUnavailableReason =
  | 'microphone-denied'
  | 'microphone-blocked'
  | 'no-microphone'
  | 'too-many-registrations'
  | 'registration-failed'
  | 'network'
  | 'logged-out';

/** Ids RingCentral gives a call leg. @public */
export interface CallIds {
  readonly telephonySessionId?: string | null;
  readonly sessionId?: string | null;
  readonly partyId?: string | null;
}

/** Events of the {@link TelephonyPort}. @public */
export interface TelephonyEventMap {
  status: TelephonyStatus;
  /**
   * Inbound call alerting. `remoteName` = caller-ID name (`P-rc` `Nm`), `remoteNumber` = `Phn`; `queueName` = the call
   * queue the call reached the agent through (RingCentral's `p-rc-api-call-info` `queueName`), absent or null for a
   * direct call.
   */
  ringing: CallIds & {
    readonly callId: string;
    readonly remoteNumber: string;
    readonly remoteName: string | null;
    readonly localNumber: string | null;
    readonly localName: string | null;
    readonly queueName?: string | null;
    /**
     * `other`: the call rings on the agent's RingCentral app or desk phone, followed from the telephony-session events
     * (the softphone cannot answer it; hold, mute, transfer and hang-up go through the Call Control API). Absent: the
     * web phone.
     */
    readonly device?: 'other';
  };
  /** Outbound call started (INVITE sent). */
  dialing: CallIds & {
    readonly callId: string;
    readonly remoteNumber: string;
    readonly localNumber: string | null;
    /**
     * `ringout` for a RingOut call (the agent's phone rings first); `other` for a RingOut placed with calling device
     * `otherDevice` (ADR 0029): its party is followed and controlled like an inbound call on that device; absent for
     * the web phone.
     */
    readonly device?: 'ringout' | 'other';
  };
  /** Ids learnt after the call started (outbound 183), or any id change. */
  identified: CallIds & { readonly callId: string };
  /**
   * A RingOut (`dialing` with `device` `ringout` or `other`) has passed its first leg: the agent picked up the own phone
   * that RingCentral rang first, and the callee's phone rings now (RingCentral API Reference "Get RingOut Call Status",
   * https://developers.ringcentral.com/api-reference/RingOut/readRingOutCallStatus: `callerStatus` `Success` while
   * `calleeStatus` is `InProgress`; or the agent's party of the RingOut's telephony session `Answered`). Until then the
   * call is "ringing your phone first". At most once per call, before `answered`.
   */
  ringingRemote: { readonly callId: string };
  answered: { readonly callId: string };
  held: { readonly callId: string; readonly held: boolean };
  muted: { readonly callId: string; readonly muted: boolean };
  recording: {
    readonly callId: string;
    readonly active: boolean;
    readonly recordingId?: string | null;
    readonly recordingUrl?: string | null;
  };
  ended: { readonly callId: string; readonly reason: EndReason };
}

/**
 * Every {@link TelephonyEventMap} event type, in declaration order: for adapters and tests that subscribe to or
 * forward all of them. The compiler checks that no event type is missing.
 */
export const TELEPHONY_EVENT_TYPES = [
  'status',
  'ringing',
  'dialing',
  'identified',
  'ringingRemote',
  'answered',
  'held',
  'muted',
  'recording',
  'ended',
] as const satisfies readonly (keyof TelephonyEventMap)[];

/** `never` when {@link TELEPHONY_EVENT_TYPES} lists every event type; else the missing ones (a compile error below). */
type MissingTelephonyEventTypes = Exclude<keyof TelephonyEventMap, (typeof TELEPHONY_EVENT_TYPES)[number]>;
const allTelephonyEventTypesListed: [MissingTelephonyEventTypes] extends [never] ? true : MissingTelephonyEventTypes =
  true;
void allTelephonyEventTypesListed;

/** The controls of the {@link TelephonyPort}: every method but `on`, `status` and the `listCallerIds` query. @public */
export type TelephonyCommand = Exclude<keyof TelephonyPort, 'on' | 'status' | 'listCallerIds'>;

/**
 * The call controls that have the same name and arguments at every layer: the UI's controller, the engine and this
 * port. Declared once here; the layers that pass them through list this array.
 */
export const CALL_CONTROLS = [
  'answer',
  'decline',
  'toVoicemail',
  'ignore',
  'hangup',
  'mute',
  'hold',
  'sendDtmf',
  'transfer',
] as const satisfies readonly TelephonyCommand[];

/**
 * Every {@link TelephonyCommand}: for adapters that forward all of them (e.g. a port that exists before the web
 * phone does). The compiler checks that no command is missing.
 */
export const TELEPHONY_COMMANDS = [
  ...CALL_CONTROLS,
  'warmTransfer',
  'completeWarmTransfer',
  'call',
  'startRecording',
  'stopRecording',
] as const satisfies readonly TelephonyCommand[];

/** `never` when {@link TELEPHONY_COMMANDS} lists every command; else the missing ones (a compile error below). */
type MissingTelephonyCommands = Exclude<TelephonyCommand, (typeof TELEPHONY_COMMANDS)[number]>;
const allTelephonyCommandsListed: [MissingTelephonyCommands] extends [never] ? true : MissingTelephonyCommands = true;
void allTelephonyCommandsListed;
