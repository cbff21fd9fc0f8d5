import { formatLabel, labels } from '../ui/labels';
import type { LabelName } from '../ui/labels.generated';
import { notListeningText } from '../ui/view-format';
import { formatInteger } from '../ui/locale';
import type { Listening, SoftphoneActivity } from '../core/ports/cti-host-port';

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

/** An item whose words are a Custom Label (ADR 0032), read when the item is set (the labels install at start). */
interface UtilityItemLabel {
  readonly icon: string;
  readonly label: LabelName;
}

/** The items of live calls, and of the start (idle states are told by listening, {@link utilityItemFor}). */
const UTILITY_ITEMS: Readonly<Record<Exclude<SoftphoneActivity, 'ready' | 'offline'>, UtilityItemLabel>> = {
  starting: { icon: 'call', label: 'Phone_starting' },
  ringing: { icon: 'incoming_call', label: 'Incoming_call' },
  dialing: { icon: 'outbound_call', label: 'Calling' },
  'on-call': { icon: 'call', label: 'On_call' },
  'on-hold': { icon: 'paused_call', label: 'On_hold' },
};

/**
 * Icon and label of the utility item for an activity of the softphone, its unread text messages and whether it listens
 * for calls (pure). Open CTI takes no colour, only an SLDS icon name and a label, so the closed item says it in
 * words (ADR 0034): idle and listening `Phone · Listening` (`call` icon); not listening `Phone · Not listening: <reason>`
 * (`offline` icon) — while starting it stays `Phone (starting)`; a live call shows the call. Open CTI has no badge:
 * unread messages show in the label (`Phone · Listening · 2 SMS`), and an idle listening softphone shows the `sms` icon.
 * @public
 */
export function utilityItemFor(activity: SoftphoneActivity, unreadMessages: number, listening: Listening): UtilityItem {
  const idle = activity === 'ready' || activity === 'offline' || activity === 'starting';
  const item: UtilityItem = !idle
    ? fromLabel(UTILITY_ITEMS[activity])
    : listening.listening
      ? { icon: 'call', label: labels.Phone_listening }
      : listening.reason === 'starting'
        ? fromLabel(UTILITY_ITEMS.starting)
        : { icon: 'offline', label: formatLabel(labels.Phone_not_listening, notListeningText(listening.reason)) };
  if (unreadMessages <= 0) return item;
  const count = unreadMessages > 99 ? `${formatInteger(99)}+` : formatInteger(unreadMessages);
  return {
    icon: idle && listening.listening ? 'sms' : item.icon,
    label: formatLabel(labels.Utility_unread_SMS, item.label, count),
  };
}

function fromLabel(item: UtilityItemLabel): UtilityItem {
  return { icon: item.icon, label: labels[item.label] };
}
