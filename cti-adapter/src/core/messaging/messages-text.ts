import type { DoNotCallText } from '../do-not-call/do-not-call-text';
import { reasonOf, type NoticeReason } from '../engine/notices';

/**
 * The texts the Messages tab shows that the messaging core decides (ADR 0032, "The softphone's last English texts"):
 * why the conversations or a thread could not be read, why Send is disabled or failed, why a note was not saved. Each
 * is a code with its parameters, in the order this table declares them, and an English `message` (logs, tests, and
 * the fallback). The UI shows the Custom Label `Sms_<CODE>` in the agent's language with `{0}`, `{1}`… filled from
 * the parameters (a {@link NoticeReason} by its own `Reason_<CODE>` label, a number in the user's locale).
 *
 * This interface is the one source of the codes: the `ui-labels` check of `npm test` fails when a code has no
 * `Sms_<CODE>` label of the `Softphone` category, or the label names a placeholder beyond the parameters.
 * @public
 */
export interface MessagesTextParams {
  // Reading
  MESSAGES_UNREADABLE: readonly [reason: NoticeReason];
  THREAD_UNREADABLE: readonly [reason: NoticeReason];
  NOT_A_PHONE_NUMBER: readonly [number: string];
  // Why Send is disabled
  SENDING: readonly [];
  NO_SENDER_NUMBER: readonly [];
  RATE_LIMITED_WAIT: readonly [];
  CHECKING_NUMBER: readonly [];
  CONSENT_UNCHECKED: readonly [reason: NoticeReason];
  TYPE_A_MESSAGE: readonly [];
  TEXT_TOO_LONG: readonly [max: number, length: number];
  NOT_AGREED: readonly [name: string];
  NOT_AGREED_SEVERAL: readonly [name: string];
  SMS_NUMBER_ELSEWHERE: readonly [name: string, smsNumber: string];
  /**
   * The restriction is do-not-call's sentence (`DoNotCallRestriction.reason`, shared with calls), worded by its own
   * `Dnc_<CODE>` label.
   */
  DO_NOT_CALL_BLOCKED: readonly [restriction: DoNotCallText];
  DO_NOT_CALL_WARNING: readonly [restriction: DoNotCallText];
  // Why a send failed (the draft is kept)
  SENDER_REQUIRED: readonly [];
  SEND_UNKNOWN: readonly [];
  SEND_RATE_LIMITED: readonly [seconds: number];
  SEND_NOT_TAKEN: readonly [];
  SEND_SIGNED_OUT: readonly [];
  SEND_TOO_LONG: readonly [max: number];
  SEND_SENDER_REFUSED: readonly [];
  SEND_RECIPIENT_REFUSED: readonly [];
  /** RingCentral's own words (a third party's text, ADR 0032). */
  SEND_REFUSED: readonly [message: string];
  // Notes
  NOTE_EMPTY: readonly [];
  NOTE_TOO_LONG: readonly [max: number, length: number];
  NOTE_NOT_KEPT: readonly [reason: NoticeReason];
  // SMS templates (the compose box's Templates list)
  TEMPLATES_UNAVAILABLE: readonly [];
  TEMPLATES_UNREADABLE: readonly [reason: NoticeReason];
  // Anything else (a failure the core does not word): its reason.
  FAILED: readonly [reason: NoticeReason];
}

/** A code of {@link MessagesTextParams}. @public */
export type MessagesTextCode = keyof MessagesTextParams;

/** One text of the Messages tab: its code, its parameters and its English message. @public */
export interface MessagesText<C extends MessagesTextCode = MessagesTextCode> {
  readonly code: C;
  readonly params: MessagesTextParams[C];
  readonly message: string;
}

/** A {@link MessagesText}, typed by its code. @public */
export function messagesText<C extends MessagesTextCode>(
  code: C,
  message: string,
  ...params: MessagesTextParams[C]
): MessagesText<C> {
  return { code, params, message };
}

/** An error that carries the text the agent reads (a note that cannot be saved …). @public */
export class MessagesTextError extends Error {
  override readonly name = 'MessagesTextError';

  constructor(readonly text: MessagesText) {
    super(text.message);
  }
}

/** The text of anything thrown: a {@link MessagesTextError}'s own, else `FAILED` with its reason. @public */
export function messagesTextOf(error: unknown): MessagesText {
  if (error instanceof MessagesTextError) return error.text;
  const reason = reasonOf(error);
  return messagesText('FAILED', reason.message, reason);
}
