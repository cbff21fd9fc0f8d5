import { LightningElement } from 'lwc';
import { labels } from '../../labels';

type Permission = 'default' | 'granted' | 'denied' | 'unsupported';

/** The browser's Notification API, if any. */
function notificationApi(): typeof Notification | null {
  return (globalThis as { Notification?: typeof Notification }).Notification ?? null;
}

/**
 * Settings: whether this browser shows a desktop notification of an incoming call while the Salesforce tab is hidden
 * (the Notification API's permission) and how to turn it on. In the Salesforce utility bar the softphone is a frame of
 * another origin: Chromium answers for the Salesforce site and lets no frame ask (`requestPermission()` is denied
 * without a prompt), so the agent allows notifications for the Salesforce site in the browser's site settings; where
 * the page may ask (the softphone opened on its own), "Allow" asks. Reads the browser's state; raises nothing.
 */
export default class DesktopNotifications extends LightningElement {
  /** The softphone's Custom Labels in the user's language (ADR 0032). */
  readonly labels = labels;
  static override renderMode = 'light' as const;
  permission: Permission = 'unsupported';
  asking = false;

  override connectedCallback(): void {
    this.permission = notificationApi()?.permission ?? 'unsupported';
  }

  get status(): string {
    switch (this.permission) {
      case 'granted':
        return labels.Notifications_on;
      case 'default':
        return labels.Notifications_ask;
      case 'denied':
        return labels.Notifications_denied;
      case 'unsupported':
        return labels.Notifications_unsupported;
    }
  }

  get canAsk(): boolean {
    return this.permission === 'default';
  }

  handleAllow(): void {
    const api = notificationApi();
    if (!api || this.asking) return;
    this.asking = true;
    void api
      .requestPermission()
      .catch(() => api.permission)
      .then((permission) => {
        this.permission = permission;
        this.asking = false;
      });
  }
}
