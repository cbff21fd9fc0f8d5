import { TypedEmitter, type Unsubscribe } from '../support/typed-emitter';
import type { Clock } from '../ports/clock';
import { CallTransitionError } from './call-transition-error';
import type { CallEvent } from './call-event';
import type { CallSnapshot } from './call-snapshot';
import type { CallDirection, CallState, RecordingState } from './call-state';

/**
 * Allowed transitions: `event type → states it may fire from → resulting state`.
 * The single source of truth for the diagram in {@link CallState} (and for the agent commands that ask for a
 * transition, `call-commands.ts`).
 * @public
 */
export const CALL_TRANSITIONS: Readonly<Record<CallEvent['type'], { from: readonly CallState[]; to: CallState }>> = {
  answer: { from: ['ringing', 'dialing'], to: 'connected' },
  hold: { from: ['connected'], to: 'held' },
  resume: { from: ['held'], to: 'connected' },
  end: { from: ['ringing', 'dialing', 'connected', 'held'], to: 'ended' },
};

/** Events of a {@link Call}. @public */
export interface CallEventMap {
  /** After every accepted transition; `snapshot` is the new state. */
  stateChanged: { readonly from: CallState; readonly to: CallState; readonly snapshot: CallSnapshot };
  /** After any other change (mute, recording, ids, names). */
  updated: { readonly snapshot: CallSnapshot };
}

/** What a new call needs. @public */
export interface CallInit {
  readonly callId: string;
  readonly direction: CallDirection;
  readonly remoteNumber: string;
  readonly remoteName?: string | null;
  readonly localNumber?: string | null;
  readonly localName?: string | null;
  /** The call queue an inbound call came through. */
  readonly queueName?: string | null;
  readonly telephonySessionId?: string | null;
  readonly sessionId?: string | null;
  readonly partyId?: string | null;
  /**
   * `ringout`: an outbound RingOut call (the agent talks on the phone that rang first); `other`: a call on the agent's
   * RingCentral app or desk phone, followed by the softphone; absent: the web phone.
   */
  readonly device?: 'ringout' | 'other';
}

/** Mutable facts that do not change the state. @public */
export type CallFacts = Partial<
  Pick<
    CallSnapshot,
    | 'telephonySessionId'
    | 'sessionId'
    | 'partyId'
    | 'remoteName'
    | 'localNumber'
    | 'localName'
    | 'muted'
    | 'recording'
    | 'recordingUrl'
    | 'recordingId'
    | 'transferTarget'
    | 'remoteRinging'
  >
>;

/**
 * One call: an explicit state machine (see the diagram on {@link CallState}) with guarded transitions.
 * Inbound calls start `ringing`, outbound calls `dialing`. Timestamps come from the injected {@link Clock}.
 *
 * @example
 * ```ts
 * const call = new Call({ callId: 'c1', direction: 'inbound', remoteNumber: '+16505550101' }, { clock });
 * call.transition({ type: 'answer' });
 * call.transition({ type: 'end', reason: 'hangup' });
 * ```
 * @public
 */
export class Call {
  private snap: CallSnapshot;
  private readonly clock: Clock;
  private readonly emitter = new TypedEmitter<CallEventMap>();

  constructor(init: CallInit, options: { clock: Clock; startedAt?: number }) {
    this.clock = options.clock;
    this.snap = Object.freeze({
      callId: init.callId,
      telephonySessionId: init.telephonySessionId ?? null,
      sessionId: init.sessionId ?? null,
      partyId: init.partyId ?? null,
      direction: init.direction,
      state: init.direction === 'inbound' ? 'ringing' : 'dialing',
      remoteNumber: init.remoteNumber,
      remoteName: init.remoteName ?? null,
      localNumber: init.localNumber ?? null,
      localName: init.localName ?? null,
      queueName: init.queueName ?? null,
      muted: false,
      recording: 'off' as RecordingState,
      recordingUrl: null,
      recordingId: null,
      startedAt: options.startedAt ?? this.clock.now(),
      answeredAt: null,
      endedAt: null,
      endReason: null,
      transferTarget: null,
      ...(init.device ? { device: init.device } : {}),
    });
  }

  /** Rebuilds a call from a persisted snapshot (e.g. after a reload). */
  static restore(snapshot: CallSnapshot, options: { clock: Clock }): Call {
    const call = new Call(snapshot, { clock: options.clock, startedAt: snapshot.startedAt });
    // Snapshots persisted before a field existed lack it: `queueName` (no queue known) defaults to null.
    call.snap = Object.freeze({ ...snapshot, queueName: snapshot.queueName ?? null });
    return call;
  }

  get callId(): string {
    return this.snap.callId;
  }

  get state(): CallState {
    return this.snap.state;
  }

  get snapshot(): CallSnapshot {
    return this.snap;
  }

  /** `true` while the call is not ended. */
  get isLive(): boolean {
    return this.snap.state !== 'ended';
  }

  /** Returns whether `event` is allowed now (same guard as {@link Call.transition}). */
  can(event: CallEvent['type']): boolean {
    return CALL_TRANSITIONS[event].from.includes(this.snap.state);
  }

  /**
   * Applies an event. Sets `answeredAt` on answer, `endedAt`/`endReason` on end; unmutes and clears a pending
   * transfer target at the end.
   * @throws {@link CallTransitionError} when the event is not allowed in the current state (nothing changes).
   */
  transition(event: CallEvent): CallSnapshot {
    const rule = CALL_TRANSITIONS[event.type];
    const from = this.snap.state;
    if (!rule.from.includes(from)) throw new CallTransitionError(this.snap.callId, from, event.type);
    const now = this.clock.now();
    const next: { -readonly [K in keyof CallSnapshot]: CallSnapshot[K] } = { ...this.snap, state: rule.to };
    if (event.type === 'answer') next.answeredAt = now;
    if (event.type === 'end') {
      next.endedAt = now;
      next.endReason = event.reason;
      next.transferTarget = null;
      if (next.recording !== 'off') next.recording = 'off';
    }
    this.snap = Object.freeze(next);
    this.emitter.emit('stateChanged', { from, to: rule.to, snapshot: this.snap });
    return this.snap;
  }

  /** Updates facts that do not change the state (ids, names, mute, recording). No-op when nothing changes. */
  update(facts: CallFacts): CallSnapshot {
    const entries = Object.entries(facts).filter(
      ([key, value]) => value !== undefined && this.snap[key as keyof CallSnapshot] !== value,
    );
    if (entries.length === 0) return this.snap;
    this.snap = Object.freeze({ ...this.snap, ...Object.fromEntries(entries) });
    this.emitter.emit('updated', { snapshot: this.snap });
    return this.snap;
  }

  /** Conversation length in whole seconds (answer → end or now); 0 when never answered. */
  durationSeconds(now: number = this.clock.now()): number {
    if (this.snap.answeredAt === null) return 0;
    const end = this.snap.endedAt ?? now;
    return Math.max(0, Math.round((end - this.snap.answeredAt) / 1000));
  }

  on<K extends keyof CallEventMap>(type: K, listener: (event: CallEventMap[K]) => void): Unsubscribe {
    return this.emitter.on(type, listener);
  }
}
