import type { LogEntry } from '../core/call-log/log-outbox';
import { CrmError, type CrmErrorCode } from '../core/crm/crm-error';
import { formatLabel, labels } from './labels';
import { formatInteger } from './locale';
import { errorText } from './view-format';

/** The last failure of a log in the outbox (a call's or an SMS conversation's day). @public */
export type LogError = NonNullable<LogEntry<unknown, string>['lastError']>;

/**
 * Why a log is not saved, in the agent's language (ADR 0032, "The softphone's last English texts"): the failure as
 * {@link errorText} reads it (`Reason_NETWORK`, `Reason_INTERNAL` with its Softphone Error Log reference…, else the
 * server's own words, which Apex answers in the user's language), and, when the outbox gave up retrying, `Log_gave_up_after` with the
 * attempts in the user's locale.
 * @public
 */
export function logErrorText(error: LogError): string {
  const failure = new CrmError(error.code as CrmErrorCode, error.message, error.field, error.reference ?? null);
  const reason = errorText(failure);
  return typeof error.gaveUpAfter !== 'number'
    ? reason
    : formatLabel(labels.Log_gave_up_after, reason, formatInteger(error.gaveUpAfter));
}
