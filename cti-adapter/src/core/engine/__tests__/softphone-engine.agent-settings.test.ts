import { MemoryKeyValueStore } from '../../ports/key-value-store';
import type { DndStatus, Presence, PresencePort, UserStatus } from '../../ports/presence-port';
import { TypedEmitter } from '../../support/typed-emitter';
import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeAudioDevices, MIC_1, MIC_2, SPK_1, SPK_2 } from '../../__tests__/support/fake-audio-devices';
import { FakeCtiHost } from '../../__tests__/support/fake-cti-host';
import { FakeTelephony } from '../../__tests__/support/fake-telephony';
import { SoftphoneEngine } from '../softphone-engine';

/** The platform side of presence: what `PUT …/presence` received, and changes made elsewhere. */
class FakePresence implements PresencePort {
  readonly emitter = new TypedEmitter<{ changed: Presence }>();
  readonly puts: { userStatus: UserStatus; dndStatus?: DndStatus }[] = [];
  current: Presence = {
    userStatus: 'Available',
    dndStatus: 'TakeAllCalls',
    telephonyStatus: 'NoCall',
    presenceStatus: 'Available',
  };
  get(): Promise<Presence> {
    return Promise.resolve(this.current);
  }
  set(change: { userStatus: UserStatus; dndStatus?: DndStatus }): Promise<Presence> {
    this.puts.push(change);
    this.current = { ...this.current, ...change };
    return Promise.resolve(this.current);
  }
  on(type: 'changed', listener: (presence: Presence) => void): () => void {
    return this.emitter.on(type, listener);
  }
  /** A change made in another RingCentral app, pushed by the subscription. */
  elsewhere(change: Partial<Presence>): void {
    this.current = { ...this.current, ...change };
    this.emitter.emit('changed', this.current);
  }
}

async function start(
  options: { store?: MemoryKeyValueStore; audio?: FakeAudioDevices; presence?: Partial<Presence> } = {},
) {
  const presence = new FakePresence();
  presence.current = { ...presence.current, ...options.presence };
  const audio = options.audio ?? new FakeAudioDevices();
  const telephony = new FakeTelephony();
  const store = options.store ?? new MemoryKeyValueStore();
  const engine = new SoftphoneEngine({
    telephony,
    host: new FakeCtiHost(),
    crm: new FakeCrmGateway(),
    store,
    clock: new FakeClock(),
    presence,
    audioDevices: audio,
  });
  await engine.start();
  telephony.setStatus({ state: 'registered' });
  await settle();
  return { engine, presence, audio, store };
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

const notices = (engine: SoftphoneEngine) => engine.getState().notices.map((n) => `${n.code}: ${n.message}`);

describe('SoftphoneEngine — presence modes and the call-queue switch', () => {
  it('sets Busy, Invisible and Do Not Disturb through the presence fields, then back to Available', async () => {
    const { engine, presence } = await start();
    await engine.setPresence('Busy');
    await engine.setPresence('Invisible');
    await engine.setPresence('DoNotDisturb');
    await engine.setPresence('Available');
    expect(presence.puts).toEqual([
      { userStatus: 'Busy', dndStatus: 'TakeAllCalls' },
      { userStatus: 'Offline', dndStatus: 'TakeAllCalls' },
      { userStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls' },
      { userStatus: 'Available', dndStatus: 'TakeAllCalls' },
    ]);
    expect(engine.getState().presence).toMatchObject({ userStatus: 'Available', dndStatus: 'TakeAllCalls' });
  });

  it('turns queue calls off and keeps that choice through Do Not Disturb and in this browser', async () => {
    const { engine, presence, store } = await start();
    expect(engine.getState().queueCalls).toBe(true);
    await engine.setQueueCalls(false);
    expect(presence.puts.at(-1)).toEqual({ userStatus: 'Available', dndStatus: 'DoNotAcceptDepartmentCalls' });
    expect(engine.getState().queueCalls).toBe(false);
    await engine.setPresence('DoNotDisturb');
    expect(engine.getState().queueCalls).toBe(false);
    await expect(engine.setQueueCalls(true)).rejects.toThrow('Do Not Disturb takes no calls');
    await engine.setPresence('Busy');
    expect(presence.puts.at(-1)).toEqual({ userStatus: 'Busy', dndStatus: 'DoNotAcceptDepartmentCalls' });

    // The next start of this browser finds DND (set elsewhere): the queue choice comes from the store.
    const again = await start({ store, presence: { userStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls' } });
    expect(again.engine.getState().queueCalls).toBe(false);
    await again.engine.setPresence('Available');
    expect(again.presence.puts.at(-1)).toEqual({ userStatus: 'Available', dndStatus: 'DoNotAcceptDepartmentCalls' });
  });

  it('follows a change made in another RingCentral app', async () => {
    const { engine, presence } = await start();
    presence.elsewhere({ dndStatus: 'DoNotAcceptDepartmentCalls', userStatus: 'Offline' });
    await settle();
    expect(engine.getState().queueCalls).toBe(false);
    expect(engine.getState().presence?.userStatus).toBe('Offline');
  });

  it('refuses a value that is not a mode, without calling the platform', async () => {
    const { engine, presence } = await start();
    await expect(engine.setPresence('Offline' as never)).rejects.toThrow('Unknown presence: Offline');
    expect(presence.puts).toEqual([]);
  });
});

describe('SoftphoneEngine — audio devices', () => {
  it('lists nothing at start without a choice, lists when asked, and uses the chosen devices', async () => {
    const { engine, audio } = await start();
    await settle();
    expect(audio.lists).toBe(0);
    expect(engine.getState().audio.inputs).toBeNull();
    await engine.refreshAudioDevices();
    expect(engine.getState().audio.inputs).toEqual([MIC_1, MIC_2]);
    expect(engine.getState().audio.outputs).toEqual([SPK_1, SPK_2]);
    engine.setPreferences({ microphoneId: 'mic-2', speakerId: 'spk-1', ringerDeviceId: 'spk-2' });
    expect(engine.getState().audio.inUse).toEqual({
      microphoneId: 'mic-2',
      speakerId: 'spk-1',
      ringerDeviceId: 'spk-2',
    });
    expect(engine.getState().notices).toEqual([]);
  });

  it('falls back to the system default with a notice when a chosen device goes away, and back when it returns', async () => {
    const { engine, audio } = await start();
    await engine.refreshAudioDevices();
    engine.setPreferences({ microphoneId: 'mic-1', speakerId: 'spk-1' });
    audio.replug([MIC_2, SPK_2]);
    await settle();
    expect(engine.getState().audio.inUse).toEqual({ microphoneId: null, speakerId: null, ringerDeviceId: null });
    expect(engine.getState().audio.missing).toEqual(['microphone', 'speaker']);
    expect(engine.getState().preferences).toMatchObject({ microphoneId: 'mic-1', speakerId: 'spk-1' });
    expect(notices(engine)).toEqual([
      'MICROPHONE_MISSING: The microphone you chose (Jabra Evolve2) is not connected: the softphone uses the system default until it is back.',
      'SPEAKER_MISSING: The speaker you chose (Jabra Evolve2) is not connected: the softphone uses the system default until it is back.',
    ]);
    audio.replug([MIC_1, MIC_2, SPK_1, SPK_2]);
    await settle();
    expect(engine.getState().audio.inUse).toEqual({ microphoneId: 'mic-1', speakerId: 'spk-1', ringerDeviceId: null });
    expect(notices(engine).slice(2)).toEqual([
      'MICROPHONE_BACK: The microphone you chose (Jabra Evolve2) is connected again.',
      'SPEAKER_BACK: The speaker you chose (Jabra Evolve2) is connected again.',
    ]);
  });

  it('checks a stored choice once started: a device gone since the last visit falls back at once', async () => {
    const store = new MemoryKeyValueStore();
    const first = await start({ store });
    first.engine.setPreferences({ microphoneId: 'usb-headset' });
    const { engine, audio } = await start({ store });
    await nextTask(); // the check waits until the page is idle
    expect(audio.lists).toBe(1);
    expect(engine.getState().audio.inUse.microphoneId).toBeNull();
    expect(notices(engine)).toEqual([
      'MICROPHONE_MISSING: The microphone you chose is not connected: the softphone uses the system default until it is back.',
    ]);
  });

  it('choosing another device is no news, and a listing failure is shown in the state', async () => {
    const { engine, audio } = await start();
    await engine.refreshAudioDevices();
    engine.setPreferences({ microphoneId: 'gone' });
    expect(engine.getState().audio.missing).toEqual(['microphone']);
    engine.setPreferences({ microphoneId: 'mic-2' });
    expect(engine.getState().audio.missing).toEqual([]);
    expect(notices(engine)).toHaveLength(1);
    audio.failure = new Error('not allowed');
    await engine.refreshAudioDevices();
    expect(engine.getState().audio.error).toBe('Your audio devices could not be listed: not allowed');
  });

  it('plays the test sounds on the devices in use, the ringer at the ringer volume', async () => {
    const { engine, audio } = await start();
    await engine.refreshAudioDevices();
    engine.setPreferences({ speakerId: 'spk-1', ringerDeviceId: 'spk-2', ringerVolume: 0.3 });
    await engine.playTestSound('speaker');
    await engine.playTestSound('ringer');
    expect(audio.played).toEqual([
      { sound: 'speaker', deviceId: 'spk-1', volume: 1 },
      { sound: 'ringer', deviceId: 'spk-2', volume: 0.3 },
    ]);
    audio.canChooseOutput = false;
    await engine.playTestSound('ringer');
    expect(audio.played.at(-1)).toEqual({ sound: 'ringer', deviceId: null, volume: 0.3 });
  });
});
