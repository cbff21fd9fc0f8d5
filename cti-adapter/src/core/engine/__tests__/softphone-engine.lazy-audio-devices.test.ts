import * as audioDeviceFlowModule from '../flows/audio-device-flow';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { FakeAudioDevices, MIC_1, MIC_2 } from '../../__tests__/support/fake-audio-devices';
import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeCtiHost } from '../../__tests__/support/fake-cti-host';
import { FakeTelephony } from '../../__tests__/support/fake-telephony';
import { AUDIO_MODULE_NOT_LOADED, type AudioDeviceFlowLoader } from '../flows/lazy-audio-device-flow';
import { SoftphoneEngine } from '../softphone-engine';

// The audio-device flow is a lazy chunk (ADR 0018): the first paint keeps the view before the listing and the
// `devicechange` subscription; the flow loads on the first need. Ringing and answering never wait for it.

/** A load the test settles by hand; every call of the loader is counted. */
function manualLoader(): {
  load: AudioDeviceFlowLoader;
  calls: () => number;
  resolve: () => void;
  reject: (error: Error) => void;
} {
  let calls = 0;
  let pending: { resolve: () => void; reject: (error: Error) => void } | null = null;
  return {
    load: () => {
      calls += 1;
      return new Promise((resolve, reject) => {
        pending = { resolve: () => resolve(audioDeviceFlowModule), reject };
      });
    },
    calls: () => calls,
    resolve: () => pending?.resolve(),
    reject: (error) => pending?.reject(error),
  };
}

async function start(loader: AudioDeviceFlowLoader, store = new MemoryKeyValueStore()) {
  const audio = new FakeAudioDevices();
  const telephony = new FakeTelephony();
  const engine = new SoftphoneEngine({
    telephony,
    host: new FakeCtiHost(),
    crm: new FakeCrmGateway(),
    store,
    clock: new FakeClock(),
    audioDevices: audio,
    loadAudioDeviceFlow: loader,
  });
  await engine.start();
  telephony.setStatus({ state: 'registered' });
  await settle();
  return { engine, audio, telephony, store };
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('SoftphoneEngine — the audio-device flow as a lazy chunk', () => {
  it('is not loaded at start when no device was chosen; the view shows the system defaults, not listed yet', async () => {
    const loader = manualLoader();
    const { engine, telephony } = await start(loader.load);
    await nextTask(); // past the idle check
    expect(loader.calls()).toBe(0);
    expect(engine.getState().audio).toEqual({
      inputs: null,
      outputs: null,
      canChooseOutput: true,
      inUse: { microphoneId: null, speakerId: null, ringerDeviceId: null },
      missing: [],
      error: null,
    });
    // A call rings and is answered without it.
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    await settle();
    expect(engine.getState().calls.find((c) => c.call.callId === callId)?.call.state).toBe('connected');
    expect(loader.calls()).toBe(0);
  });

  it('a chosen device is in use from the first paint; the Settings tab loads the flow once and lists', async () => {
    const loader = manualLoader();
    const { engine, audio } = await start(loader.load);
    engine.setPreferences({ microphoneId: 'mic-2', speakerId: 'spk-1' });
    expect(engine.getState().audio.inUse).toEqual({ microphoneId: 'mic-2', speakerId: 'spk-1', ringerDeviceId: null });
    const first = engine.refreshAudioDevices();
    const second = engine.refreshAudioDevices();
    expect(loader.calls()).toBe(1);
    loader.resolve();
    await Promise.all([first, second]);
    expect(audio.lists).toBe(2);
    expect(engine.getState().audio.inputs).toEqual([MIC_1, MIC_2]);
    expect(engine.getState().audio.inUse.microphoneId).toBe('mic-2');
  });

  it('a device plugged in or removed loads the flow and falls back from a missing choice', async () => {
    const loader = manualLoader();
    const { engine, audio } = await start(loader.load);
    engine.setPreferences({ microphoneId: 'mic-1' });
    audio.replug([MIC_2]);
    expect(loader.calls()).toBe(1);
    loader.resolve();
    await settle();
    expect(engine.getState().audio.missing).toEqual(['microphone']);
    expect(engine.getState().audio.inUse.microphoneId).toBeNull();
    expect(engine.getState().notices.map((n) => n.code)).toEqual(['MICROPHONE_MISSING']);
  });

  it('a stored choice loads the flow when the page is idle after the start', async () => {
    const store = new MemoryKeyValueStore();
    const first = await start(manualLoader().load, store);
    first.engine.setPreferences({ microphoneId: 'usb-headset' });
    const loader = manualLoader();
    const { engine, audio } = await start(loader.load, store);
    await nextTask();
    expect(loader.calls()).toBe(1);
    expect(engine.getState().audio.inUse.microphoneId).toBe('usb-headset'); // until the listing says otherwise
    loader.resolve();
    await settle();
    expect(audio.lists).toBe(1);
    expect(engine.getState().audio.inUse.microphoneId).toBeNull();
  });

  it('a chunk that cannot load says so in the view, keeps the choices, refuses the test sound clearly, and loads on the next try', async () => {
    const loader = manualLoader();
    const { engine, audio } = await start(loader.load);
    engine.setPreferences({ microphoneId: 'mic-2' });
    const failing = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const refreshing = engine.refreshAudioDevices();
      loader.reject(new Error('Failed to fetch dynamically imported module'));
      await expect(refreshing).resolves.toBeUndefined(); // never rejects
      expect(engine.getState().audio.error).toBe(AUDIO_MODULE_NOT_LOADED);
      expect(engine.getState().audio.inUse.microphoneId).toBe('mic-2');
      expect(engine.getState().preferences.microphoneId).toBe('mic-2');

      const playing = engine.playTestSound('speaker');
      loader.reject(new Error('Failed to fetch dynamically imported module'));
      await expect(playing).rejects.toThrow(AUDIO_MODULE_NOT_LOADED);
      expect(audio.played).toEqual([]);
      expect(failing).toHaveBeenCalled();
    } finally {
      failing.mockRestore();
    }

    const again = engine.refreshAudioDevices();
    expect(loader.calls()).toBe(3);
    loader.resolve();
    await again;
    expect(engine.getState().audio.error).toBeNull();
    expect(engine.getState().audio.inputs).toEqual([MIC_1, MIC_2]);
    await engine.playTestSound('speaker');
    expect(audio.played).toHaveLength(1);
    expect(loader.calls()).toBe(3);
  });
});
