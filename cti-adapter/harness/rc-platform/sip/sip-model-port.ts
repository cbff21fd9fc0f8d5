/**
 * What the SIP side needs from the simulator's telephony model. The model (`../model/`) is the single source of
 * truth for calls; the SIP server only reports what happens on the wire through this port and reads the directory.
 * `model-adapter.ts` implements it over the platform's `TelephonyModel`; unit tests use small fakes.
 */

/** A SIP identity that may REGISTER: an extension (agent) or an external "customer" number. */
export interface SipIdentity {
  readonly kind: 'extension' | 'external';
  /** Extension id, or the E.164 number for an external identity. Registrations are counted per key. */
  readonly key: string;
  /** User part used in From/To (`sipInfo.username`). */
  readonly username: string;
  /** Digest user (`sipInfo.authorizationId`). */
  readonly authorizationId: string;
  readonly password: string;
  /** E.164 number shown to the far end (direct number or customer number). */
  readonly phoneNumber: string;
  /** Name (extension name, or caller-ID name as the carrier sends it). */
  readonly name: string;
  readonly extensionId?: string;
  readonly extensionNumber?: string;
}

/** Where a dialled number leads. */
export type SipRouteTarget =
  | { kind: 'extension'; extensionId: string; phoneNumber: string; name: string }
  | { kind: 'queue'; queueId: string; phoneNumber: string; name: string; memberExtensionIds: string[] }
  | { kind: 'external'; phoneNumber: string; name: string }
  /** A DID routed by a CRM rule before any extension answers (PBXware "CRM Routing" on a DID). */
  | { kind: 'did'; phoneNumber: string; name: string; ruleKey: string }
  /** An IVR menu: the platform answers, plays its greeting, collects DTMF and routes by its CRM rule. */
  | {
      kind: 'ivr';
      ivrId: string;
      extensionNumber: string;
      phoneNumber: string;
      name: string;
      greeting: string;
      ruleKey: string | null;
    };

/** A call endpoint as the model records it. */
export interface SipCallEnd {
  phoneNumber: string;
  name: string;
  extensionId?: string;
}

/** Identifiers of a model call session (`s-<hex>` telephony session id, numeric-string session id). */
export interface SipSessionIds {
  telephonySessionId: string;
  sessionId: string;
}

/** Why a session ended (drives call-log `result`). */
export type SipEndReason = 'HangUp' | 'Cancelled' | 'Rejected' | 'Voicemail' | 'NoAnswer' | 'Failed' | 'Transferred';

/**
 * The model operations the SIP server drives, one per wire event. All methods are synchronous and must not throw
 * for unknown ids (a session may already be over when a late message arrives).
 */
export interface SipModelPort {
  /** SIP domain (`sipInfo.domain`), also the digest realm. */
  readonly domain: string;
  /** Identity whose `authorizationId` is `authorizationId`. */
  findIdentityByAuthorizationId(authorizationId: string): SipIdentity | undefined;
  /** Identity of an extension id. */
  findIdentityByExtensionId(extensionId: string): SipIdentity | undefined;
  /** Identity registered for an external number (customer phone). */
  findIdentityByExternalNumber(phoneNumber: string): SipIdentity | undefined;
  /**
   * Resolves a dialled string: extension number (`102`), E.164 direct/queue number, or any other number (external).
   * Returns `undefined` for unroutable input.
   */
  resolveTarget(dialled: string): SipRouteTarget | undefined;
  /** Extension or call-queue target by id (control API inbound calls). */
  targetById(id: string): SipRouteTarget | undefined;
  /**
   * How a new call reaches an extension given its Do-Not-Disturb status: `ring` its phones, send a direct caller to
   * `voicemail`, or `skip` it (queue calls).
   */
  routingFor(extensionId: string, viaQueue: boolean): 'ring' | 'voicemail' | 'skip';
  /** Starts a session; `direction` is as seen by the account (Inbound: external → extension/queue). */
  createSession(input: {
    from: SipCallEnd;
    to: SipCallEnd;
    direction: 'Inbound' | 'Outbound';
    queueId?: string;
  }): SipSessionIds;
  /** Party id (`p-<hex>-<n>`) of an extension (or of the external end when `extensionId` is undefined). */
  partyId(telephonySessionId: string, extensionId: string | undefined): string;
  partyRinging(telephonySessionId: string, extensionId: string | undefined): void;
  partyAnswered(telephonySessionId: string, extensionId: string | undefined): void;
  partyHold(telephonySessionId: string, extensionId: string | undefined, held: boolean): void;
  /** Mute state of an extension's party as the Call Control API reports it (a desk phone's mute). */
  partyMuted?(telephonySessionId: string, extensionId: string, muted: boolean): void;
  partyVoicemail(telephonySessionId: string, extensionId: string): void;
  partyRejected(telephonySessionId: string, extensionId: string): void;
  /** The transferee's call is re-targeted to `target`; `byExtensionId` leaves the call. */
  transfer(
    telephonySessionId: string,
    byExtensionId: string | undefined,
    target: SipRouteTarget,
    consultTelephonySessionId?: string,
  ): void;
  /** Parks the party of an extension; returns the park location (e.g. `813`). */
  park(telephonySessionId: string, extensionId: string | undefined): string | undefined;
  /** Starts (`active`) or stops a recording on an extension's party; returns the recording id when started. */
  recording(telephonySessionId: string, extensionId: string | undefined, active: boolean): string | undefined;
  endSession(telephonySessionId: string, reason: SipEndReason): void;
  /** The routing point (the DID's party, or the IVR's) answers the caller itself (IVR greeting, recording). */
  routingPointAnswered(telephonySessionId: string): void;
  /** The routing point hands the call to `target` (a queue, extension or IVR); its party leaves the session. */
  routed(telephonySessionId: string, target: SipRouteTarget): void;
}
