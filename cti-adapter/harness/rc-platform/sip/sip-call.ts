import { randomBytes } from 'node:crypto';
import { DeskPhoneLeg, FarEndLeg, newBranch, newCallId, newTag, WebPhoneLeg, type CallLeg } from './call-leg';
import { nextServerCSeq, type SipConnection } from './sip-connection';
import {
  createResponse,
  extractUser,
  getHeader,
  type SipHeaderList,
  type SipRequest,
  type SipResponse,
} from './sip-message';
import type { SipCallEnd, SipEndReason, SipModelPort, SipRouteTarget, SipSessionIds } from './sip-model-port';
import { buildRcAgentMessage, RcCommand, rcApiIds, type RcAgentMessage } from './rc-agent-message';
import type { Registration } from './registrar';
import { isHoldSdp, noMediaAnswer, rewriteMsid } from './sdp';
import type { CrmRouter, RouteTo } from '../routing/crm-router';
import { soundPattern, toneFrames } from '../media/pcmu';

/** What the platform's own media endpoint (IVR greetings, recordings) offers a call (`../media/media-endpoint.ts`). */
export interface PlatformMedia {
  /** Plays PCMU frames; settles when they are sent. */
  play(frames: readonly Buffer[]): Promise<void>;
  /** Receives the DTMF digits the caller sends (RFC 4733). */
  onDigit: (digit: string) => void;
  close(): Promise<void>;
}

/** Creates a platform media endpoint answering a caller's SDP offer. */
export type PlatformMediaFactory = (offer: string) => Promise<{ endpoint: PlatformMedia; answer: string }>;

/** `;`, `=`, `,` and `%` percent-encoded, so a name fits a `key=value;…` header parameter. */
function headerParam(value: string): string {
  return value.replace(/[%;=,\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `"NAME" ` for a From header (quotes and backslashes escaped, RFC 3261 quoted-string), or nothing. */
function displayName(name: string): string {
  const clean = name.replace(/[\r\n]/g, ' ').trim();
  return clean ? `"${clean.replace(/["\\]/g, (c) => `\\${c}`)}" ` : '';
}

/** What a call needs from the server that owns it. */
export interface SipCallContext {
  readonly model: SipModelPort;
  readonly domain: string;
  log(line: string): void;
  /** Live registrations of an identity key (extension id or external number). */
  registrationsOf(key: string): Registration<SipConnection>[];
  /** Routes later in-dialog requests on `leg.connection` with `leg.callId` to `call`. */
  bindLeg(leg: WebPhoneLeg, call: SipCall): void;
  unbindLeg(leg: WebPhoneLeg): void;
  /** Finds a leg by Call-Id on a connection (warm transfer `Replaces`). */
  findLeg(connection: SipConnection, callId: string): { leg: WebPhoneLeg; call: SipCall } | undefined;
  callEnded(call: SipCall): void;
  /** Ring time before an unanswered call goes to voicemail / fails, ms. */
  readonly noAnswerTimeoutMs: number;
  /** How long the voicemail system keeps a caller before hanging up, ms. */
  readonly voicemailDurationMs: number;
  /** CRM routing of DIDs and IVRs (the PBX side); without it routed calls go to their rule's default destination. */
  readonly router?: CrmRouter;
  /** The platform's media endpoint for IVR greetings and recordings; without it they are silent. */
  readonly media?: PlatformMediaFactory;
  /** IVR: how long to wait for the first digit, then between digits, ms. */
  readonly ivrFirstDigitTimeoutMs: number;
  readonly ivrDigitTimeoutMs: number;
  /** Whether the extension's simulated desk phone / RingCentral app is online (it rings with the web phones). */
  deskPhoneOnline?(extensionId: string): boolean;
  /** `RcPlatformOptions.duplicateInviteAfterMs`: what RingCentral may do (default `null`, never). */
  duplicateInviteAfterMs?: number | null;
  /** Runs `fn` in `ms` unless the SIP server closed first. */
  later?(ms: number, fn: () => void): void;
}

/**
 * Call state as the simulator's B2BUA sees it:
 *
 * ```
 *   ringing ──► answered ──► ended
 *      │  ▲         │
 *      │  └─────────┘ (blind transfer re-targets the remaining leg: ringing again)
 *      ├──► platform ──► ringing (a CRM-routed IVR sends the call on) / voicemail / ended
 *      ├──► voicemail ──► ended
 *      └──► ended (cancel, reject, no answer)
 * ```
 * `platform`: the caller is connected to the platform itself — an IVR greeting collecting DTMF, or a recording.
 */
export type SipCallState = 'ringing' | 'answered' | 'platform' | 'voicemail' | 'ended';

const callTransitions: Readonly<Record<SipCallState, readonly SipCallState[]>> = {
  ringing: ['answered', 'platform', 'voicemail', 'ended'],
  answered: ['ringing', 'ended'],
  platform: ['ringing', 'voicemail', 'ended'],
  voicemail: ['ended'],
  ended: [],
};

/**
 * One call between a caller leg and one or more forked callee legs (every registered instance of the called
 * extension, every member of a call queue, or the customer phones of an external number), or a simulated far end.
 * The telephony model is told about every step; media is relayed as SDP only (with the msid rewrite).
 */
export class SipCall {
  state: SipCallState = 'ringing';
  /** The leg that placed the call (after a blind transfer: the transferee). */
  caller: CallLeg;
  /** Caller number/name shown to callees. */
  callerEnd: SipCallEnd;
  /** Current routing target. */
  target: SipRouteTarget;
  /** Callee legs still ringing. */
  forks: WebPhoneLeg[] = [];
  /** INVITEs sent to callees' phones so far (every fork, a Call Control pickup, an offer made again). */
  invitesSent = 0;
  /** Desk phones (other devices) of the called extensions while they ring ({@link DeskPhoneLeg}). */
  deskForks: DeskPhoneLeg[] = [];
  /** Simulated far end while it rings. */
  farCallee: FarEndLeg | undefined;
  /** The callee leg that answered. */
  callee: CallLeg | undefined;
  /** Whether forks get the caller's SDP offer or a late-offer INVITE (no body). */
  private offerMode: 'offer' | 'late';
  private readonly streamId = `rcsim-${randomBytes(6).toString('hex')}`;
  /** The leg that parked the call (its BYE then leaves the other side parked). */
  private parkedBy: WebPhoneLeg | undefined;
  private noAnswerTimer: NodeJS.Timeout | undefined;
  private voicemailTimer: NodeJS.Timeout | undefined;
  /** The platform's media endpoint while the caller is connected to an IVR or a recording. */
  private media: PlatformMedia | undefined;
  /** The CRM-routed DID the call came in on (RingCentral's `inDID`/`inDIDLabel`). */
  private entryDid: { phoneNumber: string; name: string } | undefined;
  /** DTMF collection of an IVR: digits so far and what to do when done. */
  private ivr: { digits: string; timer: NodeJS.Timeout | undefined; done: (digits: string) => void } | undefined;
  private platformTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: SipCallContext,
    readonly ids: SipSessionIds,
    caller: CallLeg,
    target: SipRouteTarget,
  ) {
    this.caller = caller;
    this.callerEnd = caller.end;
    this.target = target;
    this.offerMode = caller.kind === 'webphone' ? 'offer' : 'late';
  }

  private setState(to: SipCallState): boolean {
    if (to === this.state) return true;
    if (!callTransitions[this.state].includes(to)) return false;
    this.state = to;
    return true;
  }

  private get model(): SipModelPort {
    return this.ctx.model;
  }

  /** Rings the target: forks INVITEs to its registrations, or sets up a simulated far end / voicemail. */
  route(target: SipRouteTarget): void {
    this.target = target;
    if (target.kind === 'did') {
      this.entryDid = { phoneNumber: target.phoneNumber, name: target.name };
      void this.routeByCrm(target.ruleKey, 'DID', target.phoneNumber, null);
      return;
    }
    if (target.kind === 'ivr') {
      void this.enterIvr(target);
      return;
    }
    if (target.kind === 'extension' && this.model.routingFor(target.extensionId, false) === 'voicemail') {
      // Do Not Disturb: direct callers go to voicemail without ringing.
      this.model.partyVoicemail(this.ids.telephonySessionId, target.extensionId);
      this.toVoicemail();
      return;
    }
    const extensionIds =
      target.kind === 'extension'
        ? [target.extensionId]
        : target.kind === 'queue'
          ? target.memberExtensionIds.filter(
              (id) => id !== this.caller.end.extensionId && this.model.routingFor(id, true) === 'ring',
            )
          : [];
    if (target.kind === 'external') {
      const registrations = this.ctx.registrationsOf(target.phoneNumber);
      this.model.partyRinging(this.ids.telephonySessionId, undefined);
      if (registrations.length === 0) {
        this.farCallee = new FarEndLeg({ phoneNumber: target.phoneNumber, name: target.name });
        this.farCallee.machine.transition('early');
        this.ctx.log(`call ${this.ids.telephonySessionId}: ${target.phoneNumber} rings as a simulated far end`);
        return;
      }
      for (const registration of registrations) this.fork(registration);
    } else {
      for (const extensionId of extensionIds) {
        const registrations = this.ctx.registrationsOf(extensionId);
        const deskPhone = this.ctx.deskPhoneOnline?.(extensionId) ?? false;
        if (registrations.length > 0 || deskPhone) this.model.partyRinging(this.ids.telephonySessionId, extensionId);
        for (const registration of registrations) this.fork(registration);
        if (deskPhone) this.ringDeskPhone(extensionId);
      }
    }
    if (this.forks.length === 0 && this.deskForks.length === 0) {
      this.onNoAnswer();
      return;
    }
    this.noAnswerTimer = setTimeout(() => this.onNoAnswer(), this.ctx.noAnswerTimeoutMs);
  }

  /**
   * Call Control `answer` to the agent's web phone (`POST …/parties/{partyId}/answer` `{deviceId}`): the call rings
   * there again as an INVITE with `Alert-Info: Auto Answer` and `Call-Info: …;Answer-After=0` (ringcentral-web-phone
   * recipe "Using the Call Control API", https://ringcentral.github.io/ringcentral-web-phone/recipes/call-control: "the
   * current call session will be cancelled and new incoming call with Auto Answer SIP headers will be received"). The
   * forks already ringing on that registration's identity are cancelled first. False when the call is not ringing
   * (the route checks that the party is the extension's and still `Setup`/`Proceeding`).
   */
  answerOnWebPhone(extensionId: string, registration: Registration<SipConnection>): boolean {
    if (this.state !== 'ringing' || registration.identity.extensionId !== extensionId) return false;
    this.cancelForks({ identityKey: registration.identity.key });
    this.fork(registration, [
      ['Alert-Info', 'Auto Answer'],
      ['Call-Info', `<sip:${this.ctx.domain}>;Answer-After=0`],
    ]);
    return true;
  }

  /**
   * `RcPlatformOptions.reforkRingingAfterMs` (what RingCentral may do, ADR 0028 sixth amendment): forks this call,
   * still ringing, to an agent's web phone registered after it started — when the phone's extension is the call's
   * target (or a member of the queue it rings) and the phone has no INVITE of it yet. A new Call-ID, the same telephony
   * session and party. False when nothing was sent.
   */
  reforkTo(registration: Registration<SipConnection>): boolean {
    const extensionId = registration.identity.kind === 'extension' ? registration.identity.key : undefined;
    if (this.state !== 'ringing' || !extensionId || !registration.connection.isOpen) return false;
    const target = this.target;
    const targets =
      target.kind === 'extension' ? [target.extensionId] : target.kind === 'queue' ? target.memberExtensionIds : [];
    if (!targets.includes(extensionId)) return false;
    if (this.forks.some((fork) => fork.connection === registration.connection)) return false;
    this.fork(registration);
    return true;
  }

  private fork(registration: Registration<SipConnection>, extraHeaders: SipHeaderList = [], twin = false): void {
    const identity = registration.identity;
    const callId = newCallId();
    const seq = nextServerCSeq();
    const callerUser = this.callerEnd.phoneNumber;
    const leg = new WebPhoneLeg(
      'uac',
      registration.connection,
      callId,
      { phoneNumber: identity.phoneNumber, name: identity.name, extensionId: identity.extensionId },
      identity,
      {
        localUri: `${displayName(this.callerEnd.name)}<sip:${callerUser}@${this.ctx.domain}>;tag=${newTag()}`,
        remoteUri: `<sip:${identity.username}@${this.ctx.domain}>`,
        inviteSeq: seq,
      },
      this.ctx.domain,
    );
    leg.inviteBranch = newBranch();
    const partyId = this.model.partyId(this.ids.telephonySessionId, identity.extensionId);
    const pRc = buildRcAgentMessage({
      headers: {
        SID: this.ids.sessionId,
        Req: `{${callId}}`,
        From: `#${this.ids.sessionId}@sip.ringcentral.com:5060`,
        To: `${identity.username}@sip.ringcentral.com:5060`,
        Cmd: String(RcCommand.IncomingCall),
      },
      body: {
        SrvLvl: '-149699523',
        SrvLvlExt: '406',
        Phn: this.callerEnd.phoneNumber,
        Nm: this.callerEnd.name,
        ToPhn: this.target.phoneNumber,
        ToNm: this.target.name,
        RecUrl: '',
      },
    });
    leg.rcHeaders = [
      ['p-rc-api-ids', rcApiIds(partyId, this.ids.telephonySessionId)],
      ['p-rc-api-call-info', this.callInfo()],
      ['P-rc', pRc],
    ];
    const offer = this.offerMode === 'offer' && this.caller.kind === 'webphone' ? this.caller.remoteSdp : '';
    const invite = leg.buildRequest('INVITE', {
      seq,
      branch: leg.inviteBranch,
      headers: [
        ['Contact', `<sip:${callerUser}@127.0.0.1;transport=wss>`],
        ...(offer ? ([['Content-Type', 'application/sdp']] as SipHeaderList) : []),
        ...leg.rcHeaders,
        ...extraHeaders,
      ],
      body: offer ? rewriteMsid(offer, this.streamId) : '',
    });
    this.forks.push(leg);
    this.invitesSent += 1;
    this.ctx.bindLeg(leg, this);
    registration.connection.request(invite, (response) => this.onForkResponse(leg, response));
    // What RingCentral may do (`RcPlatformOptions.duplicateInviteAfterMs`): the same offer again, another Call-ID.
    const twinAfter = this.ctx.duplicateInviteAfterMs ?? null;
    if (twinAfter !== null && !twin && extraHeaders.length === 0 && identity.kind === 'extension' && this.ctx.later) {
      this.ctx.later(twinAfter, () => {
        if (this.state === 'ringing' && this.forks.includes(leg) && registration.connection.isOpen) {
          this.ctx.log(`call ${this.ids.telephonySessionId}: offered again to ${registration.connection.id}`);
          this.fork(registration, [], true);
        }
      });
    }
  }

  private onForkResponse(leg: WebPhoneLeg, response: SipResponse): void {
    const to = getHeader(response, 'To');
    if (to) leg.remoteUri = to;
    if (response.status < 200) {
      leg.machine.tryTransition('early');
      return;
    }
    if (response.status >= 300) {
      leg.machine.tryTransition('terminated');
      this.removeFork(leg);
      if (this.state === 'ringing' && this.forks.length === 0 && this.deskForks.length === 0 && !this.farCallee)
        this.failCaller(480, 'NoAnswer');
      return;
    }
    // 200 OK
    if (this.state !== 'ringing' || !this.forks.includes(leg)) {
      // Lost the race (answered elsewhere, cancelled): confirm and release.
      leg.machine.tryTransition('confirmed');
      leg.connection.send(this.ackFor(leg, response));
      this.sendBye(leg);
      return;
    }
    leg.machine.transition('confirmed');
    leg.remoteSdp = response.body;
    this.clearNoAnswer();
    this.removeFork(leg);
    this.cancelForks({ alreadyProcessed: true });
    this.callee = leg;
    this.setState('answered');
    this.model.partyAnswered(this.ids.telephonySessionId, leg.end.extensionId);
    if (this.offerMode === 'offer') {
      leg.connection.send(this.ackFor(leg, response));
      this.answerCaller(response.body);
      return;
    }
    void this.answerFromPeer(response.body).then((answer) => {
      leg.connection.send(this.ackFor(leg, response, answer));
      if (this.caller.state !== 'confirmed') this.caller.machine.tryTransition('confirmed');
    });
  }

  private ackFor(leg: WebPhoneLeg, response: SipResponse, answer?: string): SipRequest {
    return leg.buildRequest('ACK', {
      seq: Number(/^\d+/.exec(getHeader(response, 'CSeq') ?? '')?.[0] ?? leg.inviteSeq),
      headers: answer ? [['Content-Type', 'application/sdp'], ...leg.rcHeaders] : [],
      body: answer ? rewriteMsid(answer, this.streamId) : '',
    });
  }

  /** SDP answer to a late offer from a callee, obtained from the other side of the call. */
  private answerFromPeer(offer: string): Promise<string> {
    const peer = this.caller;
    if (peer.kind === 'farend' || peer.state !== 'confirmed') return Promise.resolve(noMediaAnswer(offer));
    return new Promise((resolve) => {
      const reInvite = peer.buildRequest('INVITE', {
        headers: [['Content-Type', 'application/sdp'], ...peer.rcHeaders],
        body: rewriteMsid(offer, this.streamId),
      });
      peer.connection.request(reInvite, (response) => {
        if (response.status < 200) return;
        peer.connection.send(this.ackFor(peer, response));
        if (response.status === 200) peer.remoteSdp = response.body;
        resolve(response.status === 200 ? response.body : noMediaAnswer(offer));
      });
    });
  }

  /** Sends the caller its 200 OK (web phone) or marks the far end answered. */
  private answerCaller(answerSdp: string): void {
    const caller = this.caller;
    if (caller.kind === 'farend') {
      caller.machine.tryTransition('confirmed');
      return;
    }
    if (caller.state === 'confirmed' || !caller.invite) return;
    const localTag = /;tag=([^;\s]+)/.exec(caller.localUri)?.[1];
    caller.connection.send(
      createResponse(caller.invite, 200, {
        ...(localTag ? { toTag: localTag } : {}),
        headers: [
          ['Contact', `<sip:${this.target.phoneNumber}@127.0.0.1;transport=wss>`],
          ['Content-Type', 'application/sdp'],
          ...caller.rcHeaders,
        ],
        body: rewriteMsid(answerSdp, this.streamId),
      }),
    );
    caller.machine.transition('confirmed');
  }

  /** Ends the call from the caller's point of view with a failure (or a BYE once the caller is connected). */
  private failCaller(status: number, reason: SipEndReason): void {
    const caller = this.caller;
    if (caller.kind === 'webphone') {
      if (caller.state === 'confirmed') this.sendBye(caller);
      else if (caller.invite) {
        const localTag = /;tag=([^;\s]+)/.exec(caller.localUri)?.[1];
        caller.connection.send(createResponse(caller.invite, status, localTag ? { toTag: localTag } : {}));
        caller.machine.tryTransition('terminated');
      }
    } else caller.machine.tryTransition('terminated');
    this.end(reason);
  }

  private removeFork(leg: WebPhoneLeg): void {
    this.forks = this.forks.filter((fork) => fork !== leg);
  }

  /** CANCELs ringing forks (all, or those of one identity), optionally telling them `Cmd 7` first. */
  private cancelForks(options: { alreadyProcessed?: boolean; identityKey?: string } = {}): void {
    const cancelled = this.forks.filter((fork) => !options.identityKey || fork.identity?.key === options.identityKey);
    for (const leg of cancelled) {
      if (options.alreadyProcessed) this.sendAgentMessage(leg, RcCommand.AlreadyProcessed, {});
      leg.connection.forget(leg.callId, leg.inviteSeq);
      leg.connection.request(
        leg.buildRequest('CANCEL', {
          seq: leg.inviteSeq,
          branch: leg.inviteBranch,
          toWithoutTag: true,
          headers: options.alreadyProcessed ? [['Reason', 'SIP;cause=200;text="Call completed elsewhere"']] : [],
        }),
      );
      leg.machine.tryTransition('terminated');
      this.ctx.unbindLeg(leg);
    }
    this.forks = this.forks.filter((fork) => !cancelled.includes(fork));
    const desks = this.deskForks.filter((desk) => !options.identityKey || desk.extensionId === options.identityKey);
    for (const desk of desks) desk.machine.tryTransition('terminated');
    this.deskForks = this.deskForks.filter((desk) => !desks.includes(desk));
  }

  private sendAgentMessage(leg: WebPhoneLeg, cmd: number, body: Record<string, string>): void {
    const xml = buildRcAgentMessage({
      headers: {
        SID: this.ids.sessionId,
        Req: `{${leg.callId}}`,
        From: `#${this.ids.sessionId}@sip.ringcentral.com:5060`,
        To: `${leg.identity?.username ?? leg.remoteUser}@sip.ringcentral.com:5060`,
        Cmd: String(cmd),
      },
      body: { Cln: leg.identity?.authorizationId ?? '', ...body },
    });
    leg.connection.request(leg.buildRequest('MESSAGE', { headers: [['Content-Type', 'x-rc/agent']], body: xml }));
  }

  private sendBye(leg: CallLeg): void {
    if (leg.kind === 'webphone' && leg.state !== 'terminated') {
      leg.connection.request(leg.buildRequest('BYE'));
      this.ctx.unbindLeg(leg);
    }
    leg.machine.tryTransition('terminated');
  }

  /** The leg on the other side of `leg`, once answered. */
  peerOf(leg: CallLeg): CallLeg | undefined {
    if (leg === this.caller) return this.callee;
    if (leg === this.callee) return this.caller;
    return undefined;
  }

  private clearNoAnswer(): void {
    if (this.noAnswerTimer) clearTimeout(this.noAnswerTimer);
    this.noAnswerTimer = undefined;
  }

  private onNoAnswer(): void {
    this.clearNoAnswer();
    if (this.state !== 'ringing') return;
    this.cancelForks();
    if (this.target.kind === 'extension') {
      this.model.partyVoicemail(this.ids.telephonySessionId, this.target.extensionId);
      this.toVoicemail();
      return;
    }
    if (this.target.kind === 'queue') {
      // No member answered: the queue overflows to its voicemail (RingCentral's default call-queue overflow action),
      // and the members' rings end without "already processed" (Cmd 7): each member missed it.
      this.model.partyVoicemail(this.ids.telephonySessionId, this.target.queueId);
      this.toVoicemail();
      return;
    }
    this.failCaller(480, 'NoAnswer');
  }

  /** The voicemail system answers the caller (no media) and hangs up after `voicemailDurationMs`. */
  private toVoicemail(): void {
    if (!this.setState('voicemail')) return;
    if (this.caller.kind === 'webphone' && this.caller.state !== 'confirmed') {
      this.answerCaller(noMediaAnswer(this.caller.remoteSdp));
    }
    this.voicemailTimer = setTimeout(() => {
      this.sendBye(this.caller);
      this.end('Voicemail');
    }, this.ctx.voicemailDurationMs);
  }

  /**
   * `p-rc-api-call-info` of an INVITE to a web phone: the call attributes and, as RingCentral adds them
   * (ringcentral-web-phone 0.9 `RCHeaders`: `queueName`, `inDID`, `inDIDLabel`), the call queue the call
   * reached the agent through and the DID it came in on. Names are percent-encoded where they would break the header.
   */
  private callInfo(): string {
    const parts = ['callAttributes=reject,send-vm'];
    if (this.target.kind === 'queue') parts.push(`queueName=${headerParam(this.target.name)}`);
    if (this.entryDid)
      parts.push(`inDID=${headerParam(this.entryDid.phoneNumber)}`, `inDIDLabel=${headerParam(this.entryDid.name)}`);
    return parts.join(';');
  }

  // ---- CRM routing (DIDs and IVRs) ----

  /** Asks the CRM where the call goes (`../routing/crm-router.ts`) and sends it there. */
  private async routeByCrm(
    ruleKey: string,
    location: 'DID' | 'IVR',
    entry: string,
    dtmf: string | null,
  ): Promise<void> {
    const router = this.ctx.router;
    const rule = router?.rule(ruleKey);
    const decision: RouteTo = router
      ? (
          await router.route({
            ruleKey,
            location,
            entry,
            caller: this.callerEnd.phoneNumber,
            dtmf,
            telephonySessionId: this.ids.telephonySessionId,
          })
        ).routedTo
      : { kind: 'default', option: rule?.defaultDestination ?? '' };
    if (this.state === 'ended') return;
    await this.goTo(decision, rule?.defaultDestination ?? null);
  }

  /** Sends the call where the CRM routing decided: a queue, an IVR, a recording, the default destination or its voicemail. */
  private async goTo(decision: RouteTo, defaultDestination: string | null): Promise<void> {
    if (decision.kind === 'recording') {
      await this.playRecording(decision.option);
      return;
    }
    const option = decision.option || defaultDestination || '';
    const target = this.model.resolveTarget(option);
    if (!target || (target.kind !== 'queue' && target.kind !== 'ivr' && target.kind !== 'extension')) {
      this.ctx.log(
        `call ${this.ids.telephonySessionId}: CRM routing destination ${option} is not a queue, IVR or extension`,
      );
      this.failCaller(404, 'Failed');
      return;
    }
    this.model.routed(this.ids.telephonySessionId, target);
    if (target.kind === 'ivr') {
      // Another IVR: the caller stays on the platform's media.
      this.stopIvr();
      this.route(target);
      return;
    }
    this.leavePlatform();
    if (decision.kind === 'voicemail' && target.kind === 'extension') {
      this.target = target;
      this.model.partyVoicemail(this.ids.telephonySessionId, target.extensionId);
      this.toVoicemail();
      return;
    }
    if (decision.kind === 'voicemail') {
      this.ctx.log(
        `call ${this.ids.telephonySessionId}: the voicemail of ${target.name} is not simulated; it rings instead`,
      );
    }
    this.route(target);
  }

  /** The caller leaves the platform's media (IVR, recording) for a destination that rings. */
  private leavePlatform(): void {
    this.stopIvr();
    if (this.state === 'platform') {
      this.setState('ringing');
      // The caller's dialog is up; the destination answers with a late offer, the caller is re-INVITEd with it.
      this.offerMode = 'late';
    }
    void this.media?.close();
    this.media = undefined;
  }

  /** Connects the caller to the platform's media (answering its INVITE with the media endpoint's SDP). */
  private async connectToPlatform(): Promise<boolean> {
    if (this.state === 'platform') return true;
    if (this.state !== 'ringing') return false;
    const caller = this.caller;
    if (caller.kind === 'webphone' && caller.state !== 'confirmed' && this.ctx.media && caller.remoteSdp) {
      try {
        const { endpoint, answer } = await this.ctx.media(caller.remoteSdp);
        if (this.state !== 'ringing') {
          void endpoint.close();
          return false;
        }
        this.media = endpoint;
        this.media.onDigit = (digit) => this.onDigit(digit);
        this.answerCaller(answer);
      } catch (error) {
        this.ctx.log(`call ${this.ids.telephonySessionId}: the media endpoint failed (${String(error)}); no audio`);
        this.answerCaller(noMediaAnswer(caller.remoteSdp));
      }
    } else if (caller.kind === 'webphone' && caller.state !== 'confirmed') {
      this.answerCaller(noMediaAnswer(caller.remoteSdp));
    } else if (caller.kind === 'farend') {
      caller.machine.tryTransition('confirmed');
    }
    this.setState('platform');
    this.model.routingPointAnswered(this.ids.telephonySessionId);
    return true;
  }

  /** An IVR answers, plays its greeting, collects DTMF and routes by its CRM rule. */
  private async enterIvr(target: Extract<SipRouteTarget, { kind: 'ivr' }>): Promise<void> {
    this.stopIvr();
    if (!(await this.connectToPlatform())) return;
    this.ctx.log(`call ${this.ids.telephonySessionId}: IVR ${target.name} plays ${target.greeting}`);
    const digits = await new Promise<string>((resolve) => {
      this.ivr = { digits: '', timer: undefined, done: resolve };
      this.armIvrTimer(this.ctx.ivrFirstDigitTimeoutMs);
      void this.media?.play(toneFrames(soundPattern(target.greeting, 'greeting')));
    });
    if (this.state !== 'platform') return;
    if (!target.ruleKey) {
      this.ctx.log(`call ${this.ids.telephonySessionId}: IVR ${target.name} has no CRM routing rule; the call ends`);
      this.hangUpFromPlatform();
      return;
    }
    await this.routeByCrm(target.ruleKey, 'IVR', target.phoneNumber, digits);
  }

  /** A DTMF digit from the caller (RTP telephone-event, or the control API for simulated callers). */
  onDigit(digit: string): void {
    const ivr = this.ivr;
    if (!ivr || this.state !== 'platform') return;
    if (digit === '#') {
      this.finishIvr();
      return;
    }
    ivr.digits += digit;
    if (ivr.digits.length >= 32) this.finishIvr();
    else this.armIvrTimer(this.ctx.ivrDigitTimeoutMs);
  }

  private armIvrTimer(ms: number): void {
    if (!this.ivr) return;
    if (this.ivr.timer) clearTimeout(this.ivr.timer);
    this.ivr.timer = setTimeout(() => this.finishIvr(), ms);
  }

  private finishIvr(): void {
    const ivr = this.ivr;
    if (!ivr) return;
    this.stopIvr();
    ivr.done(ivr.digits);
  }

  private stopIvr(): void {
    if (this.ivr?.timer) clearTimeout(this.ivr.timer);
    this.ivr = undefined;
  }

  /** The platform plays a recording to the caller, then hangs up. */
  private async playRecording(name: string): Promise<void> {
    this.stopIvr();
    if (!(await this.connectToPlatform())) return;
    this.ctx.log(`call ${this.ids.telephonySessionId}: plays the recording ${name}`);
    const frames = toneFrames(soundPattern(name, 'recording'));
    if (this.media) await this.media.play(frames);
    else await new Promise<void>((resolve) => (this.platformTimer = setTimeout(resolve, frames.length * 20)));
    if (this.state === 'platform') this.hangUpFromPlatform();
  }

  private hangUpFromPlatform(): void {
    this.sendBye(this.caller);
    this.end('HangUp');
  }

  /** Control API: the simulated caller dials DTMF digits (a far end has no media to send them in). */
  farEndDtmf(digits: string): boolean {
    if (this.caller.kind !== 'farend' || this.state !== 'platform' || !this.ivr) return false;
    for (const digit of digits) this.onDigit(digit);
    return true;
  }

  // ---- events from the wire and the control API ----

  /** The caller's CANCEL (the server already has the request; this answers it and the INVITE). */
  onCallerCancel(leg: WebPhoneLeg, cancel: SipRequest): void {
    leg.connection.send(createResponse(cancel, 200));
    if (leg.state === 'confirmed') return;
    if (leg.invite) {
      const localTag = /;tag=([^;\s]+)/.exec(leg.localUri)?.[1];
      leg.connection.send(createResponse(leg.invite, 487, localTag ? { toTag: localTag } : {}));
    }
    leg.machine.tryTransition('terminated');
    this.cancelForks();
    this.farCallee?.machine.tryTransition('terminated');
    this.end(this.state === 'voicemail' ? 'Voicemail' : 'Cancelled');
  }

  /** A BYE from a connected leg. */
  onBye(leg: WebPhoneLeg): void {
    leg.machine.tryTransition('terminated');
    this.ctx.unbindLeg(leg);
    if (leg === this.parkedBy && this.state === 'answered') {
      // The web phone hangs up after a successful park; the other side stays on the call (parked) until it hangs up.
      return;
    }
    if (leg === this.caller) {
      this.cancelForks();
      if (this.callee) this.sendBye(this.callee);
      this.end(this.state === 'voicemail' ? 'Voicemail' : this.state === 'ringing' ? 'Cancelled' : 'HangUp');
      return;
    }
    if (leg === this.callee) {
      this.sendBye(this.caller);
      this.end('HangUp');
    }
  }

  /**
   * The agent declines the ringing call on its web phones (Cmd 12, or Call Control `reject` when no desk phone rings):
   * their forks are cancelled, the party is `Rejected`, and the caller gets 486 when nothing else rings. False when
   * the call is not ringing.
   */
  rejectParty(identityKey: string | undefined, extensionId: string | undefined): boolean {
    if (this.state !== 'ringing') return false;
    this.cancelForks({ identityKey });
    if (extensionId) this.model.partyRejected(this.ids.telephonySessionId, extensionId);
    if (this.forks.length === 0 && this.deskForks.length === 0) {
      this.clearNoAnswer();
      this.failCaller(486, 'Rejected');
    }
    return true;
  }

  /** An x-rc/agent MESSAGE from a ringing callee (already answered 200 by the server). */
  onAgentMessage(leg: WebPhoneLeg, message: RcAgentMessage): void {
    const cmd = Number(message.headers.Cmd);
    if (cmd === RcCommand.ClientReceiveConfirm || cmd === RcCommand.ClientStartReply) return;
    if (this.state !== 'ringing' || !this.forks.includes(leg)) return;
    const extensionId = leg.end.extensionId;
    const tsid = this.ids.telephonySessionId;
    switch (cmd) {
      case RcCommand.ClientReject: {
        this.rejectParty(leg.identity?.key, extensionId);
        return;
      }
      case RcCommand.ClientVoicemail: {
        this.clearNoAnswer();
        this.cancelForks();
        if (extensionId) this.model.partyVoicemail(tsid, extensionId);
        this.toVoicemail();
        return;
      }
      case RcCommand.ClientForward: {
        const target = this.model.resolveTarget(message.body.Phn ?? '');
        this.clearNoAnswer();
        this.cancelForks();
        if (!target) {
          this.failCaller(404, 'Failed');
          return;
        }
        this.model.transfer(tsid, extensionId, target);
        this.route(target);
        return;
      }
      case RcCommand.ClientReply: {
        this.clearNoAnswer();
        const replied = this.forks.filter((fork) => fork.identity?.key === leg.identity?.key);
        this.cancelForks({ identityKey: leg.identity?.key });
        for (const fork of replied.filter((fork) => fork === leg)) {
          this.sendAgentMessage(fork, RcCommand.SessionClose, {
            Sts: '0',
            Resp: message.body.RepTp ?? '0',
            ExtNfo: message.body.Bdy ?? '',
            Phn: this.callerEnd.phoneNumber,
            Nm: this.callerEnd.name,
          });
        }
        if (this.forks.length === 0) this.failCaller(480, 'NoAnswer');
        return;
      }
      default:
        return;
    }
  }

  /** A re-INVITE on a connected leg (hold / unhold / ICE restart): relayed to the other leg. */
  onReInvite(leg: WebPhoneLeg, request: SipRequest): void {
    leg.connection.send(createResponse(request, 100));
    leg.remoteSdp = request.body || leg.remoteSdp;
    if (request.body) this.model.partyHold(this.ids.telephonySessionId, leg.end.extensionId, isHoldSdp(request.body));
    const peer = this.peerOf(leg);
    const reply = (sdp: string): void =>
      leg.connection.send(
        createResponse(request, 200, {
          headers: [['Content-Type', 'application/sdp'], ...leg.rcHeaders],
          body: rewriteMsid(sdp, this.streamId),
        }),
      );
    if (!peer || peer.kind === 'farend' || peer.state !== 'confirmed' || !request.body) {
      reply(noMediaAnswer(request.body || leg.remoteSdp, { hold: isHoldSdp(request.body) }));
      return;
    }
    peer.connection.request(
      peer.buildRequest('INVITE', {
        headers: [['Content-Type', 'application/sdp'], ...peer.rcHeaders],
        body: rewriteMsid(request.body, this.streamId),
      }),
      (response) => {
        if (response.status < 200) return;
        peer.connection.send(this.ackFor(peer, response));
        if (response.status === 200) {
          peer.remoteSdp = response.body;
          reply(response.body);
        } else leg.connection.send(createResponse(request, response.status));
      },
    );
  }

  /** REFER from a connected leg: blind transfer, or warm transfer with `Replaces`. */
  onRefer(leg: WebPhoneLeg, request: SipRequest): void {
    const referTo = getHeader(request, 'Refer-To') ?? '';
    const notify = (fragment: string, state: string): void =>
      leg.connection.request(
        leg.buildRequest('NOTIFY', {
          headers: [
            ['Event', 'refer'],
            ['Subscription-State', state],
            ['Content-Type', 'message/sipfrag'],
          ],
          body: fragment,
        }),
      );
    const replaces = /Replaces=([^%;>]+)/.exec(referTo)?.[1];
    const peer = this.peerOf(leg);
    if (replaces) {
      const other = this.ctx.findLeg(leg.connection, decodeURIComponent(replaces));
      if (!other || !peer || other.call === this) {
        leg.connection.send(createResponse(request, 400));
        return;
      }
      leg.connection.send(createResponse(request, 202));
      setTimeout(() => {
        notify('SIP/2.0 100 Trying', 'active;expires=60');
        notify('SIP/2.0 200 OK', 'terminated;reason=noresource');
        this.completeWarmTransfer(leg, peer, other.leg, other.call);
      }, 15);
      return;
    }
    const target = this.model.resolveTarget(extractUser(referTo) ?? '');
    if (!target || !peer) {
      leg.connection.send(createResponse(request, target ? 481 : 404));
      return;
    }
    leg.connection.send(createResponse(request, 202));
    // The transferor listens for the BYE only after its REFER request settled: answer on a later task.
    setTimeout(() => this.completeBlindTransfer(leg, peer, target, notify), 15);
  }

  private completeBlindTransfer(
    leg: WebPhoneLeg,
    peer: CallLeg,
    target: SipRouteTarget,
    notify: (fragment: string, state: string) => void,
  ): void {
    if (this.state !== 'answered') return;
    notify('SIP/2.0 100 Trying', 'active;expires=60');
    notify('SIP/2.0 200 OK', 'terminated;reason=noresource');
    this.sendBye(leg);
    this.model.transfer(this.ids.telephonySessionId, leg.end.extensionId, target);
    // The transferee stays; it is now the "caller" of a call ringing the transfer target (late offer).
    this.caller = peer;
    this.callerEnd = peer.end;
    this.callee = undefined;
    this.offerMode = 'late';
    this.setState('ringing');
    this.route(target);
  }

  /**
   * Warm transfer: `transferor` (on this call with `transferee`) REFERs with Replaces naming its other dialog
   * `consult` (on `consultCall`, whose far side is the target). Both of the transferor's dialogs get BYE; the
   * transferee and the target stay, joined in this call (signalling and model only; see README).
   */
  private completeWarmTransfer(
    transferor: WebPhoneLeg,
    transferee: CallLeg,
    consult: WebPhoneLeg,
    consultCall: SipCall,
  ): void {
    const target = consultCall.peerOf(consult);
    this.sendBye(transferor);
    consultCall.sendBye(consult);
    if (!target) {
      this.sendBye(transferee);
      this.end('HangUp');
      consultCall.end('HangUp');
      return;
    }
    const targetRoute: SipRouteTarget = target.end.extensionId
      ? {
          kind: 'extension',
          extensionId: target.end.extensionId,
          phoneNumber: target.end.phoneNumber,
          name: target.end.name,
        }
      : { kind: 'external', phoneNumber: target.end.phoneNumber, name: target.end.name };
    this.model.transfer(
      this.ids.telephonySessionId,
      transferor.end.extensionId,
      targetRoute,
      consultCall.ids.telephonySessionId,
    );
    consultCall.detach(target);
    consultCall.end('Transferred');
    this.caller = transferee;
    this.callee = target;
    if (target.kind === 'webphone') this.ctx.bindLeg(target, this);
  }

  /** Removes a leg from this call without signalling (it moved to another call). */
  detach(leg: CallLeg): void {
    if (this.caller === leg) this.caller = new FarEndLeg(leg.end);
    if (this.callee === leg) this.callee = undefined;
    if (leg.kind === 'webphone') this.ctx.unbindLeg(leg);
  }

  /**
   * INFO from a connected leg: a DTMF digit (`application/dtmf-relay` `Signal=5`, or `application/dtmf` `5`; SIP
   * phones that do not send RFC 4733), or a JSON command (recording, flip, park) answered 200 by the server, with the
   * result sent as INFO.
   */
  onInfo(leg: WebPhoneLeg, request: SipRequest): void {
    const digit = infoDtmfDigit(getHeader(request, 'Content-Type'), request.body);
    if (digit !== null) {
      if (leg === this.caller) this.onDigit(digit);
      return;
    }
    let parsed: { request?: { reqid?: number; command?: string; target?: string } };
    try {
      parsed = JSON.parse(request.body) as typeof parsed;
    } catch {
      return;
    }
    const command = parsed.request?.command;
    const reqid = parsed.request?.reqid;
    if (!command || reqid === undefined) return;
    const tsid = this.ids.telephonySessionId;
    let result: Record<string, unknown> = { code: 0, description: 'Success' };
    if (command === 'startcallrecord') {
      const recordingId = this.model.recording(tsid, leg.end.extensionId, true);
      result = { code: 0, description: 'Recording started', ...(recordingId ? { recordingId } : {}) };
    } else if (command === 'stopcallrecord') {
      this.model.recording(tsid, leg.end.extensionId, false);
      result = { code: 0, description: 'Recording stopped' };
    } else if (command === 'callpark') {
      const parkExtension = this.model.park(tsid, leg.end.extensionId);
      if (parkExtension) {
        this.parkedBy = leg;
        result = { code: 0, description: 'Call parked', 'park extension': parkExtension };
      } else result = { code: 1, description: 'Call cannot be parked in its state' };
    } else if (command === 'callflip') {
      result = { code: 0, description: 'Flip accepted', target: parsed.request?.target ?? '' };
    } else result = { code: 1, description: `Unsupported command ${command}` };
    leg.connection.request(
      leg.buildRequest('INFO', {
        headers: [['Content-Type', 'application/json;charset=utf-8']],
        body: JSON.stringify({ response: { reqid, command, result } }),
      }),
    );
  }

  /**
   * Control API: the simulated far end (external callee) answers. Returns false when it is not ringing. A web phone
   * caller is answered by the platform's media endpoint when there is one, as a real callee's phone would: it hears
   * the far end and the DTMF digits it sends (RFC 4733, e.g. an extension after connect) are received and logged
   * (`far end received DTMF …`, kept in {@link SipCall.farEndDigits}); without one the call is signalling-only.
   */
  farEndAnswer(): boolean {
    const far = this.farCallee;
    if (!far || far.state === 'confirmed' || far.state === 'terminated' || this.state !== 'ringing') return false;
    far.machine.transition('confirmed');
    this.clearNoAnswer();
    this.callee = far;
    this.farCallee = undefined;
    this.setState('answered');
    this.model.partyAnswered(this.ids.telephonySessionId, undefined);
    const caller = this.caller;
    if (caller.kind === 'webphone' && this.ctx.media && caller.remoteSdp)
      void this.answerWithFarEndMedia(caller.remoteSdp);
    else if (caller.kind === 'webphone') this.answerCaller(noMediaAnswer(caller.remoteSdp));
    return true;
  }

  /** DTMF digits the simulated far end received on this call, in order. */
  readonly farEndDigits: string[] = [];

  private async answerWithFarEndMedia(offer: string): Promise<void> {
    try {
      const { endpoint, answer } = await this.ctx.media!(offer);
      if (this.state !== 'answered') {
        void endpoint.close();
        return;
      }
      this.media = endpoint;
      this.media.onDigit = (digit) => {
        this.farEndDigits.push(digit);
        this.ctx.log(`call ${this.ids.telephonySessionId}: far end received DTMF ${digit}`);
      };
      this.answerCaller(answer);
    } catch (error) {
      this.ctx.log(`call ${this.ids.telephonySessionId}: the media endpoint failed (${String(error)}); no audio`);
      if (this.state === 'answered') this.answerCaller(noMediaAnswer(offer));
    }
  }

  /** Control API: the simulated far end (caller or callee) hangs up / declines. */
  farEndHangup(): boolean {
    if (this.state === 'ended') return false;
    if (this.caller.kind === 'farend') {
      this.caller.machine.tryTransition('terminated');
      this.cancelForks();
      if (this.callee) this.sendBye(this.callee);
      this.end(this.state === 'ringing' ? 'Cancelled' : this.state === 'voicemail' ? 'Voicemail' : 'HangUp');
      return true;
    }
    if (this.farCallee) {
      this.farCallee.machine.tryTransition('terminated');
      this.farCallee = undefined;
      this.failCaller(486, 'Rejected');
      return true;
    }
    if (this.callee?.kind === 'farend') {
      this.callee.machine.tryTransition('terminated');
      this.sendBye(this.caller);
      this.end('HangUp');
      return true;
    }
    return false;
  }

  // ---- the agent's other device (desk phone / RingCentral app), from the control API and the Call Control API ----

  private ringDeskPhone(extensionId: string): void {
    if (this.deskForks.some((desk) => desk.extensionId === extensionId)) return;
    const identity = this.model.findIdentityByExtensionId(extensionId);
    const desk = new DeskPhoneLeg(
      { phoneNumber: identity?.phoneNumber ?? '', name: identity?.name ?? '', extensionId },
      extensionId,
    );
    desk.machine.transition('early');
    this.deskForks.push(desk);
    this.ctx.log(`call ${this.ids.telephonySessionId}: the desk phone of extension ${extensionId} rings`);
  }

  /** The desk phone of `extensionId` on this call: ringing, or the answered callee. */
  deskPhoneOf(extensionId: string): DeskPhoneLeg | undefined {
    if (this.callee instanceof DeskPhoneLeg && this.callee.extensionId === extensionId) return this.callee;
    return this.deskForks.find((desk) => desk.extensionId === extensionId);
  }

  /**
   * The agent picks up on the desk phone: the other devices are released (web phones get Cmd 7 + CANCEL) and the
   * caller is connected (a web phone caller gets a 200 without media). False when that desk phone is not ringing.
   */
  deskAnswer(extensionId: string): boolean {
    const desk = this.deskForks.find((leg) => leg.extensionId === extensionId);
    if (!desk || this.state !== 'ringing') return false;
    desk.machine.transition('confirmed');
    this.clearNoAnswer();
    this.deskForks = this.deskForks.filter((leg) => leg !== desk);
    this.cancelForks({ alreadyProcessed: true });
    this.callee = desk;
    this.setState('answered');
    this.model.partyAnswered(this.ids.telephonySessionId, extensionId);
    const caller = this.caller;
    this.answerCaller(caller.kind === 'webphone' ? noMediaAnswer(caller.remoteSdp) : '');
    return true;
  }

  /** Hold / unhold on the answered desk phone (party `Hold` / `Answered`). False when it is not on this call. */
  deskHold(extensionId: string, held: boolean): boolean {
    const desk = this.callee;
    if (!(desk instanceof DeskPhoneLeg) || desk.extensionId !== extensionId || this.state !== 'answered') return false;
    desk.held = held;
    this.model.partyHold(this.ids.telephonySessionId, extensionId, held);
    return true;
  }

  /** Mute / unmute of the answered desk phone (party `muted`). False when it is not on this call. */
  deskMute(extensionId: string, muted: boolean): boolean {
    const desk = this.callee;
    if (!(desk instanceof DeskPhoneLeg) || desk.extensionId !== extensionId || this.state !== 'answered') return false;
    desk.muted = muted;
    this.model.partyMuted?.(this.ids.telephonySessionId, extensionId, muted);
    return true;
  }

  /**
   * The desk phone hangs up: after answer the caller gets BYE and the call ends (`HangUp`); while it rings it declines
   * (party `Disconnected`/`CallRejected`; the caller hears busy when nothing else rings). False when not on this call.
   */
  deskHangup(extensionId: string): boolean {
    const desk = this.deskPhoneOf(extensionId);
    if (!desk || this.state === 'ended') return false;
    if (desk === this.callee) {
      desk.machine.tryTransition('terminated');
      this.sendBye(this.caller);
      this.end('HangUp');
      return true;
    }
    return this.rejectParty(extensionId, extensionId);
  }

  /**
   * Blind transfer from the answered desk phone to `dialled` (extension number or E.164): the desk party leaves
   * (`BlindTransfer`) and the caller rings the target. Returns `unknown-target` or false when not possible.
   */
  deskTransfer(extensionId: string, dialled: string): boolean | 'unknown-target' {
    const desk = this.callee;
    if (!(desk instanceof DeskPhoneLeg) || desk.extensionId !== extensionId || this.state !== 'answered') return false;
    const target = this.model.resolveTarget(dialled);
    if (!target) return 'unknown-target';
    desk.machine.tryTransition('terminated');
    this.model.transfer(this.ids.telephonySessionId, extensionId, target);
    this.callee = undefined;
    this.offerMode = 'late';
    this.setState('ringing');
    this.route(target);
    return true;
  }

  /** Ends the call once: timers off, legs unbound, model told. */
  end(reason: SipEndReason): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.clearNoAnswer();
    if (this.voicemailTimer) clearTimeout(this.voicemailTimer);
    if (this.platformTimer) clearTimeout(this.platformTimer);
    this.stopIvr();
    void this.media?.close();
    this.media = undefined;
    // After the dialog is over the platform tells an answering web phone to free its resources (x-rc/agent Cmd 2).
    const callee = this.callee;
    if (callee?.kind === 'webphone' && callee.role === 'uac' && callee.state === 'terminated') {
      this.sendAgentMessage(callee, RcCommand.ServerFreeResources, {});
    }
    for (const leg of [this.caller, this.callee, ...this.forks]) {
      if (leg?.kind === 'webphone') this.ctx.unbindLeg(leg);
    }
    this.model.endSession(this.ids.telephonySessionId, reason);
    this.ctx.callEnded(this);
  }
}

/**
 * The digit of a SIP INFO DTMF body: `application/dtmf-relay` (`Signal=5`, `Duration=160`) or `application/dtmf` (`5`);
 * null for any other INFO. `10` and `11` are `*` and `#` in some phones' dtmf-relay.
 */
export function infoDtmfDigit(contentType: string | undefined, body: string): string | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let signal: string | undefined;
  if (type === 'application/dtmf-relay') signal = /^\s*signal\s*=\s*(\S+)\s*$/im.exec(body)?.[1];
  else if (type === 'application/dtmf') signal = body.trim();
  else return null;
  if (signal === '10') return '*';
  if (signal === '11') return '#';
  return signal && /^[0-9*#A-D]$/i.test(signal) ? signal.toUpperCase() : null;
}
