import type { CallView } from '../core/engine/softphone-state';
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
      return 'Voicemail';
    case 'declined':
      return 'Declined';
    case 'busy':
      return 'Busy';
    case 'no-answer':
      return 'No answer';
    case 'cancelled':
      return 'Cancelled';
    case 'transferred':
      return 'Transferred';
    case 'answered-elsewhere':
      return 'Answered elsewhere';
    case 'failed':
    case 'lost':
      return call.answeredAt ? 'Answered' : 'Failed';
    case 'missed':
      return 'Missed';
    default:
      return call.answeredAt ? 'Answered' : 'Missed';
  }
}

/** A RingCentral call log `result` in the words of {@link callOutcome}. @public */
export function resultOutcome(result: string): string {
  const r = result.toLowerCase();
  if (r === 'accepted' || r === 'call connected' || r === 'answered') return 'Answered';
  if (r.includes('voicemail')) return 'Voicemail';
  if (r.includes('rejected') || r.includes('declined')) return 'Declined';
  if (r.includes('busy')) return 'Busy';
  if (r.includes('no answer')) return 'No answer';
  if (r === 'hang up' || r === 'stopped') return 'Cancelled';
  if (r.includes('answered elsewhere')) return 'Answered elsewhere';
  if (r.includes('transfer')) return 'Transferred';
  if (r.includes('missed')) return 'Missed';
  return 'Failed';
}

/** The number to show for a call: national display when normalized, else as received. @public */
export function displayNumber(view: Pick<CallView, 'phone' | 'call'>): string {
  if (view.phone) return view.phone.country === 'US' ? view.phone.nationalDisplay : view.phone.display;
  return view.call.remoteNumber || 'Unknown number';
}

/**
 * A RingCentral phone number's `usageType` in words (`DirectNumber` → `Direct number`, `MainCompanyNumber` →
 * `Main company number`), never the API value.
 * @public
 */
export function usageTypeLabel(usageType: string): string {
  const words = usageType.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Human label of a record type for the agent (`Contact`, `Lead`, `Person Account`, …). @public */
export function objectLabel(objectType: string, isPersonAccount = false): string {
  if (isPersonAccount) return 'Person Account';
  return objectType.replace(/__c$/, '').replace(/_/g, ' ');
}

/** Error text for the agent from anything thrown. @public */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong. Try again.';
}
