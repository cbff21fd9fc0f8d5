import type { CallingDevice } from './settings';

/**
 * Per-browser preferences of the agent, as the dialer and the ringer use them. `callingDevice` and `ringerEnabled`
 * are user-level settings (`Settings`, ADR 0014): the admin's default or locked value, else the agent's own choice;
 * the others are kept in the browser only (`KeyValueStore`).
 * @public
 */
export interface LocalPreferences {
  /** Where the agent's calls are (`Settings.callingDevice`): web phone, RingOut, or the RingCentral app / desk phone. */
  readonly callingDevice: CallingDevice;
  /** E.164 number RingOut rings first, when {@link LocalPreferences.callingDevice} is `ringout` or `otherDevice`. */
  readonly ringOutNumber: string | null;
  /** Chosen caller ID (E.164 from the extension's `CallerId` numbers), `null` = the extension default. */
  readonly callerId: string | null;
  /** Play a ringtone for inbound calls. */
  readonly ringerEnabled: boolean;
  /** Ringtone volume, 0–1. */
  readonly ringerVolume: number;
  /** Ringtone id (a file name known to the UI). */
  readonly ringtone: string;
  /** Microphone of browser calls (`deviceId` of this browser), `null` = the system default. */
  readonly microphoneId: string | null;
  /** Speaker of browser calls (the far end's voice), `null` = the system default. */
  readonly speakerId: string | null;
  /** Where the ringtone plays (e.g. the computer's speakers while the headset is on), `null` = the system default. */
  readonly ringerDeviceId: string | null;
}

/** @public */
export const DEFAULT_LOCAL_PREFERENCES: LocalPreferences = Object.freeze({
  callingDevice: 'browser',
  ringOutNumber: null,
  callerId: null,
  ringerEnabled: true,
  ringerVolume: 0.8,
  ringtone: 'default',
  microphoneId: null,
  speakerId: null,
  ringerDeviceId: null,
} satisfies LocalPreferences);
