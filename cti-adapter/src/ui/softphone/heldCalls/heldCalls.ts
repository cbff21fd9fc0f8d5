import { LightningElement, api } from 'lwc';
import type { CallView } from '../../../core/engine/softphone-state';
import { raise } from '../../softphone-events';
import { displayNumber } from '../../view-format';
import { labels } from '../../labels';

/**
 * The other live calls, one line each (after call waiting's "Hold and answer": the caller on hold): name, number,
 * state, and "Resume" for a held call — the call in progress is held first, so the agent never talks to two callers.
 * Raises `switchto` (`{callId}`).
 */
export default class HeldCalls extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  @api calls: readonly CallView[] = [];

  get rows(): readonly { callId: string; name: string; number: string; state: string; canResume: boolean }[] {
    return (this.calls ?? []).map((view) => ({
      callId: view.call.callId,
      name: view.displayName,
      number: displayNumber(view),
      state:
        view.call.state === 'held' ? labels.On_hold : view.call.state === 'dialing' ? labels.Calling : labels.Connected,
      canResume: view.call.state === 'held',
    }));
  }

  handleResume(event: Event): void {
    const callId = (event.currentTarget as HTMLElement).dataset.callId;
    if (callId) raise(this, 'switchto', { callId });
  }
}
