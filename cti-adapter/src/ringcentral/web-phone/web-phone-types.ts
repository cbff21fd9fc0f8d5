import type { WebRtcSessionContext, WebRtcSessionLike } from './browser-webrtc-session';

/**
 * The parts of `ringcentral-web-phone` 2.5.4 the adapter uses, typed structurally so unit tests can pass fakes
 * (read from the library's `dist/index.d.mts`, `call-session/*.mjs`, `sip-client.mjs`). The real classes satisfy
 * them; {@link defaultWebPhoneFactory} is the single place that casts.
 * @public
 */

/** A SIP message as the library exposes it (`InboundMessage`, or an outbound `RequestMessage`/`ResponseMessage`). */
export interface SipMessageLike {
  readonly subject: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  getHeader?(name: string): string | undefined;
}

/** Events of a call session (`CallSession` extends the library's untyped emitter). */
export interface CallSessionEventMap {
  answered: [];
  disposed: [];
  /** Outbound only: a final non-200 response (`message.subject`, e.g. `SIP/2.0 486 Busy Here`). */
  failed: [subject: string];
  /** Outbound only: 183 Session Progress received (the ids of `p-rc-api-ids` are now known). */
  ringing: [];
  inboundMessage: [message: SipMessageLike];
}

/** A call session (`InboundCallSession` / `OutboundCallSession`). */
export interface CallSessionLike {
  readonly callId: string;
  readonly direction: 'inbound' | 'outbound';
  /** `init`, `ringing`, `answered`, `failed`, `disposed`. */
  readonly state: string;
  /** RingCentral telephony session id (`s-…`) from `p-rc-api-ids` (the library calls it `sessionId`). */
  readonly sessionId: string | undefined;
  readonly partyId: string | undefined;
  readonly remoteNumber: string;
  readonly localNumber: string;
  /** Inbound: the INVITE; outbound: the 183/200 once received. */
  readonly sipMessage: SipMessageLike | undefined;
  /** `undefined` on an outbound session before the 183. */
  readonly remotePeer: string | undefined;
  on<K extends keyof CallSessionEventMap>(event: K, listener: (...args: CallSessionEventMap[K]) => void): void;
  off<K extends keyof CallSessionEventMap>(event: K, listener: (...args: CallSessionEventMap[K]) => void): void;
  hangup(): Promise<void>;
  hold(): Promise<void>;
  unhold(): Promise<void>;
  mute(): void;
  unmute(): void;
  sendDtmf(tones: string, duration?: number, interToneGap?: number): void;
  /** Blind transfer: REFER, resolves at the BYE that follows (rejects after 10 s). */
  transfer(target: string): Promise<void>;
  /** REFER with `Replaces=` the consult call (warm transfer completion). */
  completeWarmTransfer(consult: CallSessionLike): Promise<void>;
  /** JSON INFO `startcallrecord`; resolves with the server's `result` (`code` 0 = done). */
  startRecording(): Promise<RecordingResult>;
  stopRecording(): Promise<RecordingResult>;
  dispose(): void;
  /** Inbound only. */
  answer?(): Promise<void>;
  decline?(): Promise<void>;
  toVoicemail?(): Promise<void>;
  /** Outbound only: CANCEL before the answer. */
  cancel?(): Promise<void>;
}

/** `result` of a JSON INFO command (`{"response":{"reqid","command","result":{…}}}`). */
export interface RecordingResult {
  readonly code?: number;
  readonly description?: string;
  readonly recordingId?: string;
  readonly [key: string]: unknown;
}

/** The minimal WebSocket surface the adapter watches (`DefaultSipClient.wsc`). */
export interface WebSocketLike {
  readonly readyState: number;
  addEventListener(type: 'close', listener: () => void): void;
  removeEventListener(type: 'close', listener: () => void): void;
  close?(): void;
}

/** Events of the SIP client. */
export interface SipClientEventMap {
  outboundMessage: [message: SipMessageLike];
  inboundMessage: [message: SipMessageLike];
}

/** `DefaultSipClient` (the SIP-over-WebSocket transport). */
export interface SipClientLike {
  /** The live socket (`undefined` before `start()`). */
  readonly wsc?: WebSocketLike | undefined;
  on<K extends keyof SipClientEventMap>(event: K, listener: (...args: SipClientEventMap[K]) => void): void;
  off<K extends keyof SipClientEventMap>(event: K, listener: (...args: SipClientEventMap[K]) => void): void;
  /** Sends REGISTER expires=0 (synchronously, then waits for the reply) and closes the socket. */
  dispose(): Promise<void>;
  /** Next `start()` connects to `sipInfo.outboundProxyBackup` (`true`) or `outboundProxy` (`false`). */
  toggleBackupOutboundProxy?(enabled?: boolean): void;
  /**
   * Opens the WebSocket to the outbound proxy now, sending nothing; the next `start()` registers over it (the adapter's
   * `PreconnectingSipClient`, `web-phone-factory.ts`). The socket is `wsc` from then on: closing it discards it.
   */
  preconnect?(): void;
}

/** Events of the web phone. */
export interface WebPhoneEventMap {
  inboundCall: [session: CallSessionLike];
  outboundCall: [session: CallSessionLike];
}

/** `WebPhone` (default export of `ringcentral-web-phone`). */
export interface WebPhoneLike {
  readonly sipClient: SipClientLike;
  readonly callSessions: CallSessionLike[];
  on<K extends keyof WebPhoneEventMap>(event: K, listener: (...args: WebPhoneEventMap[K]) => void): void;
  /** Connects the WSS socket and REGISTERs (rejects `Error("Registration failed: SIP/2.0 …")`). */
  start(): Promise<void>;
  dispose(): Promise<void>;
  /** Resolves at the answer (or failure); the session is announced earlier through `outboundCall`. */
  call(callee: string, callerId?: string): Promise<CallSessionLike | undefined>;
}

/** `sipInfo[0]` of `POST /restapi/v1.0/client-info/sip-provision` (what `new WebPhone({sipInfo})` needs). */
export interface SipInfo {
  readonly username: string;
  readonly password: string;
  readonly authorizationId: string;
  readonly domain: string;
  readonly outboundProxy: string;
  readonly outboundProxyBackup: string;
  readonly stunServers: string[];
  readonly transport?: string;
}

/** Options the adapter creates the web phone with. */
export interface WebPhoneCreateOptions {
  readonly sipInfo: SipInfo;
  readonly instanceId: string;
  readonly debug: boolean;
  readonly autoAnswer: boolean;
  /** The library's media seam (`WebPhoneOptions.webRtcSessionFactory`); absent = the library's own media code. */
  readonly webRtcSessionFactory?: (context: WebRtcSessionContext) => WebRtcSessionLike;
}
