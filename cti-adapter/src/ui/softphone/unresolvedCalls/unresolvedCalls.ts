import { LightningElement, api } from 'lwc';
import type { ConflictView } from '../../../core/engine/softphone-state';
import type { ConflictReason } from '../../../core/matching/log-association';
import { raise } from '../../softphone-events';
import { labels } from '../../labels';

const REASONS: Readonly<Record<ConflictReason, string>> = {
  'multiple-matches': 'Several records match: choose one',
  'no-match': 'No matching record',
  'multiple-associations': 'Several records could be Related To: choose one',
  'lookup-failed': 'Salesforce could not be searched: look up again',
  'disposition-required': 'Choose a disposition',
  'fields-required': 'Fill in the required fields',
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
      reason: REASONS[c.reason],
      when: new Date(c.startedAt).toLocaleTimeString(),
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
