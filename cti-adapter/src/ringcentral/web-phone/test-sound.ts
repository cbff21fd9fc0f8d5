import type { BrowserAudioDevicesOptions, SinkableAudioContext } from './browser-audio-devices';
import { ReasonError } from '../../core/engine/notices';

/**
 * A test sound synthesized with Web Audio on the chosen output (`AudioContext.setSinkId`; Web Audio API, W3C): the
 * speaker's a 1 s 440 Hz tone, the ringer's two seconds of the ring of `WebAudioRingtone` (440 + 480 Hz), at `volume`
 * (0–1) of their full level; resolves once played. No sound file. `deviceId` null = the system default.
 * @throws Error when the device is gone (`NotFoundError`), refused (`NotAllowedError`), or there is no Web Audio
 * @public
 */
export async function playTestSound(
  sound: 'speaker' | 'ringer',
  deviceId: string | null,
  volume: number,
  options: Pick<BrowserAudioDevicesOptions, 'createContext' | 'sleep'> = {},
): Promise<void> {
  const create =
    options.createContext ??
    (() => {
      const Ctor = (globalThis as { AudioContext?: new () => SinkableAudioContext }).AudioContext;
      return Ctor ? new Ctor() : null;
    });
  const context = create();
  if (!context) throw new ReasonError('NO_WEB_AUDIO', 'This browser cannot play sound (no Web Audio).');
  try {
    if (deviceId !== null) {
      if (!context.setSinkId)
        throw new ReasonError('NO_SOUND_DEVICE_CHOICE', 'This browser cannot play sound on a chosen device.');
      await context.setSinkId(deviceId);
    }
    if (context.state === 'suspended') await context.resume();
    const seconds = sound === 'ringer' ? 2 : 1;
    const gain = context.createGain();
    const t0 = context.currentTime;
    gain.gain.value = 0;
    gain.gain.setValueAtTime(Math.min(1, Math.max(0, volume)) * (sound === 'ringer' ? 0.15 : 0.2), t0);
    gain.gain.setValueAtTime(0, t0 + seconds);
    gain.connect(context.destination);
    for (const frequency of sound === 'ringer' ? [440, 480] : [440]) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(t0);
      oscillator.stop(t0 + seconds);
    }
    await (options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(seconds * 1000);
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'NotFoundError') throw new ReasonError('DEVICE_NOT_CONNECTED', 'That device is not connected.');
    if (name === 'NotAllowedError')
      throw new ReasonError('DEVICE_NOT_ALLOWED', 'The browser does not allow sound on that device.');
    throw error;
  } finally {
    await context.close().catch(() => undefined);
  }
}
