import type { SalesEngagementStep } from '../../sales-engagement/sales-engagement';
import type { PhoneNumberCache } from '../../phone-number/phone-number-cache';
import type { PhoneNumberMetadata } from '../../phone-number/phone-number-metadata';
import type { Clock } from '../../ports/clock';
import type { CrmGateway } from '../../ports/crm-gateway';
import type { CtiHostPort, ScreenPop } from '../../ports/cti-host-port';
import type { TelephonyPort } from '../../ports/telephony-port';
import type { Settings } from '../../settings/settings';
import type { SettingsChange } from '../../settings/settings-change';
import type { TypedEmitter } from '../../support/typed-emitter';
import type { CallBook } from '../call-book';
import type { HostCallNoticeCode, NoticeCode, NoticeParams } from '../notices';
import type { EngineNotice, SoftphoneState } from '../softphone-state';

/** Events of the engine (besides the state snapshots). @public */
export interface SoftphoneEngineEventMap {
  state: SoftphoneState;
  /** A screen pop was sent to the host (for instrumentation: ring → pop latency). */
  screenPop: { readonly callId: string; readonly pop: ScreenPop; readonly at: number };
  notice: EngineNotice;
  /** A Sales Engagement call's log was saved as a Task with a disposition: its cadence step is complete. */
  salesEngagementStep: SalesEngagementStep;
  /** The settings in force changed (published after the `state` that carries them). */
  settingsChange: SettingsChange;
}

/**
 * What the engine's flows share: the call book, the ports, the settings in force and the turn. Whatever a flow
 * changes inside {@link EngineContext.turn} is persisted and published once, when the turn ends.
 * @public
 */
export interface EngineContext {
  readonly book: CallBook;
  readonly telephony: TelephonyPort;
  readonly host: CtiHostPort;
  readonly crm: CrmGateway;
  readonly clock: Clock;
  readonly phones: PhoneNumberCache;
  /**
   * The number rules `phones` reads with (a lazy chunk, ADR 0018): what must read a number — a lookup, a dial — waits
   * for {@link PhoneNumberMetadata.whenReady} while they are not {@link PhoneNumberMetadata.ready}.
   */
  readonly phoneRules: PhoneNumberMetadata;
  readonly events: TypedEmitter<SoftphoneEngineEventMap>;
  /** The settings in force: `getSoftphoneSettings`' answer, the defaults until then. */
  settings(): Settings;
  /** Runs `work` as one turn (see `Turns.run`). */
  turn<T>(work: () => T): T;
  /** Something outside the call book changed (history, presence, …): publish it with the turn. */
  changed(): void;
  /**
   * A message more urgent than rendering is in flight (a ringing call's lookup, the screen pop, the initialization
   * notice): every commit waits until the returned release is called at its answer, at most
   * `SoftphoneEngineOptions.publishHoldMs` ({@link Turns.hold}).
   */
  holdPublish(): () => void;
  /**
   * Runs `work` once the held publish has ended (at once when nothing is held), right after its commit
   * ({@link Turns.afterHolds}): the console opening the panel for a ringing call comes with the call's card, after
   * the lookup and the pop.
   */
  afterHolds(work: () => void): void;
  /**
   * Shows the agent a message (kept in `SoftphoneState.notices`): its code, the parameters its code declares
   * ({@link NoticeParams}) and the English text.
   */
  notify<C extends NoticeCode>(
    level: EngineNotice['level'],
    code: C,
    message: string,
    ...params: NoticeParams[C]
  ): void;
  /** Runs a host call; a failure becomes a warning notice with `code` (host failures never break a call). */
  hostCall(code: HostCallNoticeCode, action: () => Promise<unknown>): Promise<void>;
}

export { messageOf, reasonOf } from '../notices';
