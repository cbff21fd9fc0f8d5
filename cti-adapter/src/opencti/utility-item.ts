import type { SoftphoneActivity } from '../core/ports/cti-host-port';

/**
 * The softphone's utility bar item as Open CTI sets it: `setSoftphoneItemIcon` takes an SLDS utility icon name,
 * `setSoftphoneItemLabel` a label (Open CTI Developer Guide, "setSoftphoneItemIcon()" and
 * "setSoftphoneItemLabel()" for Lightning Experience). The icon names exist in `@salesforce-ux/design-system`
 * `icons/utility`.
 * @public
 */
export interface UtilityItem {
  readonly icon: string;
  readonly label: string;
}

const UTILITY_ITEMS: Readonly<Record<SoftphoneActivity, UtilityItem>> = {
  offline: { icon: 'offline', label: 'Phone offline' },
  starting: { icon: 'call', label: 'Phone (starting)' },
  ready: { icon: 'call', label: 'Phone' },
  ringing: { icon: 'incoming_call', label: 'Incoming call' },
  dialing: { icon: 'outbound_call', label: 'Calling…' },
  'on-call': { icon: 'call', label: 'On call' },
  'on-hold': { icon: 'paused_call', label: 'On hold' },
};

/**
 * Icon and label of the utility item for an activity of the softphone and its unread text messages (pure). Open CTI
 * has no badge: unread messages show in the label (`Phone · 2 SMS`), and an idle softphone shows the `sms` icon.
 * @public
 */
export function utilityItemFor(activity: SoftphoneActivity, unreadMessages = 0): UtilityItem {
  const item = UTILITY_ITEMS[activity];
  if (unreadMessages <= 0) return item;
  const count = unreadMessages > 99 ? '99+' : String(unreadMessages);
  return {
    icon: activity === 'ready' ? 'sms' : item.icon,
    label: `${item.label} · ${count} SMS`,
  };
}
