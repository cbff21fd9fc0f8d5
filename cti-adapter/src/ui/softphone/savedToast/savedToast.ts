import { LightningElement, api } from 'lwc';
import { raise } from '../../softphone-events';
import { labels } from '../../labels';

/**
 * The "call logged" confirmation (`savedToast`), a lazy surface of its own (ADR 0018, first paint: the root template
 * holds only the first paint's surfaces): an SLDS success toast at the bottom of the panel with a link to the saved
 * Task. Raises `opentask` (`{taskId}`) for the link (the app opens the Task with Open CTI `screenPop`) and
 * `closetoast` (`{}`) for the close button; the app decides how long it stays.
 */
export default class SavedToast extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  /** What the toast says and the Task it links to. */
  @api toast: { readonly message: string; readonly taskId: string } | null = null;

  handleOpenTask(event: Event): void {
    event.preventDefault();
    const taskId = this.toast?.taskId;
    if (taskId) raise(this, 'opentask', { taskId });
  }

  handleClose(): void {
    raise(this, 'closetoast', {});
  }
}
