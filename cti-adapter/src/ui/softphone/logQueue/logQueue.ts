import { LightningElement, api } from 'lwc';
import { raise } from '../../softphone-events';
import type { LogQueueView } from '../../softphone-events';
import { labels } from '../../labels';

/**
 * The log queue bar above the Phone tab's surface (`logQueue`), a lazy surface of its own (ADR 0018, first paint: the
 * root template holds only the first paint's surfaces): how many ended calls wait to be logged ("2 calls to log") and,
 * when no call rings or is live, the way between them and the dialer — Next (another call's form), Dialer (the form
 * stays in the queue), Log (back to the form). The app decides what shows (`queue`); this component raises `logqueue`
 * (`{action: 'next' | 'dialer' | 'log'}`) for the button pressed.
 */
export default class LogQueue extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  /** What the bar says and which buttons it offers (the app's `logQueue`). */
  @api queue: LogQueueView | null = null;

  handleAction(event: Event): void {
    const action = (event.currentTarget as HTMLElement).dataset.action;
    if (action === 'next' || action === 'dialer' || action === 'log') raise(this, 'logqueue', { action });
  }
}
