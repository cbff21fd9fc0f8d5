import type { CallSnapshot } from '../call/call-snapshot';
import type { SoftphonePhase } from './softphone-state';

/**
 * Utility bar item look (Open CTI `setSoftphoneItemIcon` key = SLDS utility icon name, and label).
 * @public
 */
export interface UtilityItem {
  readonly icon: string;
  readonly label: string;
}

/**
 * Icon and label for the softphone state (pure): unavailable → `offline` "Phone offline"; any call ringing →
 * `incoming_call` "Incoming call"; dialing → `outbound_call` "Calling…"; connected → `call` "On call";
 * only held calls → `paused_call` "On hold"; otherwise `call` "Phone" (ready) / "Phone (starting)".
 * SLDS icon names exist in `@salesforce-ux/design-system` `icons/utility`.
 * @public
 */
export function utilityItemFor(phase: SoftphonePhase, calls: readonly Pick<CallSnapshot, 'state'>[]): UtilityItem {
  if (phase === 'unavailable') return { icon: 'offline', label: 'Phone offline' };
  const states = new Set(calls.map((c) => c.state));
  if (states.has('ringing')) return { icon: 'incoming_call', label: 'Incoming call' };
  if (states.has('dialing')) return { icon: 'outbound_call', label: 'Calling…' };
  if (states.has('connected')) return { icon: 'call', label: 'On call' };
  if (states.has('held')) return { icon: 'paused_call', label: 'On hold' };
  return { icon: 'call', label: phase === 'ready' ? 'Phone' : 'Phone (starting)' };
}
