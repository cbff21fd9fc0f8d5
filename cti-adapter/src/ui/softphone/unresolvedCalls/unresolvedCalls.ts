import { LightningElement, api } from 'lwc';
import type { ConflictView } from '../../../core/engine/softphone-state';
import type { ConflictReason } from '../../../core/matching/log-association';
import { raise } from '../../softphone-events';
import { labels } from '../../labels';
import type { LabelName } from '../../labels.generated';
import { formatTime } from '../../locale-dates';

const REASONS: Readonly<Record<ConflictReason, LabelName>> = {
  'multiple-matches': 'Reason_multiple_matches',
  'no-match': 'Reason_no_match',
  'multiple-associations': 'Reason_multiple_associations',
  'lookup-failed': 'Reason_lookup_failed',
  'disposition-required': 'Reason_disposition_required',
  'fields-required': 'Reason_fields_required',
};

/**
 * Unresolved tab: calls the engine could not log automatically. Raises `open` (`{callId}`) for "Resolve"; the app
 * then shows that call's log form.
 */
export default class UnresolvedCalls extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api conflicts: readonly ConflictView[] = [];

  get rows(): readonly { callId: string; name: string; reason: string; when: string }[] {
    return this.conflicts.map((c) => ({
      callId: c.callId,
      name: c.displayName,
      reason: labels[REASONS[c.reason]],
      when: formatTime(c.startedAt),
    }));
  }

  get empty(): boolean {
    return this.conflicts.length === 0;
  }

  handleOpen(event: Event): void {
    const callId = (event.currentTarget as HTMLElement).dataset.callId;
    if (callId) raise(this, 'open', { callId });
  }
}
