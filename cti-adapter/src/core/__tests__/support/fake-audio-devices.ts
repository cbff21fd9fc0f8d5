import type { AudioDevice, AudioDevicesPort } from '../../ports/audio-devices-port';
import { TypedEmitter } from '../../support/typed-emitter';

export const MIC_1: AudioDevice = { deviceId: 'mic-1', kind: 'audioinput', label: 'Jabra Evolve2' };
export const MIC_2: AudioDevice = { deviceId: 'mic-2', kind: 'audioinput', label: 'Laptop microphone' };
export const SPK_1: AudioDevice = { deviceId: 'spk-1', kind: 'audiooutput', label: 'Jabra Evolve2' };
export const SPK_2: AudioDevice = { deviceId: 'spk-2', kind: 'audiooutput', label: 'Laptop speakers' };

/** The browser's audio devices in memory: what was listed and played, and devices plugged in or out. */
export class FakeAudioDevices implements AudioDevicesPort {
  readonly emitter = new TypedEmitter<{ changed: undefined }>();
  devices: AudioDevice[] = [MIC_1, MIC_2, SPK_1, SPK_2];
  canChooseOutput = true;
  lists = 0;
  failure: Error | null = null;
  readonly played: { sound: string; deviceId: string | null; volume: number }[] = [];
  list(): Promise<readonly AudioDevice[]> {
    this.lists += 1;
    return this.failure ? Promise.reject(this.failure) : Promise.resolve([...this.devices]);
  }
  on(type: 'changed', listener: () => void): () => void {
    return this.emitter.on(type, listener);
  }
  playTestSound(sound: 'speaker' | 'ringer', deviceId: string | null, volume: number): Promise<void> {
    this.played.push({ sound, deviceId, volume });
    return Promise.resolve();
  }
  /** A device unplugged or plugged in: the list changes, then `devicechange`. */
  replug(devices: AudioDevice[]): void {
    this.devices = devices;
    this.emitter.emit('changed', undefined);
  }
}
