import { systemClock, type Clock } from '../../core/ports/clock';
import type { DialOptions, TelephonyEventMap } from '../../core/ports/telephony-port';
import type { TypedEmitter, Unsubscribe } from '../../core/support/typed-emitter';
import { RingCentralApiError } from '../rest/ringcentral-api-error';
import type { RingCentralApi } from '../rest/ringcentral-api';
import type {
  PresenceActiveCall,
  TelephonyParty,
  TelephonySessionEvent,
} from '../subscriptions/ringcentral-event-types';
import { RingOutCalls } from '../web-phone/ring-out-calls';
import type {
  RingCentralSubscription,
  RingCentralSubscriptionEventMap,
} from '../subscriptions/ringcentral-subscription';
import { followParty, type FollowedParty, type FollowStep } from './follow-party';
import { ReasonError } from '../../core/engine/notices';

const SESSIONS = '/restapi/v1.0/account/~/telephony/sessions';
const PRESENCE = '/restapi/v1.0/account/~/extension/~/presence';
/** Ended calls remembered so a late notification does not ring them again. */
const MAX_REMEMBERED = 200;

/** One call on the agent's other device: ids, what {@link followParty} knows, the last notification's sequence. */
interface FollowedCall {
  readonly callId: string;
  readonly telephonySessionId: string;
  partyId: string;
  state: FollowedParty | null;
  sequence: number;
  /** A RingOut placed from the softphone: its answer comes from the RingOut status, its hang-up cancels the RingOut. */
  readonly ringOut?: boolean;
}

/** Collaborators of {@link OtherDeviceCalls}. @public */
export interface OtherDeviceCallsOptions {
  readonly api: RingCentralApi;
  /** Default the system clock. */
  readonly clock?: Clock | undefined;
  /** RingOut status polling period (ms). Default 1000. */
  readonly ringOutPollMs?: number | undefined;
  /** Where the port's events go (the {@link RingCentralTelephony}'s emitter). */
  readonly events: Pick<TypedEmitter<TelephonyEventMap>, 'emit'>;
  /** The page's one event subscription (its `…/extension/~/telephony/sessions` filter, and its connection state). */
  readonly subscription: Pick<RingCentralSubscription, 'on'> | null | undefined;
}

/**
 * The agent's calls on another device — the RingCentral app or a desk phone (calling device `otherDevice`, ADR 0029)
 * — followed from the telephony-session notifications of the page's subscription and reported through the
 * {@link TelephonyPort} events like web phone calls (`ringing` with `device: 'other'`, `answered`, `held`, `muted`,
 * `ended`), so the engine pops, shows and logs them by the same rules. Call id: `other-{telephonySessionId}`.
 *
 * Inbound calls of the agent's own party are followed (`origin.type` `Call`). Outbound calls are RingOuts from "My
 * phone number" ({@link OtherDeviceCalls.dial}, RingCentral API Reference "Make RingOut Call",
 * https://developers.ringcentral.com/api-reference/RingOut/createRingOutCall): the phone rings first, then the callee;
 * the RingOut status gives `dialing` → `answered` (call id `ringout-{id}`, `device: 'other'`), and once the RingOut's
 * telephony session (`origin.type` `RingOut`) names the agent's party, that party is followed and controlled like an
 * inbound one. When the subscription comes back after losing events, the active calls are read again
 * ({@link OtherDeviceCalls.reconcile}). Controls go through the Call Control API (RingCentral Developer Guide, "Active-call control",
 * https://developers.ringcentral.com/guide/voice/active-call-control; API Reference "Call Control"): hold/unhold
 * (`POST …/parties/{partyId}/hold|unhold`), mute (`PATCH …/parties/{partyId}` `{muted}`; the guide notes that a mute set
 * on the phone itself must also be lifted there), blind transfer (`POST …/transfer` `{phoneNumber | extensionNumber}`),
 * decline a ringing call (`POST …/reject`) and hang up (`DELETE …/sessions/{id}`). Answering, voicemail, keypad,
 * recording and warm transfer happen on the device: those commands reject, and the softphone hides their buttons.
 * @public
 */
export class OtherDeviceCalls {
  private readonly calls = new Map<string, FollowedCall>();
  private readonly offs: Unsubscribe[];
  /** RingOuts placed from the softphone (their status polling, cancel and `identified`), reported through here. */
  private readonly ringOuts: RingOutCalls;
  /** The subscription was lost: its next `connected` is a fresh subscription whose gap must be read again. */
  private gap = false;
  private disposed = false;

  /** @throws Error without a subscription: nothing would tell of the calls. */
  constructor(private readonly options: OtherDeviceCallsOptions) {
    const { subscription } = options;
    if (!subscription) throw new Error('No event subscription to follow the calls with');
    this.ringOuts = new RingOutCalls({
      api: options.api,
      clock: options.clock ?? systemClock,
      pollMs: options.ringOutPollMs ?? 1000,
      subscription,
      events: { emit: (type, event) => this.fromRingOut(type, event) },
    });
    this.offs = [
      subscription.on('telephony', (event) => this.onTelephony(event)),
      subscription.on('state', (state) => {
        if (state.state === 'reconnecting') this.gap = true;
        else if ((state.state === 'recovered' && state.lostEvents) || (state.state === 'connected' && this.gap)) {
          this.gap = false;
          void this.reconcile().catch((error: unknown) => console.warn('Reading the active calls again failed', error));
        } else if (state.state === 'recovered') this.gap = false;
      }),
    ];
  }

  /**
   * Places a RingOut from `options.ringOutFrom` (the agent's phone rings first): `dialing` with `device: 'other'`,
   * then the RingOut's answer and end; its party is controllable once its telephony session is known.
   * @throws Error when no number to ring first is set, or RingCentral refused the RingOut
   */
  dial(to: string, options: DialOptions): Promise<{ callId: string }> {
    return this.ringOuts.dial(to, options);
  }

  /**
   * Reads the agent's active calls again (`GET …/extension/~/presence?detailedTelephonyState=true`, then
   * `GET …/telephony/sessions/{id}` for each; RingCentral API Reference "Get User Presence Status" and "Get Call
   * Session Status", https://developers.ringcentral.com/api-reference/Call-Control/readCallSessionStatus) and applies
   * them as notifications: a call that rang, was answered, held or muted during the gap is reported; a followed call
   * that is no longer active ends (`hangup` once answered, else `missed`). Run when the subscription recovers after
   * losing events (ADR 0034).
   */
  async reconcile(): Promise<void> {
    const presence = await this.options.api.get<{ activeCalls?: PresenceActiveCall[] }>(PRESENCE, {
      detailedTelephonyState: true,
    });
    if (this.disposed) return;
    const active = new Map<string, string | undefined>();
    for (const call of presence.activeCalls ?? [])
      if (call.telephonySessionId) active.set(call.telephonySessionId, call.partyId);
    for (const call of [...this.calls.values()]) {
      if (call.state && call.state.phase !== 'ended' && !active.has(call.telephonySessionId))
        active.set(call.telephonySessionId, call.partyId);
    }
    for (const [telephonySessionId, partyId] of active) await this.readSession(telephonySessionId, partyId);
  }

  /** One session read back ({@link OtherDeviceCalls.reconcile}); 404: it is over, its followed call ends. */
  private async readSession(telephonySessionId: string, partyId: string | undefined): Promise<void> {
    let body: Omit<TelephonySessionEvent, 'telephonySessionId'> & { readonly id?: string };
    try {
      body = await this.options.api.get(`${SESSIONS}/${encodeURIComponent(telephonySessionId)}`);
    } catch (error) {
      if (!(error instanceof RingCentralApiError && error.status === 404)) throw error;
      body = { parties: [] };
    }
    if (this.disposed) return;
    const session: TelephonySessionEvent = { ...body, telephonySessionId };
    const ownParties = session.parties.filter((p) => p.id === partyId);
    const followed = [...this.calls.values()].find((c) => c.telephonySessionId === telephonySessionId);
    if (ownParties.length) this.onTelephony({ session, extensionId: null, ownParties });
    else if (followed?.state && followed.state.phase !== 'ended')
      this.follow(followed, { id: followed.partyId, status: { code: 'Gone' } }, null);
  }

  /** Whether `callId` is a live call on the other device. */
  has(callId: string): boolean {
    if (this.ringOuts.has(callId)) return true;
    const call = this.calls.get(callId);
    return !!call && !!call.state && call.state.phase !== 'ended';
  }

  /** Stops following; live calls are reported ended with `reasonOf` (sign-out, device changed). */
  dispose(reasonOf: (answered: boolean) => TelephonyEventMap['ended']['reason'] = () => 'lost'): void {
    this.disposed = true;
    for (const off of this.offs) off();
    this.ringOuts.stopPolling();
    for (const call of this.calls.values()) {
      if (call.state && call.state.phase !== 'ended')
        this.options.events.emit('ended', { callId: call.callId, reason: reasonOf(call.state.answered) });
    }
    this.calls.clear();
  }

  async hold(callId: string, held: boolean): Promise<void> {
    const call = this.live(callId);
    await this.options.api.post(`${this.partyPath(call)}/${held ? 'hold' : 'unhold'}`);
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    const call = this.live(callId);
    await this.options.api.patch(this.partyPath(call), { muted });
  }

  /** Blind transfer: an extension number (up to 6 digits) as `extensionNumber`, anything else as `phoneNumber`. */
  async transfer(callId: string, target: string): Promise<void> {
    const call = this.live(callId);
    const to = target.trim();
    const body = /^\d{1,6}$/.test(to) ? { extensionNumber: to } : { phoneNumber: to };
    await this.options.api.post(`${this.partyPath(call)}/transfer`, body);
  }

  /**
   * A ringing call is rejected (`…/reject`); an answered one is dropped (`DELETE` the session); a RingOut is cancelled
   * (`DELETE …/ring-out/{id}`, which also ends its session).
   */
  async hangup(callId: string): Promise<void> {
    if (this.ringOuts.has(callId)) return this.ringOuts.hangup(callId);
    const call = this.live(callId);
    if (call.state?.answered) await this.options.api.delete(`${SESSIONS}/${call.telephonySessionId}`);
    else await this.options.api.post(`${this.partyPath(call)}/reject`);
  }

  async decline(callId: string): Promise<void> {
    const call = this.live(callId);
    await this.options.api.post(`${this.partyPath(call)}/reject`);
  }

  private partyPath(call: FollowedCall): string {
    return `${SESSIONS}/${encodeURIComponent(call.telephonySessionId)}/parties/${encodeURIComponent(call.partyId)}`;
  }

  private live(callId: string): FollowedCall {
    const call = this.calls.get(callId);
    if (!call || !call.state || call.state.phase === 'ended') {
      if (this.ringOuts.has(callId)) throw new ReasonError('CALL_NOT_CONNECTED', 'The call is not connected yet');
      throw new Error(`Unknown or ended call ${callId}`);
    }
    return call;
  }

  /**
   * What the RingOut part reports, on its way to the port: `dialing` on the other device; `identified` starts
   * following the RingOut's party (answered: the agent picked up the phone that rang first); `ended` once only.
   */
  private fromRingOut<K extends keyof TelephonyEventMap>(type: K, event: TelephonyEventMap[K]): void {
    const events = this.options.events;
    if (type === 'dialing') {
      events.emit('dialing', { ...(event as TelephonyEventMap['dialing']), device: 'other' });
      return;
    }
    const { callId } = event as { readonly callId: string };
    const call = this.calls.get(callId);
    if (type === 'identified') {
      const ids = event as TelephonyEventMap['identified'];
      if (ids.telephonySessionId && ids.partyId && !call) {
        const state = { phase: 'connected', answered: true, muted: false } as const;
        const followed = {
          callId,
          telephonySessionId: ids.telephonySessionId,
          partyId: ids.partyId,
          state,
          sequence: -1,
        };
        this.calls.set(callId, { ...followed, ringOut: true });
      }
    } else if (type === 'ended') {
      if (call?.state?.phase === 'ended') return; // its session's end was reported already
      this.calls.delete(callId);
    }
    events.emit(type, event);
  }

  private onTelephony({ session, ownParties }: RingCentralSubscriptionEventMap['telephony']): void {
    const origin = session.origin?.type;
    if (origin === 'RingOut') {
      const call = [...this.calls.values()].find(
        (c) => c.ringOut && c.telephonySessionId === session.telephonySessionId,
      );
      const party = ownParties.find((p) => p.id === call?.partyId);
      if (call && party) this.follow(call, party, session.sequence ?? null);
      return;
    }
    if (origin && origin !== 'Call') return;
    const party = agentParty(ownParties);
    if (!party) return;
    const callId = `other-${session.telephonySessionId}`;
    let call = this.calls.get(callId);
    if (!call) {
      call = { callId, telephonySessionId: session.telephonySessionId, partyId: party.id, state: null, sequence: -1 };
      this.calls.set(callId, call);
      this.forgetOld();
    }
    this.follow(call, party, session.sequence ?? null, session.sessionId ?? null);
  }

  /** Applies the party's latest status to a followed call ({@link followParty}) and reports the steps. */
  private follow(
    call: FollowedCall,
    party: TelephonyParty,
    sequence: number | null,
    sessionId: string | null = null,
  ): void {
    const seq = sequence ?? call.sequence;
    if (seq < call.sequence) return; // an older notification arriving late
    call.sequence = seq;
    call.partyId = party.id;
    const { next, steps } = followParty(call.state, party);
    call.state = next;
    for (const step of steps) {
      // A RingOut is answered when the callee answers (its status), not when the agent's phone picks up.
      if (call.ringOut && (step.kind === 'ringing' || step.kind === 'answered')) continue;
      this.report(call, step, party, sessionId);
    }
  }

  private report(call: FollowedCall, step: FollowStep, party: TelephonyParty, sessionId: string | null): void {
    const { callId } = call;
    const events = this.options.events;
    switch (step.kind) {
      case 'ringing':
        events.emit('ringing', {
          callId,
          remoteNumber: party.from?.phoneNumber ?? '',
          remoteName: party.from?.name ?? null,
          localNumber: party.to?.phoneNumber ?? null,
          localName: party.to?.name ?? null,
          telephonySessionId: call.telephonySessionId,
          sessionId,
          partyId: party.id,
          device: 'other',
        });
        return;
      case 'answered':
        events.emit('answered', { callId });
        return;
      case 'held':
        events.emit('held', { callId, held: step.held });
        return;
      case 'muted':
        events.emit('muted', { callId, muted: step.muted });
        return;
      case 'ended':
        events.emit('ended', { callId, reason: step.reason });
        return;
    }
  }

  private forgetOld(): void {
    if (this.calls.size <= MAX_REMEMBERED) return;
    for (const [id, call] of this.calls) {
      if (this.calls.size <= MAX_REMEMBERED) return;
      if (!call.state || call.state.phase === 'ended') this.calls.delete(id);
    }
  }
}

/** The agent's inbound party of a session: the live one when several (a queue member leg after another), else the last. */
function agentParty(parties: readonly TelephonyParty[]): TelephonyParty | undefined {
  const inbound = parties.filter((p) => p.direction === 'Inbound');
  const live = inbound.filter((p) => !['Disconnected', 'Gone', 'VoiceMail'].includes(p.status.code));
  return live.at(-1) ?? inbound.at(-1);
}
