import type { Unsubscribe } from '../support/typed-emitter';

/**
 * The browser's audio devices (`navigator.mediaDevices.enumerateDevices`, `devicechange`; W3C Media Capture and
 * Streams) and where sound can be sent (`HTMLMediaElement.setSinkId`; W3C Audio Output Devices API), implemented
 * outside the core (`src/ringcentral/web-phone/browser-audio-devices.ts`).
 * @public
 */
export interface AudioDevicesPort {
  /**
   * The microphones and speakers of this browser, the system's own `default` / `communications` entries left out
   * (the softphone offers "System default" itself). Labels are empty until the page may use the microphone.
   * @throws Error when the browser cannot list devices (insecure context, no `mediaDevices`)
   */
  list(): Promise<readonly AudioDevice[]>;
  /** Whether sound can be sent to a chosen output (`setSinkId` exists); else only the system default is used. */
  readonly canChooseOutput: boolean;
  /** A device was plugged in or removed (`devicechange`). */
  on(type: 'changed', listener: () => void): Unsubscribe;
  /**
   * Plays a short test sound on an output: `speaker` a 1 s tone (440 Hz, the level of a call), `ringer` two seconds of
   * the ringtone; resolves when it has played. `deviceId` null = the system default; `volume` 0–1.
   * @throws Error when the device cannot be used (gone, refused by the browser)
   */
  playTestSound(sound: 'speaker' | 'ringer', deviceId: string | null, volume: number): Promise<void>;
}

/** One audio device. @public */
export interface AudioDevice {
  /** The browser's id of the device for this origin (stable across visits once the microphone is allowed). */
  readonly deviceId: string;
  readonly kind: 'audioinput' | 'audiooutput';
  /** What the system calls it (e.g. "Jabra Evolve2 40"); `''` before the microphone permission. */
  readonly label: string;
}
