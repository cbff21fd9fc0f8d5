import type { DndStatus, Presence, UserStatus } from '../ports/presence-port';

/**
 * What the agent chooses in the presence menu. Each is a pair of RingCentral presence fields
 * (`PUT /restapi/v1.0/account/~/extension/~/presence`, RingCentral API reference "Update User Presence Status",
 * https://developers.ringcentral.com/api-reference/Presence/updateUserPresenceStatus):
 *
 * | mode | `userStatus` | `dndStatus` | calls |
 * | --- | --- | --- | --- |
 * | `Available` | `Available` | `TakeAllCalls` (queue calls on) or `DoNotAcceptDepartmentCalls` (off) | ring |
 * | `Busy` | `Busy` | as Available | ring (colleagues see Busy) |
 * | `DoNotDisturb` | `Busy` | `DoNotAcceptAnyCalls` | none: direct callers go to voicemail, queues skip the agent |
 * | `Invisible` | `Offline` | as Available | ring (colleagues see Offline) |
 *
 * "Department" is the API's word for a call queue: `DoNotAcceptDepartmentCalls` keeps direct calls and stops the
 * agent's queues from ringing this agent (the call-queue on/off switch).
 * @public
 */
export type PresenceMode = 'Available' | 'Busy' | 'DoNotDisturb' | 'Invisible';

/**
 * The modes in menu order. The words the agent reads are the UI's (Custom Labels in the user's language, ADR 0032).
 * @public
 */
export const PRESENCE_MODES: readonly { readonly mode: PresenceMode }[] = [
  { mode: 'Available' },
  { mode: 'Busy' },
  { mode: 'DoNotDisturb' },
  { mode: 'Invisible' },
];

/** Whether `value` is a {@link PresenceMode} (input from the UI is checked before it reaches the platform). @public */
export function isPresenceMode(value: unknown): value is PresenceMode {
  return PRESENCE_MODES.some((m) => m.mode === value);
}

/**
 * The mode a presence shows (pure). `DoNotAcceptAnyCalls` is Do Not Disturb whatever the user status; otherwise the
 * user status decides (`Offline` is Invisible: the agent is signed in and takes calls but appears offline).
 * @public
 */
export function presenceModeOf(presence: Pick<Presence, 'userStatus' | 'dndStatus'>): PresenceMode {
  if (presence.dndStatus === 'DoNotAcceptAnyCalls') return 'DoNotDisturb';
  if (presence.userStatus === 'Offline') return 'Invisible';
  return presence.userStatus === 'Busy' ? 'Busy' : 'Available';
}

/**
 * Whether the agent's call queues ring this agent: `TakeAllCalls` and `TakeDepartmentCallsOnly` (set by another
 * RingCentral app: queue calls only) do; `DoNotAcceptDepartmentCalls` and `DoNotAcceptAnyCalls` do not.
 * @public
 */
export function acceptsQueueCalls(presence: Pick<Presence, 'dndStatus'>): boolean {
  return presence.dndStatus === 'TakeAllCalls' || presence.dndStatus === 'TakeDepartmentCallsOnly';
}

/**
 * The presence fields to send for a mode (pure).
 * @param mode what the agent chose
 * @param queueCalls whether the agent's call queues should ring this agent (ignored for Do Not Disturb, which takes
 *   no calls at all)
 * @public
 */
export function presenceFieldsFor(
  mode: PresenceMode,
  queueCalls: boolean,
): { readonly userStatus: UserStatus; readonly dndStatus: DndStatus } {
  const dndStatus: DndStatus = queueCalls ? 'TakeAllCalls' : 'DoNotAcceptDepartmentCalls';
  switch (mode) {
    case 'DoNotDisturb':
      return { userStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls' };
    case 'Invisible':
      return { userStatus: 'Offline', dndStatus };
    case 'Busy':
      return { userStatus: 'Busy', dndStatus };
    default:
      return { userStatus: 'Available', dndStatus };
  }
}
