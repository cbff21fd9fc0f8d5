import { randomBytes } from 'node:crypto';
import type { Seed, SeedExtension } from '../seed/seed';
import { Directory, digitsOf, numberKey, type SipCredentials, type SipIdentity } from './directory';
import { MessageStore, type MessageFilter } from './message-store';
import { ModelError } from './model-error';
import { ModelEvents, type TelephonySessionEventBody } from './model-events';
import type {
  ActiveCall,
  CallLogLeg,
  CallLogRecord,
  CallResult,
  CallSession,
  CreateSessionInput,
  Direction,
  Endpoint,
  Party,
  PartyStatusCode,
  Presence,
  Recording,
  RingOut,
  RingOutLegStatus,
  StoredMessage,
} from './types';

/** Timer functions, injectable so tests can drive time (`jest.useFakeTimers()` also works with the defaults). */
export interface ModelTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/** Constructor options of {@link TelephonyModel}; every dependency has a default. */
export interface TelephonyModelOptions {
  /** Clock in milliseconds since epoch. Default `Date.now`. */
  now?: () => number;
  /** Random hex of `bytes` bytes, for session/party/recording ids. Default `crypto.randomBytes`. */
  randomHex?: (bytes: number) => string;
  timers?: ModelTimers;
  /** Delay between RingOut status steps (caller leg answered, callee leg answered). Default 1000 ms. */
  ringOutStepMs?: number;
  /** A connected RingOut ends on its own after this long. Default 60 000 ms. */
  ringOutMaxDurationMs?: number;
  /** Delay before an outbound SMS goes from `Queued` to `Sent`/`Delivered`. Default 300 ms. */
  smsDeliveryMs?: number;
}

/** What a recording id resolves to (call recording or voicemail audio). */
export interface RecordingInfo {
  id: string;
  kind: 'CallRecording' | 'VoiceMail';
  telephonySessionId: string;
  /** Whole seconds (at least 1). */
  duration: number;
  startTime: number;
  /** Extensions allowed to read it. */
  extensionIds: string[];
}

/**
 * Allowed party status transitions (Call Control API party states). Anything else is a `ModelError` 409 `TAS-101`.
 *
 * ```
 *  Setup ──► Proceeding ──► Answered ◄──► Hold
 *    │           │             │  ▲        │
 *    │           ├──► VoiceMail│  └─ Parked◄┘
 *    └───────────┴─────────────┴──────────────► Disconnected / Gone
 * ```
 */
const PARTY_TRANSITIONS: Record<PartyStatusCode, PartyStatusCode[]> = {
  Setup: ['Proceeding', 'Answered', 'VoiceMail', 'Disconnected', 'Gone'],
  Proceeding: ['Proceeding', 'Answered', 'VoiceMail', 'Disconnected', 'Gone'],
  Answered: ['Answered', 'Hold', 'Parked', 'Disconnected', 'Gone'],
  Hold: ['Hold', 'Answered', 'Parked', 'Disconnected', 'Gone'],
  Parked: ['Answered', 'Disconnected', 'Gone'],
  VoiceMail: ['Disconnected', 'Gone'],
  FaxReceive: ['Disconnected', 'Gone'],
  Gone: [],
  Disconnected: [],
};

const REASON_TEXT: Record<CallResult, [string, string]> = {
  Accepted: ['Accepted', 'The call connected to and was accepted by this number'],
  'Call connected': ['Accepted', 'The call was connected to and accepted by the called number'],
  Missed: ['Missed', 'The call was not answered'],
  Voicemail: ['Voicemail', 'The call was sent to voicemail'],
  Rejected: ['Rejected', 'The call was rejected by the called party'],
  'No Answer': ['No Answer', 'The called party did not answer'],
  Busy: ['Busy', 'The called party declined the call or was busy'],
  'Hang Up': ['Hang Up', 'The caller hung up before the call was answered'],
  Stopped: ['Stopped', 'The call was stopped'],
};

/**
 * The in-memory RingCentral account: directory, telephony sessions and their parties, presence, call log,
 * recordings, message store and RingOut. It is the single source of truth for calls: the SIP server calls the
 * lifecycle methods as signalling happens, REST reads from it, subscriptions forward its {@link ModelEvents}.
 *
 * Session lifecycle (SIP drives it):
 * `createSession` → `partyRinging` → `partyAnswered` → (`partyHold`/`partyUnhold`, `startRecording`, `transfer`, …)
 * → `endSession(reason)`. Declines: `partyRejected`; voicemail: `partyVoicemail`; both leave the session open until
 * the SIP side releases the caller and calls `endSession`. Ending a session writes one call-log record per
 * extension party and, for voicemail, a VoiceMail message.
 *
 * Shapes follow the RingCentral REST API and telephony-session notifications (see `model/types.ts`).
 */
export class TelephonyModel {
  readonly directory: Directory;
  readonly events = new ModelEvents();
  readonly messages: MessageStore;

  private readonly now: () => number;
  private readonly randomHex: (bytes: number) => string;
  private readonly timers: ModelTimers;
  private readonly ringOutStepMs: number;
  private readonly ringOutMaxDurationMs: number;
  private readonly smsDeliveryMs: number;

  private sessions = new Map<string, CallSession>();
  private callLog: CallLogRecord[] = [];
  private recordings = new Map<string, RecordingInfo>();
  private presences = new Map<string, Presence>();
  private ringOuts = new Map<string, RingOut>();
  private ringOutManual = false;
  /** Failures the next outbound SMS take ({@link TelephonyModel.failNextSms}), oldest first. */
  private smsFailures: { status: 'DeliveryFailed' | 'SendingFailed'; code: string }[] = [];
  private pendingTimers = new Set<unknown>();
  private nextSessionId = 1;
  private nextCallLogId = 1;
  private nextRecordingId = 1;
  private syncSequence = 0;
  private disposed = false;

  constructor(seed: Seed, options: TelephonyModelOptions = {}) {
    this.directory = new Directory(seed);
    this.now = options.now ?? Date.now;
    this.randomHex = options.randomHex ?? ((bytes) => randomBytes(bytes).toString('hex'));
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    };
    this.ringOutStepMs = options.ringOutStepMs ?? 1000;
    this.ringOutMaxDurationMs = options.ringOutMaxDurationMs ?? 60_000;
    this.smsDeliveryMs = options.smsDeliveryMs ?? 300;
    this.messages = new MessageStore(this.now);
    this.resetState();
  }

  // ───────────────────────────── directory ─────────────────────────────

  get accountId(): string {
    return this.directory.accountId;
  }

  get sipDomain(): string {
    return this.directory.sipDomain;
  }

  findExtensionById(id: string): SeedExtension | undefined {
    return this.directory.findExtensionById(id);
  }

  findExtensionByNumber(number: string): SeedExtension | undefined {
    return this.directory.findExtensionByNumber(number);
  }

  findExternalByNumber(number: string): ReturnType<Directory['findExternalByNumber']> {
    return this.directory.findExternalByNumber(number);
  }

  sipCredentialsForExtension(extensionId: string): SipCredentials {
    return this.directory.sipCredentialsForExtension(extensionId);
  }

  sipCredentialsForExternal(phoneNumber: string): SipCredentials {
    return this.directory.sipCredentialsForExternal(phoneNumber);
  }

  findSipIdentityByAuthorizationId(authorizationId: string): SipIdentity | undefined {
    return this.directory.findSipIdentityByAuthorizationId(authorizationId);
  }

  findSipIdentityByUsername(username: string): SipIdentity | undefined {
    return this.directory.findSipIdentityByUsername(username);
  }

  // ───────────────────────────── sessions ─────────────────────────────

  /**
   * Creates a telephony session with the caller party (`p-<hex>-1`) and the callee party (`p-<hex>-2`; for a call
   * queue the callee party belongs to the queue and members are added with {@link addParty}).
   * Numbers may be E.164, bare digits or extension numbers. Emits a `Setup` telephony event to the caller's owner.
   * @throws ModelError 404 `CMN-102` when neither side is an extension of the account.
   */
  createSession(input: CreateSessionInput): CallSession {
    const hex = this.randomHex(16);
    const time = this.now();
    const caller = this.endpointFor(input.from, input.fromName);
    const queue = input.queueId ? this.directory.findExtensionById(input.queueId) : undefined;
    if (input.queueId && !queue) throw new ModelError(`Queue ${input.queueId} not found`, 404, 'CMN-102');
    const callee = queue ? this.endpointOfExtension(queue) : this.endpointFor(input.to, input.toName);
    // A CRM-routed DID belongs to the account although no extension answers it until the rule has routed the call.
    if (!caller.extensionId && !callee.extensionId && !this.directory.findDid(callee.phoneNumber)) {
      throw new ModelError('Neither party belongs to this account', 404, 'CMN-102');
    }
    const direction: Direction = input.direction ?? (caller.extensionId ? 'Outbound' : 'Inbound');
    const session: CallSession = {
      telephonySessionId: `s-${hex}`,
      sessionId: String(4_000_000_000 + this.nextSessionId++),
      serverId: '10.13.23.117.TAM',
      origin: input.origin ?? 'Call',
      direction,
      state: 'Ringing',
      parties: [],
      recordings: [],
      startTime: time,
      sequence: 0,
      ...(queue ? { queueId: queue.id } : {}),
    };
    this.sessions.set(session.telephonySessionId, session);
    session.parties.push(this.newParty(session, 'Outbound', caller, callee, caller.extensionId));
    const calleeParty = this.newParty(session, 'Inbound', caller, callee, callee.extensionId);
    if (queue) calleeParty.queueId = queue.id;
    session.parties.push(calleeParty);
    this.publish(session);
    return session;
  }

  /**
   * Adds a party to a session, e.g. a call-queue member being rung or a transfer target. The new party is in
   * `Setup`; call {@link partyRinging} when its phone rings.
   * @throws ModelError 404 when the session or extension is unknown, 409 when the session ended.
   */
  addParty(telephonySessionId: string, input: { extensionId?: string; phoneNumber?: string; queueId?: string }): Party {
    const session = this.liveSession(telephonySessionId);
    const ext = input.extensionId ? this.directory.findExtensionById(input.extensionId) : undefined;
    if (input.extensionId && !ext) throw new ModelError(`Extension ${input.extensionId} not found`, 404, 'CMN-102');
    const to = ext ? this.endpointOfExtension(ext) : this.endpointFor(input.phoneNumber ?? '');
    const caller = this.callerParty(session);
    const party = this.newParty(session, 'Inbound', caller.from, to, ext?.id);
    const queueId = input.queueId ?? session.queueId;
    if (queueId) party.queueId = queueId;
    session.parties.push(party);
    this.publish(session);
    return party;
  }

  /** The callee's phone rings (SIP 180): status `Proceeding`. The caller party follows to `Proceeding`. */
  partyRinging(telephonySessionId: string, partyId: string): Party {
    const session = this.liveSession(telephonySessionId);
    const party = this.partyOf(session, partyId);
    this.transition(party, 'Proceeding');
    const caller = this.callerParty(session);
    if (caller !== party && caller.status.code === 'Setup') this.transition(caller, 'Proceeding');
    this.publish(session);
    return party;
  }

  /**
   * A party answers (SIP 200 to the INVITE). The session becomes `Connected`; the caller party is `Answered`;
   * other still-ringing callee parties (queue members, parallel rings) go `Disconnected` with reason
   * `AnsweredElsewhere` and get no call-log record.
   */
  partyAnswered(telephonySessionId: string, partyId: string): Party {
    const session = this.liveSession(telephonySessionId);
    const party = this.partyOf(session, partyId);
    const time = this.now();
    this.transition(party, 'Answered');
    party.answerTime ??= time;
    const caller = this.callerParty(session);
    if (caller.status.code !== 'Answered' && caller.status.code !== 'Hold') {
      this.transition(caller, 'Answered');
      caller.answerTime ??= time;
    }
    for (const other of session.parties) {
      if (other === party || other === caller) continue;
      if (other.queueId && other.extensionId === other.queueId) {
        if (other.status.code === 'Setup' || other.status.code === 'Proceeding') {
          this.transition(other, 'Answered');
          other.answerTime ??= time;
        }
        continue;
      }
      if (other.status.code === 'Setup' || other.status.code === 'Proceeding') {
        this.transition(other, 'Disconnected', 'AnsweredElsewhere');
        other.endTime = time;
      }
    }
    session.state = 'Connected';
    this.publish(session);
    return party;
  }

  /** Hold (re-INVITE `a=sendonly`). */
  partyHold(telephonySessionId: string, partyId: string): Party {
    return this.simpleTransition(telephonySessionId, partyId, 'Hold');
  }

  /** Unhold (re-INVITE `a=sendrecv`). */
  partyUnhold(telephonySessionId: string, partyId: string): Party {
    return this.simpleTransition(telephonySessionId, partyId, 'Answered');
  }

  /** Mute state as the Call Control API reports it (`muted`). Local mute in the web phone does not call this. */
  partyMuted(telephonySessionId: string, partyId: string, muted: boolean): Party {
    const session = this.liveSession(telephonySessionId);
    const party = this.partyOf(session, partyId);
    party.muted = muted;
    this.publish(session);
    return party;
  }

  /**
   * The callee sends the call to voicemail (x-rc/agent Cmd 11, or no answer): the party goes `VoiceMail`, its
   * call-log result is `Voicemail`, and the caller is connected to the voicemail greeting (`Answered`). When the
   * session ends a VoiceMail message with an audio attachment lands in the extension's message store.
   * For a call queue's own party (the queue overflows to its voicemail when no member answered), the members still
   * ringing are released: `Disconnected` with reason `NoAnswer`, each a `Missed` call-log record when the session
   * ends, whose detailed legs show the queue's `Voicemail` leg and no accepted one.
   */
  partyVoicemail(telephonySessionId: string, partyId: string): Party {
    const session = this.liveSession(telephonySessionId);
    const party = this.partyOf(session, partyId);
    const time = this.now();
    this.transition(party, 'VoiceMail', 'Voicemail');
    party.result = 'Voicemail';
    party.answerTime ??= time;
    if (party.queueId && party.extensionId === party.queueId) {
      for (const member of session.parties) {
        if (member === party || member.queueId !== party.queueId) continue;
        if (member.status.code !== 'Setup' && member.status.code !== 'Proceeding') continue;
        this.transition(member, 'Disconnected', 'NoAnswer');
        member.missedCall = true;
        member.endTime = time;
      }
    }
    const caller = this.callerParty(session);
    if (caller !== party && caller.status.code !== 'Answered') {
      this.transition(caller, 'Answered');
      caller.answerTime ??= time;
    }
    session.state = 'Connected';
    this.publish(session);
    return party;
  }

  /**
   * The callee declines (x-rc/agent Cmd 12): the party is `Disconnected` (reason `CallRejected`) with call-log
   * result `Rejected`. The session stays open: the SIP side answers the caller's INVITE with a failure and then
   * calls {@link endSession} (`'Rejected'`), unless other parties are still ringing.
   */
  partyRejected(telephonySessionId: string, partyId: string): Party {
    const session = this.liveSession(telephonySessionId);
    const party = this.partyOf(session, partyId);
    this.transition(party, 'Disconnected', 'CallRejected');
    party.result = 'Rejected';
    party.endTime = this.now();
    this.publish(session);
    return party;
  }

  /** One party leaves while the session goes on (e.g. the transferor after REFER, a member after BYE in a conference). */
  partyDisconnected(telephonySessionId: string, partyId: string, reason = 'Disconnected'): Party {
    const session = this.liveSession(telephonySessionId);
    const party = this.partyOf(session, partyId);
    if (party.status.code !== 'Disconnected' && party.status.code !== 'Gone') {
      this.transition(party, 'Disconnected', reason);
      party.endTime = this.now();
    }
    this.publish(session);
    return party;
  }

  /** Callee parties still ringing (Setup/Proceeding), e.g. to know whether a decline ends the call. */
  ringingParties(telephonySessionId: string): Party[] {
    const session = this.requireSession(telephonySessionId);
    const caller = this.callerParty(session);
    return session.parties.filter(
      (p) =>
        p !== caller &&
        !(p.queueId && p.extensionId === p.queueId) &&
        (p.status.code === 'Setup' || p.status.code === 'Proceeding'),
    );
  }

  /**
   * Transfer (SIP REFER). Blind: the transferring party is `Disconnected` (reason `BlindTransfer`) and a new party
   * for `to` is added in `Setup` (the SIP side then rings it). Warm (`consultTelephonySessionId` given, REFER with
   * Replaces): the transferor leaves both sessions, the consult session ends, and the target joins this session
   * already `Answered`.
   * @returns the target's new party.
   */
  transfer(
    telephonySessionId: string,
    partyId: string,
    input: { to: string; consultTelephonySessionId?: string },
  ): Party {
    const session = this.liveSession(telephonySessionId);
    const transferor = this.partyOf(session, partyId);
    const warm = !!input.consultTelephonySessionId;
    const time = this.now();
    if (transferor.status.code !== 'Disconnected') {
      this.transition(transferor, 'Disconnected', warm ? 'AttendedTransfer' : 'BlindTransfer');
      transferor.endTime = time;
    }
    const targetExt = this.directory.findExtensionByNumber(input.to);
    const to = targetExt ? this.endpointOfExtension(targetExt) : this.endpointFor(input.to);
    const remaining = session.parties.find((p) => p !== transferor && p.status.code !== 'Disconnected');
    const from = remaining ? (remaining.direction === 'Outbound' ? remaining.from : remaining.to) : transferor.from;
    const party = this.newParty(session, 'Inbound', from, to, targetExt?.id);
    if (targetExt?.type === 'Department') {
      // Sent to a call queue, the call becomes a queue call: its members ring through the queue (queueCall).
      session.queueId = targetExt.id;
      party.queueId = targetExt.id;
    }
    session.parties.push(party);
    if (warm && input.consultTelephonySessionId) {
      const consult = this.sessions.get(input.consultTelephonySessionId);
      if (consult && consult.state !== 'Ended') this.endSession(consult.telephonySessionId, 'AttendedTransfer');
      this.transition(party, 'Answered');
      party.answerTime = time;
    }
    this.publish(session);
    return party;
  }

  /** Starts recording (SIP INFO `startcallrecord`). Returns the recording; its id is also the call-log recording id. */
  startRecording(telephonySessionId: string, partyId: string): Recording {
    const session = this.liveSession(telephonySessionId);
    this.partyOf(session, partyId);
    const active = session.recordings.find((r) => r.active);
    if (active) return active;
    const recording: Recording = {
      id: String(9_100_000_000 + this.nextRecordingId++),
      startTime: this.now(),
      active: true,
    };
    session.recordings.push(recording);
    this.publish(session);
    return recording;
  }

  /** Stops the active recording (SIP INFO `stopcallrecord`). @throws ModelError 409 when none is active. */
  stopRecording(telephonySessionId: string, partyId: string): Recording {
    const session = this.liveSession(telephonySessionId);
    this.partyOf(session, partyId);
    const active = session.recordings.find((r) => r.active);
    if (!active) throw new ModelError('No active recording', 409, 'TAS-101');
    this.finishRecording(session, active);
    this.publish(session);
    return active;
  }

  /** Parks the party (SIP INFO `callpark`): status `Parked`, presence `ParkedCall`. Returns the park location. */
  park(telephonySessionId: string, partyId: string): { parkExtension: string } {
    const session = this.liveSession(telephonySessionId);
    const party = this.partyOf(session, partyId);
    this.transition(party, 'Parked');
    const parkExtension = String(
      801 + ([...this.sessions.values()].filter((s) => s.parties.some((p) => p.parkId)).length % 99),
    );
    party.parkId = parkExtension;
    this.publish(session);
    return { parkExtension };
  }

  /**
   * Ends the whole session (BYE, CANCEL, final failure). Every remaining party goes `Disconnected` with `reason`,
   * recordings stop, call-log records are written (one per extension party) and voicemail messages are stored.
   * Idempotent: ending an ended session returns it unchanged.
   */
  endSession(telephonySessionId: string, reason = 'CallerHangUp'): CallSession {
    const session = this.requireSession(telephonySessionId);
    if (session.state === 'Ended') return session;
    const time = this.now();
    for (const recording of session.recordings) if (recording.active) this.finishRecording(session, recording);
    for (const party of session.parties) {
      if (party.status.code !== 'Disconnected' && party.status.code !== 'Gone') {
        this.transition(party, 'Disconnected', reason);
        party.endTime = time;
      }
    }
    session.state = 'Ended';
    session.endTime = time;
    session.endReason = reason;
    this.publish(session);
    this.finishRingOut(session);
    this.writeCallLog(session);
    this.storeVoicemails(session);
    this.events.emit('sessionEnded', { session });
    return session;
  }

  getSession(telephonySessionId: string): CallSession | undefined {
    return this.sessions.get(telephonySessionId);
  }

  findSessionBySessionId(sessionId: string): CallSession | undefined {
    return [...this.sessions.values()].find((s) => s.sessionId === sessionId);
  }

  /** Sessions not ended yet, oldest first. */
  activeSessions(): CallSession[] {
    return [...this.sessions.values()].filter((s) => s.state !== 'Ended');
  }

  /** All sessions (ended ones too), oldest first. */
  allSessions(): CallSession[] {
    return [...this.sessions.values()];
  }

  /** The telephony-session notification body as the owner extension sees it (only its parties). */
  telephonyBodyFor(session: CallSession, extensionId: string): TelephonySessionEventBody {
    return {
      sequence: session.sequence,
      sessionId: session.sessionId,
      telephonySessionId: session.telephonySessionId,
      serverId: session.serverId,
      eventTime: new Date(this.now()).toISOString(),
      origin: { type: session.origin },
      parties: session.parties
        .filter((p) => p.extensionId === extensionId)
        .map((p) => ({
          accountId: this.accountId,
          extensionId: p.extensionId,
          id: p.id,
          direction: p.direction,
          from: stripEndpoint(p.from),
          to: stripEndpoint(p.to),
          status: { code: p.status.code, rcc: false, ...(p.status.reason ? { reason: p.status.reason } : {}) },
          ...(session.recordings.length
            ? { recordings: session.recordings.map((r) => ({ id: r.id, active: r.active })) }
            : {}),
          missedCall: p.missedCall,
          standAlone: p.standAlone,
          muted: p.muted,
          ...(p.parkId ? { park: { id: p.parkId } } : {}),
          ...(p.queueId ? { queueCall: true } : {}),
        })),
    };
  }

  // ───────────────────────────── presence ─────────────────────────────

  /** Current presence of an extension (detailed telephony state). @throws ModelError 404 for an unknown id. */
  getPresence(extensionId: string): Presence {
    const presence = this.presences.get(extensionId);
    if (!presence) throw new ModelError(`Extension ${extensionId} not found`, 404, 'CMN-102');
    return presence;
  }

  /** `PUT …/presence`: user status, DND and message. Emits a presence event when something changed. */
  updatePresence(
    extensionId: string,
    patch: Partial<Pick<Presence, 'userStatus' | 'dndStatus' | 'message'>>,
  ): Presence {
    const presence = this.getPresence(extensionId);
    if (patch.userStatus) presence.userStatus = patch.userStatus;
    if (patch.dndStatus) presence.dndStatus = patch.dndStatus;
    if (patch.message !== undefined) presence.message = patch.message;
    this.refreshPresence(extensionId, true);
    return presence;
  }

  /**
   * How the platform routes a new call to this extension given its DND status (RingCentral presence `dndStatus`):
   * `DoNotAcceptAnyCalls` sends direct callers to voicemail and skips the extension in queues;
   * `DoNotAcceptDepartmentCalls` skips queue calls only; `TakeDepartmentCallsOnly` sends direct callers to voicemail.
   * The SIP side asks before ringing a web phone. Unknown extensions are `skip`.
   */
  routingFor(extensionId: string, viaQueue = false): 'ring' | 'voicemail' | 'skip' {
    const presence = this.presences.get(extensionId);
    if (!presence) return 'skip';
    switch (presence.dndStatus) {
      case 'DoNotAcceptAnyCalls':
        return viaQueue ? 'skip' : 'voicemail';
      case 'DoNotAcceptDepartmentCalls':
        return viaQueue ? 'skip' : 'ring';
      case 'TakeDepartmentCallsOnly':
        return viaQueue ? 'ring' : 'voicemail';
      default:
        return 'ring';
    }
  }

  // ───────────────────────────── call log ─────────────────────────────

  /** Call-log records of one extension (or of the whole account when `extensionId` is undefined), newest first. */
  listCallLog(extensionId?: string, includeDeleted = false): CallLogRecord[] {
    return this.callLog
      .filter((r) => extensionId === undefined || r.extensionId === extensionId)
      .filter((r) => includeDeleted || !r.deleted)
      .sort((a, b) => b.startTime - a.startTime || b.syncSequence - a.syncSequence);
  }

  getCallLogRecord(id: string): CallLogRecord | undefined {
    return this.callLog.find((r) => r.id === id);
  }

  /** Records of an extension whose sync sequence is above `sequence`, oldest change first (ISync). */
  callLogChangedSince(extensionId: string, sequence: number): CallLogRecord[] {
    return this.callLog
      .filter((r) => r.extensionId === extensionId && r.syncSequence > sequence)
      .sort((a, b) => a.syncSequence - b.syncSequence);
  }

  /** Current call-log change sequence (a sync token encodes it). */
  callLogSequence(): number {
    return this.syncSequence;
  }

  /** Marks records deleted (REST `DELETE …/call-log`). Returns how many. */
  deleteCallLog(extensionId: string, ids?: string[]): number {
    let count = 0;
    for (const record of this.callLog) {
      if (record.extensionId !== extensionId || record.deleted) continue;
      if (ids && !ids.includes(record.id)) continue;
      record.deleted = true;
      record.syncSequence = ++this.syncSequence;
      record.lastModifiedTime = this.now();
      count++;
    }
    return count;
  }

  getRecording(id: string): RecordingInfo | undefined {
    return this.recordings.get(id);
  }

  // ───────────────────────────── messages ─────────────────────────────

  /**
   * `POST …/extension/~/sms`. Stores the outbound message `Queued`; after `smsDeliveryMs` it is `Sent` and an inbound
   * copy reaches each recipient (an extension's store, with a message-store event, or a customer phone's inbox); after
   * another `smsDeliveryMs` the carrier's receipt makes it `Delivered`. A failure queued with
   * {@link TelephonyModel.failNextSms} ends it `SendingFailed` (nothing delivered) or `DeliveryFailed` (the recipient
   * gets nothing either) with a `deliveryErrorCode`. Every status change fires a message-store event (`updatedCount`),
   * as RingCentral reports delivery (RingCentral Developer Guide, "Handling SMS Messaging Errors").
   * @throws ModelError 400 `MSG-246` when `from` is not an SMS-capable number of the extension.
   */
  sendSms(input: { extensionId: string; from: string; to: string[]; text: string }): StoredMessage {
    const ext = this.directory.findExtensionById(input.extensionId);
    if (!ext) throw new ModelError(`Extension ${input.extensionId} not found`, 404, 'CMN-102');
    if (numberKey(input.from) !== numberKey(ext.directNumber)) {
      throw new ModelError(`Phone number [${input.from}] doesn't belong to extension`, 400, 'MSG-246');
    }
    if (input.to.length === 0) throw new ModelError('Parameter [to] value is invalid', 400, 'CMN-101');
    const outbound = this.messages.add({
      owner: ext.id,
      type: 'SMS',
      direction: 'Outbound',
      from: { phoneNumber: ext.directNumber, name: ext.name },
      to: input.to.map((n) => ({ phoneNumber: n, ...this.nameFor(n) })),
      subject: input.text,
      messageStatus: 'Queued',
    });
    this.emitMessageChange(ext.id, [outbound], []);
    const failure = this.smsFailures.shift() ?? null;
    const setStatus = (patch: Pick<StoredMessage, 'messageStatus'> & { deliveryErrorCode?: string }): void => {
      const updated = this.messages.update(ext.id, outbound.id, patch);
      if (updated) this.emitMessageChange(ext.id, [], [updated]);
    };
    this.schedule(() => {
      if (failure?.status === 'SendingFailed') {
        setStatus({ messageStatus: 'SendingFailed', deliveryErrorCode: failure.code });
        return;
      }
      setStatus({ messageStatus: 'Sent' });
      if (!failure) for (const number of input.to) this.deliverSms(ext.directNumber, ext.name, number, input.text);
      this.schedule(
        () =>
          setStatus(
            failure
              ? { messageStatus: 'DeliveryFailed', deliveryErrorCode: failure.code }
              : { messageStatus: 'Delivered' },
          ),
        this.smsDeliveryMs,
      );
    }, this.smsDeliveryMs);
    return outbound;
  }

  /**
   * The next `count` outbound SMS fail: `DeliveryFailed` (sent, refused by the carrier) or `SendingFailed`, with
   * `deliveryErrorCode` (default `SMS-RC-413`). Control API fault `sms-fail`.
   */
  failNextSms(count: number, status: 'DeliveryFailed' | 'SendingFailed' = 'DeliveryFailed', code = 'SMS-RC-413'): void {
    for (let i = 0; i < count; i += 1) this.smsFailures.push({ status, code });
  }

  /** An SMS from a customer (control API): lands in the target extension's store and fires a message-store event. */
  receiveSmsFromCustomer(input: {
    fromNumber: string;
    toNumber?: string;
    toExtensionId?: string;
    text: string;
  }): StoredMessage {
    const target = input.toExtensionId
      ? this.directory.findExtensionById(input.toExtensionId)
      : this.directory.findExtensionByNumber(input.toNumber ?? '');
    if (!target) throw new ModelError('Target extension not found', 404, 'CMN-102');
    const message = this.deliverSms(
      input.fromNumber,
      this.nameFor(input.fromNumber).name,
      target.directNumber,
      input.text,
    );
    if (!message) throw new ModelError('Target extension not found', 404, 'CMN-102');
    return message;
  }

  /** Messages of an extension store or of a customer inbox (`external:<E.164>`). */
  listMessages(owner: string, filter?: MessageFilter): StoredMessage[] {
    return this.messages.list(owner, filter);
  }

  /** Marks a message read/unread or deleted and fires a message-store event. */
  updateMessage(
    extensionId: string,
    id: string,
    patch: Partial<Pick<StoredMessage, 'readStatus' | 'availability'>>,
  ): StoredMessage | undefined {
    const message = this.messages.update(extensionId, id, patch);
    if (message) this.emitMessageChange(extensionId, [], [message]);
    return message;
  }

  // ───────────────────────────── RingOut ─────────────────────────────

  /**
   * `POST …/extension/~/ring-out`. The platform first rings `from` (the user's own phone), then `to`.
   * Status steps, each `ringOutStepMs` apart: `InProgress/InProgress/InProgress` (the agent's own phone rings) →
   * caller leg `Success` (the agent picked it up: a RingOut telephony session appears, the extension party `Answered`;
   * the callee rings) → callee `Success` and call `Success` when `to` is a seeded customer or extension (else callee
   * and call `NoAnswer`, session ends). A connected RingOut ends after `ringOutMaxDurationMs` or on
   * {@link cancelRingOut}. With {@link setRingOutManual} the steps wait for {@link progressRingOut} instead of the
   * timer (the test or the person trying the harness picks up the phones).
   */
  createRingOut(input: {
    extensionId: string;
    from: string;
    to: string;
    callerId?: string;
    playPrompt?: boolean;
  }): RingOut {
    const ext = this.directory.findExtensionById(input.extensionId);
    if (!ext) throw new ModelError(`Extension ${input.extensionId} not found`, 404, 'CMN-102');
    if (!digitsOf(input.from) || !digitsOf(input.to)) {
      throw new ModelError('Parameter [to.phoneNumber] value is invalid', 400, 'CMN-101');
    }
    const ringOut: RingOut = {
      id: String(7_000_000 + this.ringOuts.size + 1),
      extensionId: ext.id,
      from: input.from,
      to: input.to,
      callerId: input.callerId ?? ext.directNumber,
      playPrompt: input.playPrompt ?? false,
      status: { callStatus: 'InProgress', callerStatus: 'InProgress', calleeStatus: 'InProgress' },
      createdAt: this.now(),
    };
    this.ringOuts.set(ringOut.id, ringOut);
    if (!this.ringOutManual) this.schedule(() => this.ringOutCallerAnswered(ringOut), this.ringOutStepMs);
    return ringOut;
  }

  /**
   * Manual RingOuts (control `PUT /ring-outs/mode {manual}`): a new RingOut's legs are answered only by
   * {@link progressRingOut}, never by the timer. Back to automatic on {@link reset}.
   */
  setRingOutManual(manual: boolean): void {
    this.ringOutManual = manual;
  }

  /** The extension's RingOuts still known (created and not cancelled), oldest first. */
  listRingOuts(extensionId?: string): RingOut[] {
    return [...this.ringOuts.values()].filter((r) => !extensionId || r.extensionId === extensionId);
  }

  /**
   * The next step of RingOut `id` (control `POST /ring-outs/{id}/progress`): while the caller leg rings, the agent
   * picks up the own phone (caller `Success`, the session appears, the callee rings); then the callee answers
   * (`Success`, or `NoAnswer` when `to` is not a seeded customer or extension). Throws a {@link ModelError} 404 for an
   * unknown RingOut, 409 when it has no further step.
   */
  progressRingOut(id: string): RingOut {
    const ringOut = this.ringOuts.get(id);
    if (!ringOut) throw new ModelError(`RingOut ${id} not found`, 404, 'CMN-102');
    const { callerStatus, calleeStatus } = ringOut.status;
    if (callerStatus === 'InProgress') this.ringOutCallerAnswered(ringOut);
    else if (callerStatus === 'Success' && calleeStatus === 'InProgress') this.ringOutCalleeStep(ringOut);
    else throw new ModelError(`RingOut ${id} has no further step`, 409, 'CMN-102');
    return ringOut;
  }

  getRingOut(extensionId: string, id: string): RingOut | undefined {
    const ringOut = this.ringOuts.get(id);
    return ringOut && ringOut.extensionId === extensionId ? ringOut : undefined;
  }

  /** `DELETE …/ring-out/{id}`: hangs up and forgets the RingOut. Returns false when unknown. */
  cancelRingOut(extensionId: string, id: string): boolean {
    const ringOut = this.getRingOut(extensionId, id);
    if (!ringOut) return false;
    this.ringOuts.delete(id);
    if (ringOut.telephonySessionId) {
      const session = this.sessions.get(ringOut.telephonySessionId);
      if (session && session.state !== 'Ended') this.endSession(session.telephonySessionId, 'CallerHangUp');
    }
    return true;
  }

  /**
   * Call Control on the extension's own party of a RingOut session (the RingOut's first leg, on the phone that rang
   * first, which the platform bridges to the callee itself — no SIP dialog of the simulator carries it): hold/unhold
   * (`Hold` ⇄ `Answered`), mute (`muted`), blind transfer (the party goes `Disconnected`/`BlindTransfer`, the target
   * gets a new party) and hang up (the session ends, the RingOut's status becomes `Finished`). RingCentral API
   * Reference, "Call Control" (https://developers.ringcentral.com/api-reference/Call-Control/holdCallParty). Throws a
   * {@link ModelError} 409 `TAS-101` when the party is not answered (hold, mute, transfer) or the target is unknown.
   */
  controlRingOutParty(
    telephonySessionId: string,
    partyId: string,
    command:
      | { kind: 'hold'; held: boolean }
      | { kind: 'mute'; muted: boolean }
      | { kind: 'transfer'; to: string }
      | { kind: 'hangup' },
  ): void {
    const session = this.liveSession(telephonySessionId);
    const party = this.partyOf(session, partyId);
    if (command.kind === 'hangup') {
      this.endSession(telephonySessionId, 'CallerHangUp');
      return;
    }
    const code = party.status.code;
    if (code !== 'Answered' && code !== 'Hold')
      throw new ModelError(`The party ${partyId} is not on the call (${code})`, 409, 'TAS-101');
    if (command.kind === 'hold') {
      if (command.held) this.partyHold(telephonySessionId, partyId);
      else this.partyUnhold(telephonySessionId, partyId);
    } else if (command.kind === 'mute') {
      this.partyMuted(telephonySessionId, partyId, command.muted);
    } else {
      const to = command.to.trim();
      if (
        !this.directory.findExtensionByNumber(to) &&
        !this.directory.findExternalByNumber(to) &&
        digitsOf(to).length < 7
      )
        throw new ModelError(`Unknown transfer target ${to}`, 409, 'TAS-101');
      this.transfer(telephonySessionId, partyId, { to });
    }
  }

  // ───────────────────────────── housekeeping ─────────────────────────────

  /** Clears calls, call log, recordings, messages, RingOuts and presence back to the seeded state (control `POST /reset`). */
  reset(): void {
    for (const handle of this.pendingTimers) this.timers.clearTimeout(handle);
    this.pendingTimers.clear();
    this.resetState();
  }

  /** Stops pending timers; the model must not be used afterwards. */
  dispose(): void {
    this.disposed = true;
    for (const handle of this.pendingTimers) this.timers.clearTimeout(handle);
    this.pendingTimers.clear();
  }

  // ───────────────────────────── internals ─────────────────────────────

  private resetState(): void {
    this.sessions = new Map();
    this.callLog = [];
    this.recordings = new Map();
    this.ringOuts = new Map();
    this.ringOutManual = false;
    this.messages.clear();
    this.smsFailures = [];
    this.presences = new Map();
    for (const ext of this.directory.extensions()) {
      this.presences.set(ext.id, {
        extensionId: ext.id,
        userStatus: 'Available',
        dndStatus: ext.type === 'User' ? 'TakeAllCalls' : 'TakeAllCalls',
        telephonyStatus: 'NoCall',
        presenceStatus: 'Available',
        activeCalls: [],
        sequence: 0,
      });
    }
  }

  private schedule(fn: () => void, ms: number): void {
    if (this.disposed) return;
    const handle = this.timers.setTimeout(() => {
      this.pendingTimers.delete(handle);
      if (!this.disposed) fn();
    }, ms);
    this.pendingTimers.add(handle);
  }

  private endpointOfExtension(ext: SeedExtension): Endpoint {
    return { phoneNumber: ext.directNumber, name: ext.name, extensionId: ext.id, extensionNumber: ext.extensionNumber };
  }

  private endpointFor(number: string, name?: string): Endpoint {
    const ext = this.directory.findExtensionByNumber(number);
    if (ext) return { ...this.endpointOfExtension(ext), ...(name ? { name } : {}) };
    const external = this.directory.findExternalByNumber(number);
    const phoneNumber = external?.phoneNumber ?? normalizeNumber(number);
    const resolvedName = name ?? external?.callerIdName;
    return { phoneNumber, ...(resolvedName ? { name: resolvedName } : {}) };
  }

  private nameFor(number: string): { name?: string } {
    const ext = this.directory.findExtensionByNumber(number);
    if (ext) return { name: ext.name };
    const external = this.directory.findExternalByNumber(number);
    return external ? { name: external.callerIdName } : {};
  }

  private newParty(
    session: CallSession,
    direction: Direction,
    from: Endpoint,
    to: Endpoint,
    extensionId?: string,
  ): Party {
    const hex = session.telephonySessionId.slice(2);
    return {
      id: `p-${hex}-${session.parties.length + 1}`,
      direction,
      from,
      to,
      status: { code: 'Setup' },
      missedCall: false,
      standAlone: false,
      muted: false,
      startTime: this.now(),
      ...(extensionId ? { extensionId } : {}),
    };
  }

  private callerParty(session: CallSession): Party {
    const caller = session.parties[0];
    if (!caller) throw new ModelError('Session has no parties', 500, 'CMN-201');
    return caller;
  }

  private requireSession(telephonySessionId: string): CallSession {
    const session = this.sessions.get(telephonySessionId);
    if (!session) throw new ModelError(`Telephony session ${telephonySessionId} not found`, 404, 'TAS-102');
    return session;
  }

  private liveSession(telephonySessionId: string): CallSession {
    const session = this.requireSession(telephonySessionId);
    if (session.state === 'Ended') {
      throw new ModelError(`Telephony session ${telephonySessionId} has ended`, 409, 'TAS-101');
    }
    return session;
  }

  private partyOf(session: CallSession, partyId: string): Party {
    const party = session.parties.find((p) => p.id === partyId);
    if (!party) throw new ModelError(`Party ${partyId} not found`, 404, 'TAS-103');
    return party;
  }

  private transition(party: Party, to: PartyStatusCode, reason?: string): void {
    const allowed = PARTY_TRANSITIONS[party.status.code];
    if (!allowed.includes(to)) {
      throw new ModelError(`Party ${party.id}: ${party.status.code} → ${to} is not allowed`, 409, 'TAS-101');
    }
    party.status = { code: to, ...(reason ? { reason } : {}) };
  }

  private simpleTransition(telephonySessionId: string, partyId: string, to: PartyStatusCode): Party {
    const session = this.liveSession(telephonySessionId);
    const party = this.partyOf(session, partyId);
    this.transition(party, to);
    this.publish(session);
    return party;
  }

  private finishRecording(session: CallSession, recording: Recording): void {
    recording.active = false;
    recording.endTime = this.now();
    this.recordings.set(recording.id, {
      id: recording.id,
      kind: 'CallRecording',
      telephonySessionId: session.telephonySessionId,
      duration: Math.max(1, Math.round((recording.endTime - recording.startTime) / 1000)),
      startTime: recording.startTime,
      extensionIds: extensionIdsOf(session),
    });
  }

  /** Emits telephony events to each owner extension and refreshes presence of everyone involved. */
  private publish(session: CallSession): void {
    session.sequence += 1;
    for (const extensionId of extensionIdsOf(session)) {
      this.events.emit('telephony', {
        extensionId,
        session,
        body: this.telephonyBodyFor(session, extensionId),
      });
    }
    for (const extensionId of extensionIdsOf(session)) this.refreshPresence(extensionId, false);
  }

  private refreshPresence(extensionId: string, force: boolean): void {
    const presence = this.presences.get(extensionId);
    if (!presence) return;
    const activeCalls: ActiveCall[] = [];
    const statuses: Presence['telephonyStatus'][] = [];
    for (const session of this.sessions.values()) {
      if (session.state === 'Ended') continue;
      for (const party of session.parties) {
        if (party.extensionId !== extensionId) continue;
        const status = telephonyStatusOf(party);
        if (status === 'NoCall') continue;
        statuses.push(status);
        activeCalls.push({
          id: party.id,
          direction: party.direction,
          from: party.from.phoneNumber,
          to: party.to.phoneNumber,
          startTime: new Date(party.startTime).toISOString(),
          telephonyStatus: status,
          sessionId: session.sessionId,
          telephonySessionId: session.telephonySessionId,
          partyId: party.id,
          ...(party.from.name ? { fromName: party.from.name } : {}),
          ...(party.to.name ? { toName: party.to.name } : {}),
        });
      }
    }
    const order: Presence['telephonyStatus'][] = ['CallConnected', 'Ringing', 'OnHold', 'ParkedCall'];
    const telephonyStatus = order.find((s) => statuses.includes(s)) ?? 'NoCall';
    const presenceStatus: Presence['presenceStatus'] =
      presence.userStatus === 'Offline'
        ? 'Offline'
        : presence.userStatus === 'Busy' || presence.dndStatus === 'DoNotAcceptAnyCalls' || telephonyStatus !== 'NoCall'
          ? 'Busy'
          : 'Available';
    const before = JSON.stringify([presence.telephonyStatus, presence.presenceStatus, presence.activeCalls]);
    presence.telephonyStatus = telephonyStatus;
    presence.presenceStatus = presenceStatus;
    presence.activeCalls = activeCalls;
    const after = JSON.stringify([presence.telephonyStatus, presence.presenceStatus, presence.activeCalls]);
    if (force || before !== after) {
      presence.sequence += 1;
      this.events.emit('presence', { extensionId, presence });
    }
  }

  private writeCallLog(session: CallSession): void {
    const end = session.endTime ?? this.now();
    const caller = this.callerParty(session);
    const anyExternal = session.parties.some((p) => !p.extensionId);
    const transport = anyExternal ? 'PSTN' : 'VoIP';
    const legs: CallLogLeg[] = session.parties
      .filter((p) => p.extensionId || p === caller)
      .filter((p) => p.status.reason !== 'AnsweredElsewhere')
      .map((p, index) => {
        const result = this.resultOf(session, p);
        return {
          startTime: p.startTime,
          duration: seconds(p.startTime, p.endTime ?? end),
          type: 'Voice',
          direction: p.direction,
          action: this.actionOf(session, p),
          result,
          reason: REASON_TEXT[result][0],
          from: p.from,
          to: p.to,
          legType:
            p.result === 'Voicemail'
              ? 'Voicemail'
              : p.status.reason?.includes('Transfer')
                ? 'Transfer'
                : index === 0
                  ? 'Accept'
                  : 'FollowMe',
          transport,
          telephonySessionId: session.telephonySessionId,
          partyId: p.id,
          master: index === 0,
          ...(p.extensionId ? { extensionId: p.extensionId } : {}),
        };
      });
    const lastRecording = [...session.recordings].reverse().find((r) => !r.active);
    for (const party of session.parties) {
      if (!party.extensionId || party.status.reason === 'AnsweredElsewhere') continue;
      const result = this.resultOf(session, party);
      const [reason, reasonDescription] = REASON_TEXT[result];
      const recordingInfo = lastRecording ? this.recordings.get(lastRecording.id) : undefined;
      const record: CallLogRecord = {
        id: `Y${this.randomHex(6).toUpperCase()}${this.nextCallLogId++}`,
        extensionId: party.extensionId,
        sessionId: session.sessionId,
        telephonySessionId: session.telephonySessionId,
        partyId: party.id,
        startTime: party.startTime,
        duration: seconds(party.startTime, party.endTime ?? end),
        type: 'Voice',
        direction: party.direction,
        action: this.actionOf(session, party),
        result,
        reason,
        reasonDescription,
        from: party.from,
        to: party.to,
        transport,
        legs,
        lastModifiedTime: end,
        syncSequence: ++this.syncSequence,
        deleted: false,
        ...(recordingInfo && party.answerTime
          ? { recording: { id: recordingInfo.id, type: 'OnDemand' as const, duration: recordingInfo.duration } }
          : {}),
      };
      this.callLog.push(record);
      this.events.emit('callLog', { extensionId: party.extensionId, record });
    }
  }

  private resultOf(session: CallSession, party: Party): CallResult {
    if (party.result) return party.result;
    const reason = session.endReason ?? '';
    if (party.direction === 'Inbound') return party.answerTime ? 'Accepted' : 'Missed';
    if (party.answerTime) return 'Call connected';
    if (session.parties.some((p) => p.result === 'Rejected') || /reject|busy/i.test(reason)) return 'Busy';
    if (/cancel|caller/i.test(reason)) return 'Hang Up';
    return 'No Answer';
  }

  private actionOf(session: CallSession, party: Party): CallLogRecord['action'] {
    if (session.origin === 'RingOut') return 'RingOut Web';
    if (party.status.reason?.includes('Transfer')) return 'Transfer';
    return party.direction === 'Inbound' ? 'Phone Call' : 'VoIP Call';
  }

  private storeVoicemails(session: CallSession): void {
    const end = session.endTime ?? this.now();
    const caller = this.callerParty(session);
    for (const party of session.parties) {
      if (party.result !== 'Voicemail' || !party.extensionId) continue;
      const duration = Math.max(1, seconds(party.answerTime ?? party.startTime, party.endTime ?? end));
      const id = String(9_200_000_000 + this.nextRecordingId++);
      this.recordings.set(id, {
        id,
        kind: 'VoiceMail',
        telephonySessionId: session.telephonySessionId,
        duration,
        startTime: party.answerTime ?? party.startTime,
        extensionIds: [party.extensionId],
      });
      const message = this.messages.add({
        owner: party.extensionId,
        type: 'VoiceMail',
        direction: 'Inbound',
        from: { phoneNumber: caller.from.phoneNumber, ...(caller.from.name ? { name: caller.from.name } : {}) },
        to: [{ phoneNumber: party.to.phoneNumber, ...(party.to.name ? { name: party.to.name } : {}) }],
        subject: `Voice Message from ${caller.from.name ?? caller.from.phoneNumber}`,
        messageStatus: 'Received',
        attachment: { id, type: 'AudioRecording', duration },
      });
      this.emitMessageChange(party.extensionId, [message], []);
    }
  }

  private deliverSms(
    fromNumber: string,
    fromName: string | undefined,
    toNumber: string,
    text: string,
  ): StoredMessage | undefined {
    const ext = this.directory.findExtensionByNumber(toNumber);
    const owner = ext ? ext.id : `external:${this.endpointFor(toNumber).phoneNumber}`;
    const message = this.messages.add({
      owner,
      type: 'SMS',
      direction: 'Inbound',
      from: { phoneNumber: this.endpointFor(fromNumber).phoneNumber, ...(fromName ? { name: fromName } : {}) },
      to: [{ phoneNumber: this.endpointFor(toNumber).phoneNumber, ...this.nameFor(toNumber) }],
      subject: text,
      messageStatus: 'Received',
    });
    this.emitMessageChange(owner, [message], []);
    return message;
  }

  private emitMessageChange(owner: string, added: StoredMessage[], updated: StoredMessage[]): void {
    const types = new Set([...added, ...updated].map((m) => m.type));
    const changes = [...types].map((type) => ({
      type,
      newCount: added.filter((m) => m.type === type).length,
      updatedCount: updated.filter((m) => m.type === type).length,
      newMessageIds: added.filter((m) => m.type === type).map((m) => m.id),
    }));
    const isExtension = !owner.startsWith('external:');
    this.events.emit('message', {
      owner,
      changes,
      messages: [...added, ...updated],
      ...(isExtension ? { extensionId: owner } : {}),
    });
  }

  /** A RingOut whose session ended after both legs connected reads `Finished` (its status poll then stops). */
  private finishRingOut(session: CallSession): void {
    if (session.origin !== 'RingOut') return;
    for (const ringOut of this.ringOuts.values()) {
      if (ringOut.telephonySessionId === session.telephonySessionId && ringOut.status.callStatus === 'Success')
        ringOut.status = { callStatus: 'Finished', callerStatus: 'Finished', calleeStatus: 'Finished' };
    }
  }

  private ringOutCallerAnswered(ringOut: RingOut): void {
    if (!this.ringOuts.has(ringOut.id)) return;
    const ext = this.directory.findExtensionById(ringOut.extensionId);
    if (!ext) return;
    ringOut.status = { ...ringOut.status, callerStatus: 'Success' };
    const session = this.createSession({
      from: ext.directNumber,
      to: ringOut.to,
      direction: 'Outbound',
      origin: 'RingOut',
    });
    ringOut.telephonySessionId = session.telephonySessionId;
    const own = this.callerParty(session);
    this.transition(own, 'Answered');
    own.answerTime = this.now();
    this.publish(session);
    if (!this.ringOutManual) this.schedule(() => this.ringOutCalleeStep(ringOut), this.ringOutStepMs);
  }

  private ringOutCalleeStep(ringOut: RingOut): void {
    if (!this.ringOuts.has(ringOut.id) || !ringOut.telephonySessionId) return;
    const session = this.sessions.get(ringOut.telephonySessionId);
    if (!session || session.state === 'Ended') return;
    const reachable = !!(
      this.directory.findExternalByNumber(ringOut.to) || this.directory.findExtensionByNumber(ringOut.to)
    );
    const callee = session.parties[1];
    if (reachable && callee) {
      ringOut.status = { callStatus: 'Success', callerStatus: 'Success', calleeStatus: 'Success' };
      this.partyAnswered(session.telephonySessionId, callee.id);
      this.schedule(() => {
        if (session.state !== 'Ended') this.endSession(session.telephonySessionId, 'CallerHangUp');
      }, this.ringOutMaxDurationMs);
    } else {
      const noAnswer: RingOutLegStatus = 'NoAnswer';
      ringOut.status = { callStatus: noAnswer, callerStatus: 'Success', calleeStatus: noAnswer };
      this.endSession(session.telephonySessionId, 'NoAnswer');
    }
  }
}

function extensionIdsOf(session: CallSession): string[] {
  return [...new Set(session.parties.map((p) => p.extensionId).filter((id): id is string => !!id))];
}

function telephonyStatusOf(party: Party): Presence['telephonyStatus'] {
  switch (party.status.code) {
    case 'Setup':
    case 'Proceeding':
      return party.direction === 'Inbound' ? 'Ringing' : 'CallConnected';
    case 'Answered':
    case 'VoiceMail':
      return party.status.code === 'VoiceMail' ? 'NoCall' : 'CallConnected';
    case 'Hold':
      return 'OnHold';
    case 'Parked':
      return 'ParkedCall';
    default:
      return 'NoCall';
  }
}

function seconds(from: number, to: number): number {
  return Math.max(0, Math.round((to - from) / 1000));
}

function stripEndpoint(endpoint: Endpoint): { phoneNumber: string; name?: string; extensionId?: string } {
  return {
    phoneNumber: endpoint.phoneNumber,
    ...(endpoint.name ? { name: endpoint.name } : {}),
    ...(endpoint.extensionId ? { extensionId: endpoint.extensionId } : {}),
  };
}

/** `+` and digits; a 10-digit NANP number gets `+1`. */
export function normalizeNumber(number: string): string {
  const digits = digitsOf(number);
  if (!digits) return number;
  if (digits.length === 10) return `+1${digits}`;
  return `+${digits}`;
}
