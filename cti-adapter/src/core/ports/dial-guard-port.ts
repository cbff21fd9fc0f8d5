import type { DoNotCallText } from '../do-not-call/do-not-call-text';
import type { NumberMatchResult } from '../crm/crm-record';
import type { EngineContext } from '../engine/flows/engine-context';

/**
 * What the agent is asked or told before a call leaves (ADR 0031: do-not-call): `warn` waits for "Call anyway" or
 * "Cancel" ({@link DialGuard.answer}); `block` says why the call was not placed. Shown by the softphone's
 * `dialPrompt` surface.
 * @public
 */
export interface DialPrompt {
  readonly id: number;
  /** The number dialled (E.164). */
  readonly number: string;
  readonly action: 'warn' | 'block';
  /** The record with Do Not Call, or `null` when the do-not-contact list restricts the number. */
  readonly recordName: string | null;
  /** Who is restricted and why, by code (`Dnc_<CODE>` labels, ADR 0032 seventh amendment). */
  readonly reason: DoNotCallText;
}

/** What a guard needs from the engine. @public */
export type DialGuardContext = Pick<EngineContext, 'crm' | 'settings' | 'clock' | 'turn' | 'changed'>;

/**
 * Checks an outbound call before it is placed (loaded lazily: only when the admin turned do-not-call on for calls).
 * The engine publishes its {@link DialGuard.prompt}.
 * @public
 */
export interface DialGuard {
  /** The question or notice on screen, else `null`. */
  readonly prompt: DialPrompt | null;
  /**
   * Resolves when the call to `to` (the dial string: E.164, or an extension as typed) may be placed — at once, or
   * once the agent chose "Call anyway".
   * @param chosenRecordId the clicked record (click-to-dial), which alone decides when set
   * @throws {@link DIAL_NOT_PLACED} (an `Error` of that name) when it may not: blocked, or the agent cancelled; the
   * prompt told the agent why, so no failure notice follows
   */
  check(ctx: DialGuardContext, to: string, chosenRecordId: string | null): Promise<void>;
  /** The agent answered prompt `id`: "Call anyway" (`true`), "Cancel" or "OK" (`false`). */
  answer(id: number, proceed: boolean): void;
  /**
   * The `matchNumbers` request a check sent for this number in the last few seconds, once: the call's own lookup
   * reuses it (one round trip per call); else `null`.
   */
  take(e164: string): Promise<NumberMatchResult[]> | null;
}

/** The `name` of the error a stopped dial rejects with ({@link DialGuard.check}). @public */
export const DIAL_NOT_PLACED = 'DialNotPlaced';
