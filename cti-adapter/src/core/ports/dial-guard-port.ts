import type { NumberMatchResult } from '../crm/crm-record';
import type { CrmGateway } from './crm-gateway';
import type { Settings } from '../settings/settings';

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
  /** Who is restricted and why. */
  readonly reason: string;
}

/** What a guard needs from the engine. @public */
export interface DialGuardContext {
  readonly crm: Pick<CrmGateway, 'matchNumbers'>;
  settings(): Settings;
  /** Shows a prompt (`null` hides it). */
  prompt(prompt: DialPrompt | null): void;
}

/**
 * Checks an outbound call before it is placed (loaded lazily: only when the admin turned do-not-call on for calls).
 * @public
 */
export interface DialGuard {
  /**
   * Whether the call to `to` (E.164) may be placed; resolves once the agent answered a warning. `lookup` is the
   * number's `matchNumbers` request the check made, which the call's own lookup reuses (one round trip per call).
   * @param chosenRecordId the clicked record (click-to-dial), which alone decides when set
   */
  check(
    ctx: DialGuardContext,
    to: string,
    chosenRecordId: string | null,
  ): Promise<{ readonly place: boolean; readonly lookup: Promise<NumberMatchResult[]> | null }>;
  /** The agent answered prompt `id`: "Call anyway" (`true`), "Cancel" or "OK" (`false`). */
  answer(id: number, proceed: boolean): void;
}

/**
 * A dial the do-not-call check stopped (blocked, or the agent cancelled the warning): nothing was placed and the agent
 * was told why by the prompt — no failure notice. @public
 */
export class DialNotPlacedError extends Error {
  override readonly name = 'DialNotPlacedError';
}
