import type { Unsubscribe } from '../support/typed-emitter';

/**
 * The agent's RingCentral presence (`…/extension/~/presence`, presence subscription), implemented by the
 * RingCentral layer.
 * @public
 */
export interface PresencePort {
  get(): Promise<Presence>;
  /** `PUT …/presence` with `userStatus` (and `dndStatus` when given). */
  set(change: { userStatus: UserStatus; dndStatus?: DndStatus }): Promise<Presence>;
  on(type: 'changed', listener: (presence: Presence) => void): Unsubscribe;
}

/** @public */
export type UserStatus = 'Available' | 'Busy' | 'Offline';
/** @public */
export type DndStatus =
  'TakeAllCalls' | 'DoNotAcceptDepartmentCalls' | 'TakeDepartmentCallsOnly' | 'DoNotAcceptAnyCalls';

/** RingCentral presence (subset). @public */
export interface Presence {
  readonly userStatus: UserStatus;
  readonly dndStatus: DndStatus;
  /** `NoCall`, `Ringing`, `CallConnected`, `OnHold`, `ParkedCall`. */
  readonly telephonyStatus: string;
  /** Aggregated `Available` / `Busy` / `Offline`. */
  readonly presenceStatus: string;
}
