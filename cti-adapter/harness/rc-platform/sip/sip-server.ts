import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { FarEndLeg, newTag, WebPhoneLeg } from './call-leg';
import { createNonce, proxyAuthenticate, verifyDigest, wwwAuthenticate } from './digest';
import { parseRcAgentMessage } from './rc-agent-message';
import { Registrar, type Registration } from './registrar';
import { SipCall, type PlatformMediaFactory, type SipCallContext } from './sip-call';
import type { DeskPhoneCommand, SipRegistrationInfo } from '../model/ports';
import type { CrmRouter } from '../routing/crm-router';
import { SipConnection } from './sip-connection';
import {
  createResponse,
  extractUser,
  getCallId,
  getCSeq,
  getHeader,
  parseSipMessage,
  type SipRequest,
} from './sip-message';
import type { SipCallEnd, SipIdentity, SipModelPort, SipRouteTarget, SipSessionIds } from './sip-model-port';
import { rcApiIds } from './rc-agent-message';

/**
 * The control API's handle on calls from/to simulated external numbers (people and tests act "as the customer").
 */
export interface InboundCallPort {
  /**
   * Places a call from an external number to an agent (extension id) or a call queue (queue id). The caller is a
   * simulated far end without media: agent web phones get a late-offer INVITE with `P-rc` caller-ID data.
   * @throws Error when the target id is unknown.
   */
  placeInboundCall(input: {
    fromNumber: string;
    callerIdName?: string;
    toExtensionId?: string;
    toQueueId?: string;
    toNumber?: string;
  }): SipSessionIds;
  /** The simulated customer answers a ringing call to its number; false when there is no such ringing call. */
  customerAnswer(telephonySessionId: string): boolean;
  /** The simulated customer hangs up (or declines) a call; false when the call is unknown or over. */
  customerHangup(telephonySessionId: string): boolean;
  /** The simulated customer dials DTMF digits at an IVR; false when the call is not at an IVR. */
  customerDtmf(telephonySessionId: string, digits: string): boolean;
}

/** Result of a desk phone command on the SIP side (see `DeskPhonePort`). */
export type DeskPhoneResult = 'ok' | 'no-call' | 'not-possible' | 'unknown-target';

export interface SipServerOptions {
  model: SipModelPort;
  log?: (line: string) => void;
  /** Registrations per identity (RingCentral: 5). */
  maxRegistrationsPerIdentity?: number;
  /** Largest REGISTER expiry granted, seconds (RingCentral: 60). */
  maxExpiresSeconds?: number;
  /** Ring time before voicemail / 480, ms (default 30 000). */
  noAnswerTimeoutMs?: number;
  /** Voicemail system hang-up delay, ms (default 20 000). */
  voicemailDurationMs?: number;
  /** CRM routing of DIDs and IVRs (the PBX side). */
  router?: CrmRouter;
  /** The platform's media endpoint for IVR greetings and recordings. */
  media?: PlatformMediaFactory;
  /** IVR: wait for the first digit (default 10 000 ms), then between digits (default 4 000 ms). */
  ivrFirstDigitTimeoutMs?: number;
  ivrDigitTimeoutMs?: number;
  /** What RingCentral may do: fork a ringing call to a web phone registered after it started (`RcPlatformOptions`). */
  reforkRingingAfterMs?: number | null;
  /** What RingCentral may do: a second INVITE of each call to a web phone (`RcPlatformOptions`). */
  duplicateInviteAfterMs?: number | null;
}

/**
 * Runs what follows a final response on a later task. The web phone sends MESSAGE/INFO/REFER with `request()` and
 * only starts listening for the consequence (CANCEL, result INFO, BYE) once that promise settled; a browser
 * dispatches every WebSocket frame as its own task, but Node's `ws` may deliver two frames in one, so the server
 * leaves a short gap, as the real platform's processing time does.
 */
function afterReply(fn: () => void): void {
  setTimeout(fn, 15);
}

export type { SipRegistrationInfo } from '../model/ports';

/**
 * SIP over secure WebSocket as `ringcentral-web-phone` 2.5.4 speaks it (subprotocol `sip`, path `/sip` on the
 * simulator's HTTPS server): digest REGISTER with the 5-instance limit, a B2BUA for calls between registered web
 * phones, call queues and simulated external numbers, and the RingCentral call-control extensions (`P-rc`,
 * `p-rc-api-ids`, `x-rc/agent` MESSAGE, JSON INFO). Every call step is reported to the telephony model.
 *
 * Wiring (done by `startRcPlatform`): `httpsServer.on('upgrade', (req, socket, head) => { if (path === '/sip')
 * sipServer.handleUpgrade(req, socket, head) })`, and `sipServer.inboundCallPort` handed to the control API.
 */
export class SipServer {
  readonly inboundCallPort: InboundCallPort;
  private readonly wss: WebSocketServer;
  private readonly model: SipModelPort;
  private readonly log: (line: string) => void;
  private readonly registrar: Registrar<SipConnection>;
  private readonly nonces = new Set<string>();
  private readonly connections = new Set<SipConnection>();
  private readonly legs = new Map<SipConnection, Map<string, { leg: WebPhoneLeg; call: SipCall }>>();
  private readonly calls = new Map<string, SipCall>();
  /** Connected legs whose socket dropped, by Call-Id, until the same identity uses the dialog on a new socket. */
  private readonly orphans = new Map<string, { leg: WebPhoneLeg; call: SipCall }>();
  private readonly callContext: SipCallContext & { duplicateInviteAfterMs: number | null };
  /** Extension ids whose simulated desk phone / RingCentral app is online. */
  private readonly deskPhones = new Set<string>();
  private connectionCount = 0;
  private reforkRingingAfterMs: number | null;
  /** Timers of the options above, cleared at close. */
  private readonly quirkTimers = new Set<NodeJS.Timeout>();

  constructor(options: SipServerOptions) {
    this.model = options.model;
    this.log = options.log ?? (() => undefined);
    this.reforkRingingAfterMs = options.reforkRingingAfterMs ?? null;
    this.registrar = new Registrar({
      ...(options.maxRegistrationsPerIdentity !== undefined
        ? { maxPerIdentity: options.maxRegistrationsPerIdentity }
        : {}),
      ...(options.maxExpiresSeconds !== undefined ? { maxExpiresSeconds: options.maxExpiresSeconds } : {}),
    });
    this.wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    });
    this.wss.on('connection', (socket: WebSocket) => this.onConnection(socket));
    this.callContext = {
      model: this.model,
      domain: this.model.domain,
      log: this.log,
      noAnswerTimeoutMs: options.noAnswerTimeoutMs ?? 30_000,
      voicemailDurationMs: options.voicemailDurationMs ?? 20_000,
      ...(options.router ? { router: options.router } : {}),
      ...(options.media ? { media: options.media } : {}),
      ivrFirstDigitTimeoutMs: options.ivrFirstDigitTimeoutMs ?? 10_000,
      ivrDigitTimeoutMs: options.ivrDigitTimeoutMs ?? 4_000,
      duplicateInviteAfterMs: options.duplicateInviteAfterMs ?? null,
      later: (ms, fn) => this.later(ms, fn),
      registrationsOf: (key) => this.registrar.lookup(key).filter((r) => r.connection.isOpen),
      bindLeg: (leg, call) => {
        const map = this.legs.get(leg.connection) ?? new Map<string, { leg: WebPhoneLeg; call: SipCall }>();
        map.set(leg.callId, { leg, call });
        this.legs.set(leg.connection, map);
      },
      unbindLeg: (leg) => {
        this.legs.get(leg.connection)?.delete(leg.callId);
        if (this.orphans.get(leg.callId)?.leg === leg) this.orphans.delete(leg.callId);
      },
      findLeg: (connection, callId) => this.legs.get(connection)?.get(callId),
      callEnded: (call) => {
        this.calls.delete(call.ids.telephonySessionId);
      },
      deskPhoneOnline: (extensionId) => this.deskPhones.has(extensionId),
    };
    this.inboundCallPort = {
      placeInboundCall: (input) => this.placeInboundCall(input),
      customerAnswer: (tsid) => this.calls.get(tsid)?.farEndAnswer() ?? false,
      customerHangup: (tsid) => this.calls.get(tsid)?.farEndHangup() ?? false,
      customerDtmf: (tsid, digits) => this.calls.get(tsid)?.farEndDtmf(digits) ?? false,
    };
  }

  /** Plugs an extension's simulated desk phone in or out (a ringing desk phone unplugged stops ringing). */
  setDeskPhone(extensionId: string, online: boolean): void {
    if (online) this.deskPhones.add(extensionId);
    else this.deskPhones.delete(extensionId);
  }

  /** Extension ids whose desk phone is online. */
  deskPhonesOnline(): string[] {
    return [...this.deskPhones];
  }

  /** Whether `extensionId` can take a call now: a registered web phone or an online desk phone. */
  reachable(extensionId: string): boolean {
    return this.deskPhones.has(extensionId) || this.registrar.lookup(extensionId).some((r) => r.connection.isOpen);
  }

  /** A desk phone command (answer, hold, mute, hang up, transfer) on the call `telephonySessionId`. */
  deskPhoneCommand(telephonySessionId: string, extensionId: string, command: DeskPhoneCommand): DeskPhoneResult {
    const call = this.calls.get(telephonySessionId);
    if (!call) return 'no-call';
    let done: boolean | 'unknown-target';
    switch (command.kind) {
      case 'answer':
        done = call.deskAnswer(extensionId);
        break;
      case 'hold':
        done = call.deskHold(extensionId, command.held);
        break;
      case 'mute':
        done = call.deskMute(extensionId, command.muted);
        break;
      case 'hangup':
        done = call.deskHangup(extensionId);
        break;
      case 'transfer':
        done = call.deskTransfer(extensionId, command.to);
        break;
    }
    return done === true ? 'ok' : done === 'unknown-target' ? 'unknown-target' : 'not-possible';
  }

  /**
   * Call Control on the agent's web phone party of a ringing call: `answer` with the web phone's `deviceId` rings the
   * call again, auto-answer, on the extension's most recent live registration ({@link SipCall.answerOnWebPhone});
   * `reject` declines it on the web phones ({@link SipCall.rejectParty}).
   */
  webPhoneCommand(
    telephonySessionId: string,
    extensionId: string,
    command: 'answer' | 'reject',
  ): 'ok' | 'no-call' | 'not-registered' | 'not-possible' {
    const call = this.calls.get(telephonySessionId);
    if (!call) return 'no-call';
    if (command === 'reject') return call.rejectParty(extensionId, extensionId) ? 'ok' : 'not-possible';
    const registration = this.registrar
      .lookup(extensionId)
      .filter((r) => r.connection.isOpen)
      .at(-1);
    if (!registration) return 'not-registered';
    return call.answerOnWebPhone(extensionId, registration) ? 'ok' : 'not-possible';
  }

  /** Completes a WebSocket upgrade for the SIP endpoint (only `Sec-WebSocket-Protocol: sip` is accepted). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
  }

  /** Live registrations. */
  registrations(): SipRegistrationInfo[] {
    return this.registrar.all().map((r: Registration<SipConnection>) => ({
      identityKey: r.identity.key,
      kind: r.identity.kind,
      username: r.identity.username,
      instanceId: r.instanceId,
      connectionId: r.connection.id,
      registeredAt: new Date(r.registeredAt).toISOString(),
      refreshedAt: new Date(r.refreshedAt).toISOString(),
      registers: r.registers,
      expiresAt: new Date(r.expiresAt).toISOString(),
    }));
  }

  /**
   * Telephony session ids of calls the SIP side is handling; how many INVITEs each sent to callees' phones, and how
   * many of its offers a phone answered 180 Ringing (the phone has handled that INVITE).
   */
  activeCalls(): {
    telephonySessionId: string;
    state: string;
    from: string;
    to: string;
    invites: number;
    offersRinging: number;
  }[] {
    return [...this.calls.values()].map((call) => ({
      telephonySessionId: call.ids.telephonySessionId,
      state: call.state,
      from: call.callerEnd.phoneNumber,
      to: call.target.phoneNumber,
      invites: call.invitesSent,
      offersRinging: call.forks.filter((fork) => fork.state === 'early').length,
    }));
  }

  /**
   * Changes what RingCentral may do with INVITEs (`RcPlatformOptions.reforkRingingAfterMs`, `duplicateInviteAfterMs`;
   * ADR 0028, sixth amendment) while running — for a test that needs it while others share the simulator. A field
   * left out keeps its value; `null` turns it off.
   */
  setInviteQuirks(quirks: { reforkRingingAfterMs?: number | null; duplicateInviteAfterMs?: number | null }): void {
    if (quirks.reforkRingingAfterMs !== undefined) this.reforkRingingAfterMs = quirks.reforkRingingAfterMs;
    if (quirks.duplicateInviteAfterMs !== undefined)
      this.callContext.duplicateInviteAfterMs = quirks.duplicateInviteAfterMs;
  }

  /**
   * Fault injection: abruptly drops up to `count` SIP sockets (all, or those of one identity key). The web phone
   * 2.5.4 does not reconnect by itself; calls in progress stay up in the model, as media would on the platform.
   * @returns how many sockets were dropped.
   */
  dropSockets(identityKey?: string, count = Number.POSITIVE_INFINITY): number {
    let dropped = 0;
    for (const connection of [...this.connections]) {
      if (dropped >= count) break;
      if (identityKey && connection.identity?.key !== identityKey) continue;
      connection.terminate();
      dropped += 1;
    }
    return dropped;
  }

  /** Closes every socket and ends every call. */
  async close(): Promise<void> {
    for (const timer of this.quirkTimers) clearTimeout(timer);
    this.quirkTimers.clear();
    for (const call of [...this.calls.values()]) call.end('Failed');
    for (const connection of this.connections) connection.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket): void {
    this.connectionCount += 1;
    const connection = new SipConnection(socket, { id: `ws${this.connectionCount}`, log: this.log });
    this.connections.add(connection);
    socket.on('message', (data) => {
      try {
        this.onText(connection, data.toString());
      } catch (error) {
        this.log(`sip: error handling message on ${connection.id}: ${String(error)}`);
      }
    });
    socket.on('close', () => {
      this.connections.delete(connection);
      this.registrar.dropConnection(connection);
      const legs = this.legs.get(connection);
      this.legs.delete(connection);
      // Ringing forks on a dead socket can never answer: treat them as gone. Connected calls stay up (media does
      // not depend on the signalling socket); their dialogs can be used again from a new socket of the same phone.
      for (const entry of legs?.values() ?? []) {
        const { leg, call } = entry;
        if (call.forks.includes(leg)) call.forks = call.forks.filter((fork) => fork !== leg);
        else if (leg.state !== 'terminated') this.orphans.set(leg.callId, entry);
      }
    });
  }

  private onText(connection: SipConnection, text: string): void {
    const message = parseSipMessage(text);
    if (message.kind === 'response') {
      connection.handleResponse(message);
      return;
    }
    this.log(`← ${connection.id} ${message.method} ${getCallId(message) ?? ''}`);
    const callId = getCallId(message) ?? '';
    const bound = this.legs.get(connection)?.get(callId) ?? this.adoptOrphan(connection, callId);
    switch (message.method) {
      case 'REGISTER':
        this.onRegister(connection, message);
        return;
      case 'INVITE':
        if (bound) {
          if (bound.leg.state === 'confirmed') bound.call.onReInvite(bound.leg, message);
          else connection.send(createResponse(message, 491, { reason: 'Request Pending' }));
        } else this.onInvite(connection, message);
        return;
      case 'ACK':
        return;
      case 'BYE':
        connection.send(createResponse(message, bound ? 200 : 481));
        if (bound) bound.call.onBye(bound.leg);
        return;
      case 'CANCEL':
        if (bound) bound.call.onCallerCancel(bound.leg, message);
        else connection.send(createResponse(message, 481));
        return;
      case 'MESSAGE': {
        connection.send(createResponse(message, 200));
        const rc = parseRcAgentMessage(message.body);
        if (bound && rc) afterReply(() => bound.call.onAgentMessage(bound.leg, rc));
        return;
      }
      case 'INFO':
        connection.send(createResponse(message, bound ? 200 : 481));
        if (bound) afterReply(() => bound.call.onInfo(bound.leg, message));
        return;
      case 'REFER':
        if (bound && bound.leg.state === 'confirmed') bound.call.onRefer(bound.leg, message);
        else connection.send(createResponse(message, 481));
        return;
      case 'OPTIONS':
      case 'NOTIFY':
      case 'UPDATE':
        connection.send(createResponse(message, 200));
        return;
      default:
        connection.send(createResponse(message, 501));
    }
  }

  /** Re-attaches a dialog whose socket dropped to the phone's new socket (same registered identity). */
  private adoptOrphan(connection: SipConnection, callId: string): { leg: WebPhoneLeg; call: SipCall } | undefined {
    const orphan = this.orphans.get(callId);
    if (!orphan || !connection.identity || orphan.leg.identity?.key !== connection.identity.key) return undefined;
    this.orphans.delete(callId);
    orphan.leg.connection = connection;
    this.callContext.bindLeg(orphan.leg, orphan.call);
    this.log(`sip: dialog ${callId} moved to ${connection.id}`);
    return orphan;
  }

  private issueNonce(): string {
    const nonce = createNonce();
    this.nonces.add(nonce);
    if (this.nonces.size > 10_000) this.nonces.delete(this.nonces.values().next().value as string);
    return nonce;
  }

  private onRegister(connection: SipConnection, request: SipRequest): void {
    const authorization = getHeader(request, 'Authorization');
    if (!authorization) {
      connection.send(
        createResponse(request, 401, {
          toTag: newTag(),
          headers: [['Www-Authenticate', wwwAuthenticate(this.model.domain, this.issueNonce())]],
        }),
      );
      return;
    }
    const username = /username="([^"]+)"/.exec(authorization)?.[1] ?? '';
    const identity = this.model.findIdentityByAuthorizationId(username);
    const valid =
      identity !== undefined &&
      verifyDigest(authorization, {
        authorizationId: identity.authorizationId,
        password: identity.password,
        method: 'REGISTER',
        isIssuedNonce: (nonce) => this.nonces.has(nonce),
      });
    if (!identity || !valid) {
      connection.send(createResponse(request, 403, { toTag: newTag() }));
      return;
    }
    const contact = getHeader(request, 'Contact') ?? `<sip:${identity.username}@invalid>`;
    const instanceId = /\+sip\.instance="<urn:uuid:([^>]+)>"/.exec(contact)?.[1] ?? contact;
    const requested = Number(/;expires=(\d+)/.exec(contact)?.[1] ?? getHeader(request, 'Expires') ?? 60);
    const outcome = this.registrar.register(identity, instanceId, connection, requested);
    if (!outcome.ok) {
      this.log(`sip: ${identity.username} refused: ${outcome.status} ${outcome.reason}`);
      connection.send(createResponse(request, outcome.status, { toTag: newTag(), reason: outcome.reason }));
      return;
    }
    // A phone's first REGISTER on this socket (a new registration, or the same phone again after its socket dropped).
    const fresh = outcome.grantedExpires > 0 && connection.identity === undefined;
    if (outcome.grantedExpires > 0) connection.identity = identity;
    const contactUri = contact.replace(/;expires=\d+/, '');
    connection.send(
      createResponse(request, 200, {
        toTag: newTag(),
        headers: [['Contact', `${contactUri};expires=${outcome.grantedExpires}`]],
      }),
    );
    const delay = this.reforkRingingAfterMs;
    if (fresh && delay !== null) {
      const registration = outcome.registration;
      this.later(delay, () => {
        for (const call of [...this.calls.values()]) {
          if (call.reforkTo(registration))
            this.log(`call ${call.ids.telephonySessionId}: forked again to ${connection.id}`);
        }
      });
    }
  }

  /** Runs `fn` in `ms` unless the server closed first (the "what RingCentral may do" options). */
  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.quirkTimers.delete(timer);
      fn();
    }, ms);
    this.quirkTimers.add(timer);
  }

  private onInvite(connection: SipConnection, request: SipRequest): void {
    const identity = connection.identity;
    const cseq = getCSeq(request);
    const callId = getCallId(request);
    if (!identity || !cseq || !callId) {
      connection.send(createResponse(request, 403, { toTag: newTag() }));
      return;
    }
    connection.send(createResponse(request, 100));
    const authorization = getHeader(request, 'Proxy-Authorization');
    if (!authorization) {
      connection.send(
        createResponse(request, 407, {
          toTag: newTag(),
          headers: [['Proxy-Authenticate', proxyAuthenticate(this.model.domain, this.issueNonce())]],
        }),
      );
      return;
    }
    const valid = verifyDigest(authorization, {
      authorizationId: identity.authorizationId,
      password: identity.password,
      method: 'INVITE',
      isIssuedNonce: (nonce) => this.nonces.has(nonce),
    });
    if (!valid) {
      connection.send(createResponse(request, 403, { toTag: newTag() }));
      return;
    }
    const toTag = newTag();
    const dialled = extractUser(request.uri) ?? '';
    const target = this.model.resolveTarget(dialled);
    const callerEnd = this.callerEndOf(identity, request);
    // The web phone needs an 18x before any final response (otherwise `call()` never settles), and the final
    // response must come on a later task than the 183 (it listens for it only after its `request()` settled).
    const refuse = (status: number): void => {
      connection.send(createResponse(request, 183, { toTag }));
      setTimeout(() => connection.send(createResponse(request, status, { toTag })), 20);
    };
    if (!target) {
      refuse(404);
      return;
    }
    if (identity.kind === 'external' && target.kind === 'external') {
      // A customer phone calling another outside number never reaches the account.
      refuse(403);
      return;
    }
    let ids: SipSessionIds;
    try {
      ids = this.model.createSession({
        from: callerEnd,
        to: this.endOf(target),
        direction: identity.kind === 'external' ? 'Inbound' : 'Outbound',
        ...(target.kind === 'queue' ? { queueId: target.queueId } : {}),
      });
    } catch (error) {
      this.log(`sip: model refused the call: ${error instanceof Error ? error.message : String(error)}`);
      refuse(500);
      return;
    }
    const to = getHeader(request, 'To') ?? `<sip:${dialled}@${this.model.domain}>`;
    const leg = new WebPhoneLeg(
      'uas',
      connection,
      callId,
      callerEnd,
      identity,
      {
        localUri: `${to};tag=${toTag}`,
        remoteUri: getHeader(request, 'From') ?? '',
        inviteSeq: cseq.seq,
        invite: request,
      },
      this.model.domain,
    );
    leg.remoteSdp = request.body;
    leg.rcHeaders = [
      [
        'p-rc-api-ids',
        rcApiIds(this.model.partyId(ids.telephonySessionId, callerEnd.extensionId), ids.telephonySessionId),
      ],
    ];
    const call = new SipCall(this.callContext, ids, leg, target);
    this.calls.set(ids.telephonySessionId, call);
    this.callContext.bindLeg(leg, call);
    connection.send(createResponse(request, 183, { toTag, headers: leg.rcHeaders }));
    leg.machine.transition('early');
    // Route on a later tick: routing may answer at once (voicemail when nobody is registered), and the client only
    // listens for the final response after it has handled the 183.
    setTimeout(() => {
      if (call.state === 'ringing') call.route(target);
    }, 20);
  }

  private callerEndOf(identity: SipIdentity, request: SipRequest): SipCallEnd {
    if (identity.kind === 'external') return { phoneNumber: identity.phoneNumber, name: identity.name };
    const asserted = extractUser(getHeader(request, 'P-Asserted-Identity') ?? '');
    return {
      phoneNumber: asserted && asserted.startsWith('+') ? asserted : identity.phoneNumber,
      name: identity.name,
      ...(identity.extensionId ? { extensionId: identity.extensionId } : {}),
    };
  }

  private endOf(target: SipRouteTarget): SipCallEnd {
    return {
      phoneNumber: target.phoneNumber,
      name: target.name,
      ...(target.kind === 'extension' ? { extensionId: target.extensionId } : {}),
    };
  }

  private placeInboundCall(input: {
    fromNumber: string;
    callerIdName?: string;
    toExtensionId?: string;
    toQueueId?: string;
    toNumber?: string;
  }): SipSessionIds {
    const targetId = input.toExtensionId ?? input.toQueueId;
    const target = input.toNumber
      ? this.model.resolveTarget(input.toNumber)
      : targetId
        ? this.model.targetById(targetId)
        : undefined;
    if (!target || target.kind === 'external')
      throw new Error(`Unknown extension, queue or number: ${String(targetId ?? input.toNumber)}`);
    const known = this.model.findIdentityByExternalNumber(input.fromNumber);
    const callerEnd: SipCallEnd = {
      phoneNumber: input.fromNumber,
      name: input.callerIdName ?? known?.name ?? 'WIRELESS CALLER',
    };
    const ids = this.model.createSession({
      from: callerEnd,
      to: this.endOf(target),
      direction: 'Inbound',
      ...(target.kind === 'queue' ? { queueId: target.queueId } : {}),
    });
    const caller = new FarEndLeg(callerEnd);
    caller.machine.transition('early');
    const call = new SipCall(this.callContext, ids, caller, target);
    this.calls.set(ids.telephonySessionId, call);
    call.route(target);
    return ids;
  }
}
