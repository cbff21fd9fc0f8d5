import { formatLabel, labels } from './labels';
import { formatInteger } from './locale';
import { reasonText } from './notice-text';
import { reasonOf } from '../core/engine/notices';
import type { CallView } from '../core/engine/softphone-state';
import type { NotListeningReason } from '../core/ports/cti-host-port';
import type { LabelName } from './labels.generated';
import type { CallSnapshot } from '../core/call/call-snapshot';

export { formatDuration } from './locale';

/**
 * A call's duration in ms, by the one definition the softphone uses everywhere (live timer, log form, History, the
 * Task's `CallDurationInSeconds`): the RingCentral call log's — from the call's start (ringing, or dialing for an
 * outbound call) to its end (`now` while it goes on). RingCentral API reference, Call Log: a record's `duration` runs
 * from its `startTime`; docs/glossary.md ("Call duration").
 * @public
 */
export function callDuration(call: Pick<CallSnapshot, 'startedAt' | 'endedAt'>, now: number): number {
  return Math.max(0, (call.endedAt ?? now) - call.startedAt);
}

/**
 * How a call ended, in the agent's words — one vocabulary for the log form and History, never a raw RingCentral
 * `result` ("Accepted", "Call connected", "Hang Up") or end reason ("hangup"): Answered, Missed, Voicemail, Declined,
 * Busy, No answer, Cancelled, Transferred, Answered elsewhere, Failed. docs/glossary.md ("Call outcome").
 * @public
 */
export function callOutcome(call: Pick<CallSnapshot, 'answeredAt' | 'endReason'>): string {
  switch (call.endReason) {
    case 'voicemail':
      return labels.Voicemail;
    case 'declined':
      return labels.Declined;
    case 'busy':
      return labels.Busy;
    case 'no-answer':
      return labels.No_answer;
    case 'cancelled':
      return labels.Cancelled;
    case 'transferred':
      return labels.Transferred;
    case 'answered-elsewhere':
      return labels.Answered_elsewhere;
    case 'failed':
    case 'lost':
      return call.answeredAt ? labels.Answered : labels.Failed;
    case 'missed':
      return labels.Missed;
    default:
      return call.answeredAt ? labels.Answered : labels.Missed;
  }
}

/** A RingCentral call log `result` in the words of {@link callOutcome}. @public */
export function resultOutcome(result: string): string {
  const r = result.toLowerCase();
  if (r === 'accepted' || r === 'call connected' || r === 'answered') return labels.Answered;
  if (r.includes('voicemail')) return labels.Voicemail;
  if (r.includes('rejected') || r.includes('declined')) return labels.Declined;
  if (r.includes('busy')) return labels.Busy;
  if (r.includes('no answer')) return labels.No_answer;
  if (r === 'hang up' || r === 'stopped') return labels.Cancelled;
  if (r.includes('answered elsewhere')) return labels.Answered_elsewhere;
  if (r.includes('transfer')) return labels.Transferred;
  if (r.includes('missed')) return labels.Missed;
  return labels.Failed;
}

/** The number to show for a call: national display when normalized, else as received. @public */
export function displayNumber(view: Pick<CallView, 'phone' | 'call'>): string {
  if (view.phone) return view.phone.country === 'US' ? view.phone.nationalDisplay : view.phone.display;
  return view.call.remoteNumber || labels.Unknown_number;
}

/**
 * The caller lookup's state in the agent's words — one wording for every card that shows it (the incoming call, the
 * call-waiting line): `Looking up the caller…` (`pending`), `Salesforce did not answer; looking up the caller again…`
 * (`retrying`), `Salesforce could not be searched for this number.` (`failed`), `N records match this number`
 * (several), `No matching record in Salesforce.` (none). `null` when exactly one record matched: the card shows that
 * record instead. Statuses: `CallDraft.matchStatus`.
 * @public
 */
export function matchStatusText(view: Pick<CallView, 'matchStatus' | 'matches'>): string | null {
  if (view.matchStatus === 'pending') return labels.Looking_up_the_caller;
  if (view.matchStatus === 'retrying') return labels.Lookup_retrying;
  if (view.matchStatus === 'failed') return labels.Lookup_failed;
  if (view.matches.length === 1) return null;
  if (view.matches.length > 1) return formatLabel(labels.Records_match_number, formatInteger(view.matches.length));
  return labels.No_match;
}

/** The label of each {@link NotListeningReason} (ADR 0034). */
const NOT_LISTENING_LABELS: Readonly<Record<NotListeningReason, LabelName>> = {
  starting: 'Not_listening_starting',
  'signed-out': 'Not_listening_signed_out',
  'microphone-blocked': 'Not_listening_microphone_blocked',
  'no-microphone': 'Not_listening_no_microphone',
  'too-many-phones': 'Not_listening_too_many_phones',
  'registration-failed': 'Not_listening_registration_refused',
  'registration-lost': 'Not_listening_registration_lost',
  'subscription-lost': 'Not_listening_events_lost',
};

/**
 * Why the softphone does not listen for calls, in the agent's words (`registration lost`, …; Custom Labels,
 * ADR 0032): the header's listening line and the utility item show it (ADR 0034).
 * @public
 */
export function notListeningText(reason: NotListeningReason): string {
  return labels[NOT_LISTENING_LABELS[reason]];
}

/**
 * A record's object in the agent's language (ADR 0032, seventh amendment): `Person Account` (label `Person_Account`)
 * for a person account, else the object's label the server sent with the record (`matchNumbers` and `searchRecords`
 * `objectLabel`: the org's describe, in the user's language — `Piste` for a Lead in French, a custom object's
 * translated label), else — from an older server or a stored draft — the API name without its `__c`.
 * @public
 */
export function objectLabel(record: {
  readonly objectType: string;
  readonly objectLabel?: string | null;
  readonly isPersonAccount?: boolean;
}): string {
  if (record.isPersonAccount) return labels.Person_Account;
  return record.objectLabel || record.objectType.replace(/__c$/, '').replace(/_/g, ' ');
}

/**
 * Error text for the agent from anything thrown: a failure whose code the softphone translates (a number that is no
 * phone number, Salesforce unreachable or failing: `reasonOf`) by its `Reason_<CODE>` label in the agent's language,
 * as a sentence; else the error's own message (the server's, which Apex answers in the user's language, or
 * RingCentral's).
 * @public
 */
export function errorText(error: unknown): string {
  const reason = reasonOf(error);
  if (reason.code !== null) {
    const text = reasonText(reason);
    return text.charAt(0).toLocaleUpperCase() + text.slice(1);
  }
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return labels.Something_went_wrong;
}
