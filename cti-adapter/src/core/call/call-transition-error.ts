import type { CallState } from './call-state';
import type { CallEvent } from './call-event';
import type { CallCommand } from './call-commands';

/**
 * Thrown by {@link Call.transition} when an event is not allowed in the current state (e.g. `hold` while
 * `ringing`, anything after `ended`), and by {@link checkCallCommand} when an agent command is not allowed in the
 * call's state (e.g. `mute` while `ringing`): `event` names the event or the command that was refused. The call is
 * left unchanged and nothing is sent.
 * @public
 */
export class CallTransitionError extends Error {
  override readonly name = 'CallTransitionError';

  constructor(
    readonly callId: string,
    readonly from: CallState,
    readonly event: CallEvent['type'] | CallCommand,
  ) {
    super(`Call ${callId}: "${event}" is not allowed in state "${from}"`);
  }
}
