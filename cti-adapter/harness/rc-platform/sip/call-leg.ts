import { randomBytes } from 'node:crypto';
import type { SipConnection } from './sip-connection';
import { nextServerCSeq } from './sip-connection';
import { extractUser, type SipHeaderList, type SipRequest } from './sip-message';
import type { SipCallEnd, SipIdentity } from './sip-model-port';

/**
 * State of one call leg (one SIP dialog, or the simulated far end), with guarded transitions:
 *
 * ```
 *   calling ──► early ──► confirmed ──► terminated
 *      │          │                        ▲
 *      └──────────┴────────────────────────┘
 * ```
 * `calling`: INVITE sent/received, no dialog yet. `early`: 18x exchanged. `confirmed`: 200 OK for the INVITE.
 * `terminated`: BYE, CANCEL, a final failure, or the socket went away.
 */
export type LegState = 'calling' | 'early' | 'confirmed' | 'terminated';

const allowed: Readonly<Record<LegState, readonly LegState[]>> = {
  calling: ['early', 'confirmed', 'terminated'],
  early: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

/** Thrown on a transition the diagram above does not allow. */
export class InvalidLegTransitionError extends Error {
  override readonly name = 'InvalidLegTransitionError';
  constructor(
    readonly from: LegState,
    readonly to: LegState,
  ) {
    super(`Call leg cannot go from ${from} to ${to}`);
  }
}

/** The state machine alone (unit-tested in isolation). */
export class LegStateMachine {
  private current: LegState = 'calling';

  get state(): LegState {
    return this.current;
  }

  /** Moves to `to`; a repeated move to the current state is a no-op. @throws InvalidLegTransitionError */
  transition(to: LegState): void {
    if (to === this.current) return;
    if (!allowed[this.current].includes(to)) throw new InvalidLegTransitionError(this.current, to);
    this.current = to;
  }

  /** Like {@link transition} but returns false instead of throwing. */
  tryTransition(to: LegState): boolean {
    if (to !== this.current && !allowed[this.current].includes(to)) return false;
    this.current = to;
    return true;
  }
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** A random SIP tag. */
export const newTag = (): string => hex(5);

/** A random branch with the RFC 3261 magic cookie. */
export const newBranch = (): string => `z9hG4bK-${hex(8)}`;

/** A random Call-Id for server-originated dialogs. */
export const newCallId = (): string => `rcsim-${hex(10)}`;

/**
 * One side of a B2BUA call that is a registered web phone, i.e. one SIP dialog on one WebSocket.
 * `uas`: the phone called us (its INVITE); `uac`: we called the phone (our INVITE).
 */
export class WebPhoneLeg {
  readonly kind = 'webphone' as const;
  readonly machine = new LegStateMachine();
  /** Our `From`/`To` value (with our tag) as the phone sees it. */
  localUri: string;
  /** The phone's `From`/`To` value (with its tag once known). */
  remoteUri: string;
  /** Latest SDP the phone sent (offer or answer). */
  remoteSdp = '';
  /** CSeq number of the (authenticated) INVITE that created the dialog. */
  inviteSeq: number;
  /** Branch of our INVITE (uac), reused by CANCEL. */
  inviteBranch = '';
  /** Extra headers (p-rc-api-ids, P-rc…) repeated on re-INVITEs and late-offer ACKs. */
  rcHeaders: SipHeaderList = [];

  constructor(
    readonly role: 'uas' | 'uac',
    /** The socket of the phone; replaced when the phone comes back on a new socket (see SipServer). */
    public connection: SipConnection,
    readonly callId: string,
    readonly end: SipCallEnd,
    readonly identity: SipIdentity | undefined,
    init: { localUri: string; remoteUri: string; inviteSeq: number; invite?: SipRequest },
    private readonly domain: string,
  ) {
    this.localUri = init.localUri;
    this.remoteUri = init.remoteUri;
    this.inviteSeq = init.inviteSeq;
    this.invite = init.invite;
  }

  /** The phone's INVITE (uas legs). */
  invite: SipRequest | undefined;

  get state(): LegState {
    return this.machine.state;
  }

  /** User part of the phone's URI (`sipInfo.username`). */
  get remoteUser(): string {
    return extractUser(this.remoteUri) ?? this.identity?.username ?? 'unknown';
  }

  /** Builds an in-dialog request from the server to the phone with a fresh server CSeq. */
  buildRequest(
    method: string,
    options: { headers?: SipHeaderList; body?: string; seq?: number; branch?: string; toWithoutTag?: boolean } = {},
  ): SipRequest {
    const seq = options.seq ?? nextServerCSeq();
    const to = options.toWithoutTag ? this.remoteUri.replace(/;tag=[^;\s]+/, '') : this.remoteUri;
    return {
      kind: 'request',
      method,
      uri: `sip:${this.remoteUser}@${this.domain}`,
      headers: [
        ['Via', `SIP/2.0/WSS rc-platform.invalid;branch=${options.branch ?? newBranch()}`],
        ['From', this.localUri],
        ['To', to],
        ['Call-Id', this.callId],
        ['CSeq', `${seq} ${method}`],
        ['Max-Forwards', '70'],
        ...(options.headers ?? []),
      ],
      body: options.body ?? '',
    };
  }
}

/**
 * The simulated far end of an external number (no customer phone registered) or of a control-API inbound call.
 * It has no media; people and tests answer or hang it up through the control API's `InboundCallPort`.
 */
export class FarEndLeg {
  readonly kind = 'farend' as const;
  readonly machine = new LegStateMachine();

  constructor(readonly end: SipCallEnd) {}

  get state(): LegState {
    return this.machine.state;
  }
}

/**
 * The agent's other device: a desk phone or the RingCentral app of an extension, simulated without SIP or media
 * (RingCentral rings every device of the extension at once). People and tests answer, hold and hang it up through the
 * control API, and the softphone does through the Call Control API (RingCentral Developer Guide, "Active-call
 * control", https://developers.ringcentral.com/guide/voice/active-call-control); the model reports each step as the
 * telephony-session events of the extension's party.
 */
export class DeskPhoneLeg extends FarEndLeg {
  readonly device = 'DeskPhone' as const;
  held = false;
  muted = false;

  constructor(
    end: SipCallEnd,
    readonly extensionId: string,
  ) {
    super(end);
  }
}

export type CallLeg = WebPhoneLeg | FarEndLeg;
