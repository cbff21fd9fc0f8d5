import type { TelephonyEventMap } from '../../core/ports/telephony-port';
import type { TypedEmitter, Unsubscribe } from '../../core/support/typed-emitter';
import { followParty, type FollowedParty } from '../other-device/follow-party';
import type { RingCentralApi } from '../rest/ringcentral-api';
import type {
  RingCentralSubscription,
  RingCentralSubscriptionEventMap,
} from '../subscriptions/ringcentral-subscription';
import type { Ringer } from './ringer';
import type { WebPhoneCalls } from './web-phone-calls';
import { ReasonError } from '../../core/engine/notices';

const PRESENCE = '/restapi/v1.0/account/~/extension/~/presence';
const SESSIONS = '/restapi/v1.0/account/~/telephony/sessions';

/** One of the agent's active calls as `GET …/presence?detailedTelephonyState=true` lists it. @public */
export interface PresenceActiveCall {
  readonly direction?: string;
  readonly telephonyStatus?: string;
  readonly telephonySessionId?: string;
  readonly sessionId?: string;
  readonly partyId?: string;
  readonly from?: string;
  readonly fromName?: string;
  readonly to?: string;
  readonly toName?: string;
}

interface OfferedCall {
  readonly callId: string;
  readonly telephonySessionId: string;
  readonly partyId: string;
  state: FollowedParty | null;
  /** Forgets this web phone's expectation of an INVITE of the call ({@link WebPhoneCalls.expectOffer}). */
  forget: () => void;
}

/** Collaborators of {@link ReofferedCalls}. @public */
export interface ReofferedCallsOptions {
  readonly api: Pick<RingCentralApi, 'get' | 'post'>;
  readonly events: Pick<TypedEmitter<TelephonyEventMap>, 'emit'>;
  /** The page's event subscription: a re-offered call that stops ringing (caller hung up, voicemail) ends here. */
  readonly subscription: Pick<RingCentralSubscription, 'on'> | null;
  readonly sipCalls: Pick<
    WebPhoneCalls,
    'hasSession' | 'expectPickup' | 'expectOffer' | 'onAdopted' | 'onCall' | 'ringing'
  >;
  readonly ringer: Pick<Ringer, 'ring' | 'settle'>;
  /** This web phone's device id (`sip-provision` `device.id`), the target of the Call Control `answer`. */
  readonly deviceId: () => string | null;
}

/**
 * Inbound calls that were already ringing for the agent when this web phone registered — typically the owner tab
 * closed or crashed while a call rang (ADR 0028): RingCentral sent that call's INVITE to the old registration and does
 * not fork it to a registration made later, so this phone never gets one. They are read from the agent's presence
 * (`GET …/extension/~/presence?detailedTelephonyState=true`, `activeCalls` with `telephonyStatus` `Ringing`; RingCentral
 * API Reference, "Get User Presence Status") and reported as `ringing` with the call id `reoffer-{telephonySessionId}`.
 *
 * Answer: Call Control `POST …/telephony/sessions/{id}/parties/{partyId}/answer` `{deviceId}` with this web phone's
 * device: RingCentral cancels the call's other offers and sends this phone a new INVITE with auto-answer headers
 * (ringcentral-web-phone recipe "Using the Call Control API",
 * https://ringcentral.github.io/ringcentral-web-phone/recipes/call-control), which {@link WebPhoneCalls} answers and
 * reports under the same call id (`answered`, then the call's own events). Decline: `POST …/reject`. A call that
 * stops ringing elsewhere (the caller hangs up, voicemail, answered on another device) ends from the telephony-session
 * notifications ({@link followParty}). Loaded as its own chunk once the web phone registers.
 *
 * One call, one offer (ADR 0028, sixth amendment): should RingCentral fork the call to this registration after all
 * (an INVITE of the same telephony session, whatever its Call-ID), the web phone carries the call on under the same
 * call id ({@link WebPhoneCalls.expectOffer}): this entry is retired without an `ended`, so the card, the screen pop
 * and the draft stay as they are; Answer and Decline then go over SIP.
 * @public
 */
export class ReofferedCalls {
  private readonly calls = new Map<string, OfferedCall>();
  private readonly off: Unsubscribe | null;

  constructor(private readonly options: ReofferedCallsOptions) {
    this.off = options.subscription?.on('telephony', (event) => this.onTelephony(event)) ?? null;
    // An INVITE of a call offered here carried it on in the web phone: this entry retires without `ended`.
    options.sipCalls.onAdopted = (callId) => {
      if (!this.calls.delete(callId)) return;
      this.settle();
    };
  }

  /** Whether `callId` is a re-offered call still ringing here. */
  has(callId: string): boolean {
    return this.calls.has(callId);
  }

  /** Reads the agent's presence and reports every inbound call ringing there that this web phone does not have. */
  async offerRinging(): Promise<void> {
    const presence = await this.options.api.get<{ activeCalls?: PresenceActiveCall[] }>(PRESENCE, {
      detailedTelephonyState: true,
    });
    for (const active of presence.activeCalls ?? []) {
      const tsid = active.telephonySessionId;
      if (active.direction !== 'Inbound' || active.telephonyStatus !== 'Ringing' || !tsid || !active.partyId) continue;
      const callId = `reoffer-${tsid}`;
      if (this.calls.has(callId) || this.options.sipCalls.hasSession(tsid)) continue;
      const call: OfferedCall = {
        callId,
        telephonySessionId: tsid,
        partyId: active.partyId,
        state: null,
        forget: () => undefined,
      };
      this.calls.set(callId, call);
      this.expectInvite(call);
      this.options.ringer.ring(this.options.sipCalls.onCall);
      this.options.events.emit('ringing', {
        callId,
        remoteNumber: active.from ?? '',
        remoteName: active.fromName ?? null,
        localNumber: active.to ?? null,
        localName: active.toName ?? null,
        telephonySessionId: tsid,
        sessionId: active.sessionId ?? null,
        partyId: active.partyId,
      });
    }
  }

  /**
   * Answers on this web phone (Call Control `answer` to its device); resolves once RingCentral accepted the request
   * (the call's `answered` follows from the web phone). @throws Error when the call is unknown, this phone has no
   * device id yet, or RingCentral refused (the call goes on ringing).
   */
  async answer(callId: string): Promise<void> {
    const call = this.require(callId);
    const deviceId = this.options.deviceId();
    if (!deviceId) throw new ReasonError('WEB_PHONE_NOT_REGISTERED', 'The web phone is not registered');
    const forget = this.options.sipCalls.expectPickup(call.telephonySessionId, callId);
    call.forget(); // an INVITE of the call from now on is the pickup's (or kept unshown until it comes)
    this.calls.delete(callId); // from now on the web phone reports the call (or it ends below)
    this.settle();
    try {
      await this.options.api.post(`${this.partyPath(call)}/answer`, { deviceId });
    } catch (error) {
      forget();
      this.calls.set(callId, call);
      this.expectInvite(call);
      throw error;
    }
  }

  /** Declines (Call Control `reject`); the call ends `declined`. */
  async decline(callId: string): Promise<void> {
    const call = this.require(callId);
    await this.options.api.post(`${this.partyPath(call)}/reject`);
    this.end(call, 'declined');
  }

  /** Forgets the calls (sign-out, the page closes): each ends `lost`. */
  dispose(): void {
    this.off?.();
    for (const call of [...this.calls.values()]) this.end(call, 'lost');
  }

  private onTelephony({ session, ownParties }: RingCentralSubscriptionEventMap['telephony']): void {
    const call = this.calls.get(`reoffer-${session.telephonySessionId}`);
    const party = ownParties.find((p) => p.id === call?.partyId);
    if (!call || !party) return;
    const { next, steps } = followParty(call.state ?? { phase: 'ringing', answered: false, muted: false }, party);
    call.state = next;
    for (const step of steps) {
      if (step.kind === 'ended') this.end(call, step.reason);
      else if (step.kind === 'answered') this.end(call, 'answered-elsewhere');
    }
  }

  /** An INVITE of the call arriving now carries it on in the web phone (then `onAdopted` retires this entry). */
  private expectInvite(call: OfferedCall): void {
    call.forget = this.options.sipCalls.expectOffer(call.telephonySessionId, call.callId);
  }

  private end(call: OfferedCall, reason: TelephonyEventMap['ended']['reason']): void {
    if (this.calls.get(call.callId) !== call) return;
    call.forget();
    this.calls.delete(call.callId);
    this.settle();
    this.options.events.emit('ended', { callId: call.callId, reason });
  }

  private settle(): void {
    const { sipCalls } = this.options;
    this.options.ringer.settle(this.calls.size > 0 || sipCalls.ringing, sipCalls.onCall);
  }

  private partyPath(call: OfferedCall): string {
    return `${SESSIONS}/${encodeURIComponent(call.telephonySessionId)}/parties/${encodeURIComponent(call.partyId)}`;
  }

  private require(callId: string): OfferedCall {
    const call = this.calls.get(callId);
    if (!call) throw new ReasonError('CALL_GONE', `Unknown or ended call ${callId}`);
    return call;
  }
}
