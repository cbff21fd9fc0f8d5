import { labels } from '../labels';

const STATUS_LABELS = { sent: 'Sent to the customer', failed: labels.Decline };
export class Panel {
  readonly options = [{ value: 'a', label: 'Open the first match' }, { value: 'b', label: 'Answer' }];
  get hint(): string {
    return this.busy ? 'Saving…' : labels.Answer;
  }
  get rowClass(): string {
    return 'slds-button slds-button_neutral';
  }
  get state(): string {
    return this.busy ? 'signed-out' : 'ready';
  }
  get message(): string {
    if (this.reason === 'Type a message.') return '';
    return `${this.count} calls waiting`;
  }
  get status(): string {
    return STATUS_LABELS.sent;
  }
  busy = false;
  count = 0;
  reason = '';
}
