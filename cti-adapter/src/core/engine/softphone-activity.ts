import type { CallState } from '../call/call-state';
import type { SoftphoneActivity } from '../ports/cti-host-port';
import type { SoftphonePhase, SoftphoneState } from './softphone-state';

/**
 * The host-neutral activity of the softphone (pure): an unavailable web phone is `offline`; otherwise the most
 * urgent live call decides — any call ringing (but one the agent ignored: call waiting's "Ignore") → `ringing`,
 * dialing → `dialing`, connected → `on-call`, only held calls → `on-hold`; without live calls `ready` (registered)
 * or `starting`. `calls`: the calls of the state (ended ones count for nothing).
 * @public
 */
export function softphoneActivity(
  phase: SoftphonePhase,
  calls: readonly { readonly call: { readonly state: CallState }; readonly ignored: boolean }[],
): SoftphoneActivity {
  if (phase === 'unavailable') return 'offline';
  const states = new Set(calls.filter((c) => !(c.ignored && c.call.state === 'ringing')).map((c) => c.call.state));
  states.delete('ended');
  if (states.has('ringing')) return 'ringing';
  if (states.has('dialing')) return 'dialing';
  if (states.has('connected')) return 'on-call';
  if (states.has('held')) return 'on-hold';
  return phase === 'ready' ? 'ready' : 'starting';
}

/**
 * The activity of a state (its phase and its calls), as the engine shows it on its host and as a follower
 * tab shows it on its own (ADR 0028).
 * @public
 */
export function activityOfState(state: Pick<SoftphoneState, 'phase' | 'calls'>): SoftphoneActivity {
  return softphoneActivity(state.phase, state.calls);
}
