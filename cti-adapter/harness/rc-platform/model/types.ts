/**
 * Data shapes of the in-memory RingCentral account. Field names follow the RingCentral REST API
 * (`@rc-ex/core` definitions: `CallSessionObject`, `CallPartyInfo`, `CallLogRecord`, `GetMessageInfoResponse`,
 * `GetPresenceInfo`, `GetRingOutStatusResponse`) so REST and subscription code can render them with little mapping.
 */

/** Party status codes of the Call Control API (`CallStatusInfo.code`). */
export type PartyStatusCode =
  'Setup' | 'Proceeding' | 'Answered' | 'Hold' | 'Parked' | 'VoiceMail' | 'FaxReceive' | 'Gone' | 'Disconnected';

/** Direction of a party or of a call-log record, from that extension's point of view. */
export type Direction = 'Inbound' | 'Outbound';

/** A phone endpoint as RingCentral renders it in `from`/`to`. */
export interface Endpoint {
  phoneNumber: string;
  name?: string;
  extensionId?: string;
  extensionNumber?: string;
}

/** One recording of a session (`recordings[]` of a party; `recording` of a call-log record). */
export interface Recording {
  id: string;
  /** Milliseconds since epoch. */
  startTime: number;
  /** Milliseconds since epoch, undefined while active. */
  endTime?: number;
  active: boolean;
}

/** One party of a telephony session (Call Control `CallParty`). */
export interface Party {
  /** `p-<hex>-<n>` */
  id: string;
  /** Set when the party belongs to an extension of the account; unset for external numbers. */
  extensionId?: string;
  direction: Direction;
  from: Endpoint;
  to: Endpoint;
  status: { code: PartyStatusCode; reason?: string; rcc?: boolean };
  missedCall: boolean;
  standAlone: boolean;
  muted: boolean;
  /** Milliseconds since epoch. */
  startTime: number;
  answerTime?: number;
  endTime?: number;
  /** Outcome for the call log once the party is gone. */
  result?: CallResult;
  /** The queue the call reached this party through. */
  queueId?: string;
  parkId?: string;
}

/** Call-log `result` values produced by the simulator (a subset of the API's enum). */
export type CallResult =
  'Accepted' | 'Missed' | 'Voicemail' | 'Rejected' | 'Call connected' | 'No Answer' | 'Busy' | 'Hang Up' | 'Stopped';

/** Where a session came from (`origin.type` of telephony events). */
export type SessionOrigin = 'Call' | 'RingOut';

/** Lifecycle of a whole telephony session. */
export type SessionState = 'Ringing' | 'Connected' | 'Ended';

/** A telephony session (Call Control `CallSessionObject` plus bookkeeping). */
export interface CallSession {
  /** `s-<hex>` */
  telephonySessionId: string;
  /** Numeric string, the legacy `sessionId`. */
  sessionId: string;
  serverId: string;
  origin: SessionOrigin;
  /** Direction of the call as seen from the account: external→account is Inbound. */
  direction: Direction;
  state: SessionState;
  parties: Party[];
  recordings: Recording[];
  queueId?: string;
  /** Milliseconds since epoch. */
  startTime: number;
  endTime?: number;
  endReason?: string;
  /** Per-session event sequence (telephony notifications carry it). */
  sequence: number;
}

/** Input of {@link TelephonyModel.createSession}. */
export interface CreateSessionInput {
  /** Caller number (E.164 or an extension number). */
  from: string;
  /** Callee number (E.164 or an extension number). */
  to: string;
  /** Caller name; defaults to the extension name or the external caller-ID name. */
  fromName?: string;
  /** Callee name; defaults to the extension/queue name. */
  toName?: string;
  /** Direction as seen from the account (external → account is Inbound). Derived when omitted. */
  direction?: Direction;
  /** The call reaches a call queue; member parties are then added with `addParty`. */
  queueId?: string;
  origin?: SessionOrigin;
}

/** A call-log record (REST `CallLogRecord`), one per extension party once the session ended. */
export interface CallLogRecord {
  id: string;
  extensionId: string;
  sessionId: string;
  telephonySessionId: string;
  partyId: string;
  /** Milliseconds since epoch. */
  startTime: number;
  /** Whole seconds. */
  duration: number;
  type: 'Voice';
  direction: Direction;
  action: 'Phone Call' | 'VoIP Call' | 'RingOut Web' | 'Transfer' | 'Accept Call';
  result: CallResult;
  reason: string;
  reasonDescription: string;
  from: Endpoint;
  to: Endpoint;
  transport: 'PSTN' | 'VoIP';
  recording?: { id: string; type: 'OnDemand' | 'Automatic'; duration: number };
  legs: CallLogLeg[];
  /** Milliseconds since epoch. */
  lastModifiedTime: number;
  /** Monotonic change counter used by call-log sync (ISync). */
  syncSequence: number;
  deleted: boolean;
}

/** One leg of a detailed call-log record. */
export interface CallLogLeg {
  startTime: number;
  duration: number;
  type: 'Voice';
  direction: Direction;
  action: CallLogRecord['action'];
  result: CallResult;
  reason: string;
  from: Endpoint;
  to: Endpoint;
  legType: 'Accept' | 'FollowMe' | 'Transfer' | 'Voicemail' | 'RingOut' | 'PstnToSip' | 'SipToPstnMetered';
  transport: 'PSTN' | 'VoIP';
  extensionId?: string;
  telephonySessionId: string;
  partyId: string;
  master: boolean;
}

/** Message types of the message store. */
export type MessageType = 'SMS' | 'VoiceMail' | 'Pager' | 'Fax';

/** A message-store entry (REST `GetMessageInfoResponse`). Owner is an extension id or an external number. */
export interface StoredMessage {
  id: string;
  /** Extension id, or `external:<E.164>` for a customer phone's inbox. */
  owner: string;
  type: MessageType;
  direction: Direction;
  from: { phoneNumber: string; name?: string; extensionNumber?: string };
  to: { phoneNumber: string; name?: string }[];
  subject: string;
  /**
   * Outbound SMS: `Queued` → `Sent` → `Delivered`, or `DeliveryFailed` (the carrier refused it) / `SendingFailed`
   * (it never left RingCentral), with {@link StoredMessage.deliveryErrorCode}; inbound: `Received`.
   */
  messageStatus: 'Queued' | 'Sent' | 'Delivered' | 'DeliveryFailed' | 'Received' | 'SendingFailed';
  /** Why an outbound SMS failed (RingCentral Developer Guide, "Handling SMS Messaging Errors": e.g. `SMS-RC-413`). */
  deliveryErrorCode?: string;
  readStatus: 'Read' | 'Unread';
  availability: 'Alive' | 'Deleted' | 'Purged';
  /** Milliseconds since epoch. */
  creationTime: number;
  lastModifiedTime: number;
  conversationId: string;
  /** Voicemail: recording id and whole seconds. */
  attachment?: { id: string; type: 'AudioRecording'; duration: number };
  syncSequence: number;
}

/** Presence of one extension (REST `GetPresenceInfo`, detailed telephony state). */
export interface Presence {
  extensionId: string;
  userStatus: 'Offline' | 'Busy' | 'Available';
  dndStatus: 'TakeAllCalls' | 'DoNotAcceptAnyCalls' | 'DoNotAcceptDepartmentCalls' | 'TakeDepartmentCallsOnly';
  message?: string;
  telephonyStatus: 'NoCall' | 'CallConnected' | 'Ringing' | 'OnHold' | 'ParkedCall';
  /** Derived from the others, as the platform does. */
  presenceStatus: 'Offline' | 'Busy' | 'Available';
  activeCalls: ActiveCall[];
  sequence: number;
}

/** One entry of `activeCalls[]` of a detailed presence. */
export interface ActiveCall {
  id: string;
  direction: Direction;
  from: string;
  fromName?: string;
  to: string;
  toName?: string;
  startTime: string;
  telephonyStatus: Presence['telephonyStatus'];
  sessionId: string;
  telephonySessionId: string;
  partyId: string;
}

/**
 * Status values of a RingOut and of each of its legs (`GetRingOutStatusResponse.status`, `RingOutStatusInfo`:
 * RingCentral API Reference "Get RingOut Call Status",
 * https://developers.ringcentral.com/api-reference/RingOut/readRingOutCallStatus).
 */
export type RingOutLegStatus =
  | 'Invalid'
  | 'Success'
  | 'InProgress'
  | 'Busy'
  | 'NoAnswer'
  | 'Rejected'
  | 'GenericError'
  | 'Finished'
  | 'InternationalDisabled'
  | 'DestinationBlocked'
  | 'NotEnoughFunds'
  | 'NoSuchUser';

/** A RingOut call: rings `from` first, then `to`. */
export interface RingOut {
  id: string;
  extensionId: string;
  from: string;
  to: string;
  callerId: string;
  playPrompt: boolean;
  status: { callStatus: RingOutLegStatus; callerStatus: RingOutLegStatus; calleeStatus: RingOutLegStatus };
  telephonySessionId?: string;
  createdAt: number;
}
