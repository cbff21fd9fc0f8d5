/**
 * `lightning/platformShowToastEvent` of the harness's Lightning host: the event a component dispatches to show a
 * toast (`lightning__showtoast`, bubbling and composed, `detail` = `{title, message, variant, mode}`), as in Lightning
 * Experience, where the container shows it. The console stand-in listens for it on the document and shows an SLDS
 * toast.
 */
export const SHOW_TOAST_EVENT_NAME = 'lightning__showtoast';

export interface ToastConfig {
  title?: string;
  message?: string;
  variant?: 'info' | 'success' | 'warning' | 'error';
  mode?: 'dismissible' | 'pester' | 'sticky';
}

export class ShowToastEvent extends CustomEvent<ToastConfig> {
  constructor(toast: ToastConfig) {
    super(SHOW_TOAST_EVENT_NAME, { bubbles: true, composed: true, cancelable: true, detail: toast });
  }
}
