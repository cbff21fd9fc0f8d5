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
  stop(): Promise<void>;
}

/** What `sip/index.ts` receives when the platform starts it. */
export interface SipServerContext {
  model: TelephonyModel;
  /** `host:port/sip` as `sipInfo.outboundProxy` carries it. */
  outboundProxy: string;
  log: (line: string) => void;
  /** CRM routing of DIDs and IVRs (the PBX side of seed 002_dfbb423dce69a7d6.txt). */
  router?: CrmRouter;
  /** The platform's media endpoint for the calls it answers itself (IVR greetings, recordings). */
  media?: PlatformMediaFactory;
}

/** The SIP side as a whole: `sip/index.ts` exports `createSipServer(context): SipServer`. */
export interface SipServer extends SipServerPort {
  inboundCalls: InboundCallPort;
}
