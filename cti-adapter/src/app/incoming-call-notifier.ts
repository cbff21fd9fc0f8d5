import type { CallView, SoftphoneState } from '../core/engine/softphone-state';
import { formatLabel, labels } from '../ui/labels';
import { displayNumber } from '../ui/view-format';

/** A desktop notification on screen. @public */
export interface ShownNotification {
  close(): void;
}

/**
 * The slice of the browser's Notification API the notifier uses (injectable for tests). `permission()` is
 * `Notification.permission`: in a cross-origin frame (the softphone in the Salesforce utility bar) Chromium answers
 * for the top-level site — notifications show once the agent allowed them for the Salesforce site, and the frame
 * cannot ask itself (its `requestPermission()` is denied without a prompt).
 * @public
 */
export interface NotificationApi {
  permission(): 'default' | 'granted' | 'denied';
  show(title: string, options: { body: string; tag: string }, onClick: () => void): ShownNotification;
}

/** The browser's Notification API, or `null` where there is none. @public */
export function browserNotifications(): NotificationApi | null {
  const Ctor = (globalThis as { Notification?: typeof Notification }).Notification;
  if (!Ctor) return null;
  return {
    permission: () => Ctor.permission,
    show(title, options, onClick) {
      const shown = new Ctor(title, { ...options, silent: true }); // the softphone's ringer plays
      shown.onclick = () => {
        onClick();
        shown.close();
      };
      return shown;
    },
  };
}

/** Options of {@link IncomingCallNotifier}. @public */
export interface IncomingCallNotifierOptions {
  /** `null`: no Notification API (nothing is shown). */
  readonly api: NotificationApi | null;
  /** Whether the agent cannot see the page now (`document.visibilityState === 'hidden'`: another tab or window). */
  readonly isHidden: () => boolean;
  /** The agent clicked the notification of `callId` (bring the tab forward, open the softphone panel). */
  readonly onClick: (callId: string) => void;
}

/**
 * Desktop notifications of incoming calls (the Notification API), for an agent who is on another tab or window: a
 * call that starts ringing while the page is hidden and notifications are allowed gets one notification ("Incoming
 * call" or, during another call, "Call waiting"; the caller's name and number, the call queue) that closes when the
 * call stops ringing or the agent ignores it; a click brings the softphone forward. Nothing is shown while the page is visible (the panel
 * opens and rings), nor when notifications are not allowed.
 * @public
 */
export class IncomingCallNotifier {
  private readonly shown = new Map<string, ShownNotification | null>();

  constructor(private readonly options: IncomingCallNotifierOptions) {}

  /** Follows a new state: notifies the calls that started ringing, closes those that stopped. */
  update(state: SoftphoneState): void {
    const ringing = state.calls.filter(
      (c) => c.call.state === 'ringing' && c.call.direction === 'inbound' && !c.ignored,
    );
    const ids = new Set(ringing.map((c) => c.call.callId));
    for (const [callId, notification] of this.shown) {
      if (ids.has(callId)) continue;
      notification?.close();
      this.shown.delete(callId);
    }
    const onCall = state.calls.some((c) => c.call.state === 'connected' || c.call.state === 'held');
    for (const view of ringing) {
      const callId = view.call.callId;
      if (this.shown.has(callId)) continue;
      this.shown.set(callId, this.notify(view, onCall));
    }
  }

  /** Closes every notification shown. */
  dispose(): void {
    for (const notification of this.shown.values()) notification?.close();
    this.shown.clear();
  }

  /** The notification of a call that started ringing, `null` when none is shown (visible page, not allowed). */
  private notify(view: CallView, onCall: boolean): ShownNotification | null {
    const { api, isHidden, onClick } = this.options;
    if (!api || !isHidden() || api.permission() !== 'granted') return null;
    const callId = view.call.callId;
    const queue = view.call.queueName ? ` · ${formatLabel(labels.Via_queue, view.call.queueName)}` : '';
    const number = displayNumber(view);
    const body = `${view.displayName === number ? number : `${view.displayName} · ${number}`}${queue}`;
    try {
      return api.show(onCall ? labels.Call_waiting : labels.Incoming_call, { body, tag: `softphone-${callId}` }, () =>
        onClick(callId),
      );
    } catch (error) {
      console.warn('The desktop notification of an incoming call could not be shown', error);
      return null;
    }
  }
}
