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

/** Icon and label of the utility item for an activity of the softphone (pure). @public */
export function utilityItemFor(activity: SoftphoneActivity): UtilityItem {
  return UTILITY_ITEMS[activity];
}
