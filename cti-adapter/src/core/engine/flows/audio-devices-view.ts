import type { AudioDevice } from '../../ports/audio-devices-port';
import type { LocalPreferences } from '../../settings/local-preferences';

/** What an audio device is used for. @public */
export type AudioRole = 'microphone' | 'speaker' | 'ringer';

/** The preference that keeps the device of each role. @public */
export const AUDIO_ROLE_PREFERENCE = {
  microphone: 'microphoneId',
  speaker: 'speakerId',
  ringer: 'ringerDeviceId',
} as const satisfies Record<AudioRole, keyof LocalPreferences>;

/** The devices the web phone and the ringer use now, by role: a `deviceId`, or `null` for the system default. @public */
export interface AudioDevicesInUse {
  readonly microphoneId: string | null;
  readonly speakerId: string | null;
  readonly ringerDeviceId: string | null;
}

/** The audio devices as the Settings tab shows them. @public */
export interface AudioDevicesView {
  /** Microphones of this browser; `null` until listed (the Settings tab lists them when it opens). */
  readonly inputs: readonly AudioDevice[] | null;
  /** Speakers / headsets; `null` until listed. */
  readonly outputs: readonly AudioDevice[] | null;
  /** Whether an output can be chosen (else calls and the ringer use the system default). */
  readonly canChooseOutput: boolean;
  /** What calls and the ringer use: the agent's choice while it is connected, else the system default. */
  readonly inUse: AudioDevicesInUse;
  /** Roles whose chosen device is not connected now (the system default stands in). */
  readonly missing: readonly AudioRole[];
  /** Why the devices could not be listed, else `null`. */
  readonly error: string | null;
}

/** Whether the agent chose a device for any role (else the system defaults are used and nothing needs listing). */
export function anyAudioDeviceChosen(prefs: LocalPreferences): boolean {
  return Object.values(AUDIO_ROLE_PREFERENCE).some((key) => prefs[key] !== null);
}

/**
 * The state's view of the devices (one rule for the listed and the not yet listed case): a chosen device is in use
 * unless its role is `missing`; outputs only where they can be chosen.
 * @public
 */
export function audioDevicesView(facts: {
  readonly devices: readonly AudioDevice[] | null;
  readonly missing: readonly AudioRole[];
  readonly error: string | null;
  readonly canChooseOutput: boolean;
  readonly prefs: LocalPreferences;
}): AudioDevicesView {
  const { devices, missing, canChooseOutput, prefs } = facts;
  const inUse = (role: AudioRole): string | null =>
    missing.includes(role) ? null : prefs[AUDIO_ROLE_PREFERENCE[role]];
  return {
    inputs: devices?.filter((d) => d.kind === 'audioinput') ?? null,
    outputs: devices?.filter((d) => d.kind === 'audiooutput') ?? null,
    canChooseOutput,
    inUse: {
      microphoneId: inUse('microphone'),
      speakerId: canChooseOutput ? inUse('speaker') : null,
      ringerDeviceId: canChooseOutput ? inUse('ringer') : null,
    },
    missing,
    error: facts.error,
  };
}
