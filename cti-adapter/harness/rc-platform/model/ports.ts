import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CrmRouter } from '../routing/crm-router';
import type { PlatformMediaFactory } from '../sip/sip-call';
import type { TelephonyModel } from './telephony-model';

/**
 * What the control API needs from the SIP side to play the customer (PSTN) end of calls.
 * Implemented by the SIP engineer (`sip/`), registered with `startRcPlatform`.
 */
export interface InboundCallPort {
  /**
   * Places a call from an external number to an extension or a call queue: creates the model session and sends
   * INVITEs to the registered web phones. Resolves with the session ids once the INVITEs are out.
   * @throws Error with `status` 404 when the target is unknown, 480 when nobody is registered.
   */
  placeInboundCall(input: {
    fromNumber: string;
    callerIdName?: string;
    toExtensionId?: string;
    toQueueId?: string;
    /** A CRM-routed DID or an IVR number of the account (the SIP side routes it). */
    toNumber?: string;
  }): Promise<{ telephonySessionId: string; sessionId: string; partyId: string }>;
  /** The customer answers the agent's outbound call (only when no customer web phone is registered for the number). */
  customerAnswer(telephonySessionId: string): Promise<void>;
  /** The customer hangs up (CANCEL before answer, BYE after). */
  customerHangup(telephonySessionId: string): Promise<void>;
  /** The simulated customer dials DTMF digits at an IVR (its far end has no media to send RFC 4733 in). */
  customerDtmf?(telephonySessionId: string, digits: string): Promise<void>;
  /**
   * Call Control on the agent's web phone party of a ringing call (SIP side only): `answer` to the web phone's device
   * offers the call again to the extension's registered web phone with auto-answer headers; `reject` declines it.
   * Rejects with `status` 404 (no such call) or 409 (nothing registered, or the call is not ringing).
   */
  webPhoneCommand?(telephonySessionId: string, extensionId: string, command: 'answer' | 'reject'): Promise<void>;
  /** The agents' simulated desk phones / RingCentral apps (SIP side only). */
  readonly deskPhones?: DeskPhonePort;
}

/** What the agent does on a desk phone, or asks the Call Control API to do to its party. */
export type DeskPhoneCommand =
  | { readonly kind: 'answer' }
  | { readonly kind: 'hold'; readonly held: boolean }
  | { readonly kind: 'mute'; readonly muted: boolean }
  | { readonly kind: 'hangup' }
  | { readonly kind: 'transfer'; readonly to: string };

/**
 * An extension's other device (a desk phone or the RingCentral app), simulated without SIP or media: while online it
 * rings with the extension's web phones on every direct or call-queue call, and the telephony session events report
 * its party as RingCentral does (Setup → Proceeding → Answered ⇄ Hold → Disconnected).
 */
export interface DeskPhonePort {
  /** Plugs the desk phone of an extension in (`online`) or out. */
  setOnline(extensionId: string, online: boolean): void;
  /** Extension ids whose desk phone is online. */
  online(): string[];
  /**
   * Runs `command` on the desk phone of `extensionId` in the call. Rejects with an error whose `status` is 404 (no
   * such call) or 409 (the desk phone is not ringing / not on this call / the target is unknown).
   */
  command(telephonySessionId: string, extensionId: string, command: DeskPhoneCommand): Promise<void>;
}

/** Fault hooks and lifecycle of the SIP-over-WSS server. */
export interface SipServerPort {
  /** Handles an HTTP upgrade on the `/sip` path (subprotocol `sip`). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Drops up to `count` SIP WebSockets (all when omitted) without a close handshake; returns how many. */
  dropConnections(count?: number): number;
  /** Serves its own HTTPS pages (the customer phone under `/customer-phone/`); returns false when not its path. */
  handleHttp?(req: IncomingMessage, res: ServerResponse): boolean;
  /** Number of live registrations (for GET /state). */
  registrationCount?(): number;
  /** The live registrations, with their REGISTER history (for GET /state). */
  registrations?(): SipRegistrationInfo[];
  stop(): Promise<void>;
}

/** A summary row per live registration (control API / diagnostics). */
export interface SipRegistrationInfo {
  identityKey: string;
  kind: 'extension' | 'external';
  username: string;
  instanceId: string;
  connectionId: string;
  /** When the registration was created (ISO 8601). */
  registeredAt: string;
  /** When its latest REGISTER was accepted (ISO 8601): the creation or the latest refresh. */
  refreshedAt: string;
  /** Accepted REGISTERs: 1 at creation, +1 per refresh. */
  registers: number;
  expiresAt: string;
}

/** What `sip/index.ts` receives when the platform starts it. */
export interface SipServerContext {
  model: TelephonyModel;
  /**
   * `host:port/sip-pstn`: the proxy of the customer phones, which stand in for the PSTN and so never go through the
   * agents' `outboundProxy` / `outboundProxyBackup` (see `http/sip-proxies.ts`).
   */
  customerPhoneProxy: string;
  log: (line: string) => void;
  /** CRM routing of DIDs and IVRs (the PBX side of seed 002_dfbb423dce69a7d6.txt). */
  router?: CrmRouter;
  /** The platform's media endpoint for the calls it answers itself (IVR greetings, recordings). */
  media?: PlatformMediaFactory;
  /** Largest REGISTER expiry the registrar grants, seconds (`RcPlatformOptions.sipMaxExpiresSeconds`). */
  maxExpiresSeconds?: number;
  /** `RcPlatformOptions.reforkRingingAfterMs` (what RingCentral may do; default never). */
  reforkRingingAfterMs?: number | null;
  /** `RcPlatformOptions.duplicateInviteAfterMs` (what RingCentral may do; default never). */
  duplicateInviteAfterMs?: number | null;
}

/** The SIP side as a whole: `sip/index.ts` exports `createSipServer(context): SipServer`. */
export interface SipServer extends SipServerPort {
  inboundCalls: InboundCallPort;
}
