import type { CallState } from './call-state';
import type { CallEvent } from './call-event';

/**
 * Thrown by {@link Call.transition} when an event is not allowed in the current state
 * (e.g. `hold` while `ringing`, anything after `ended`). The call is left unchanged.
 * @public
 */
export class CallTransitionError extends Error {
  override readonly name = 'CallTransitionError';

  constructor(
    readonly callId: string,
    readonly from: CallState,
    readonly event: CallEvent['type'],
  ) {
    super(`Call ${callId}: "${event}" is not allowed in state "${from}"`);
  }
}
