import type { RtcEnvironment, WebRtcSessionLike } from '../browser-webrtc-session';
import { BrowserAudioDevices, type SinkableAudioContext } from '../browser-audio-devices';
import { CallAudioDevices } from '../call-audio-devices';
import { WebAudioRingtone, type AudioContextLike } from '../web-audio-ringtone';

function fakeContext(log: string[], options: { sinkFails?: string } = {}): SinkableAudioContext {
  return {
    currentTime: 5,
    state: 'suspended',
    destination: 'out',
    resume: async () => void log.push('resume'),
    setSinkId: async (id: string) => {
      if (options.sinkFails) throw Object.assign(new Error('gone'), { name: options.sinkFails });
      log.push(`sink ${id}`);
    },
    close: async () => void log.push('close'),
    createOscillator: () => {
      const osc = {
        frequency: { value: 0 },
        connect: () => undefined,
        start: () => log.push(`tone ${osc.frequency.value}`),
        stop: (when?: number) => log.push(`until ${String(when)}`),
      };
      return osc;
    },
    createGain: () => ({
      gain: { value: 0, setValueAtTime: (v: number, t: number) => log.push(`gain ${v}@${t}`) },
      connect: () => undefined,
      disconnect: () => undefined,
    }),
  };
}

describe('BrowserAudioDevices', () => {
  it("lists microphones and speakers without the system's aliases and follows devicechange", async () => {
    const listeners: (() => void)[] = [];
    const devices = new BrowserAudioDevices({
      canChooseOutput: true,
      mediaDevices: {
        enumerateDevices: async () => [
          { deviceId: 'default', kind: 'audioinput', label: 'Default - Jabra' },
          { deviceId: 'mic-1', kind: 'audioinput', label: 'Jabra' },
          { deviceId: 'cam-1', kind: 'videoinput', label: 'Camera' },
          { deviceId: 'communications', kind: 'audiooutput', label: 'Communications' },
          { deviceId: 'spk-1', kind: 'audiooutput', label: 'Speakers' },
        ],
        addEventListener: (_type, listener) => listeners.push(listener),
      },
    });
    await expect(devices.list()).resolves.toEqual([
      { deviceId: 'mic-1', kind: 'audioinput', label: 'Jabra' },
      { deviceId: 'spk-1', kind: 'audiooutput', label: 'Speakers' },
    ]);
    const first = jest.fn();
    const second = jest.fn();
    devices.on('changed', first);
    devices.on('changed', second);
    expect(listeners).toHaveLength(1);
    listeners[0]!();
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 1]);
  });

  it('refuses to list where the page has no mediaDevices', async () => {
    await expect(new BrowserAudioDevices({ mediaDevices: null }).list()).rejects.toThrow('needs HTTPS');
  });

  it('plays the ringer test for 2 s on the chosen device at the given volume, then closes its context', async () => {
    const log: string[] = [];
    const sleep = jest.fn(async () => undefined);
    const devices = new BrowserAudioDevices({ mediaDevices: null, createContext: () => fakeContext(log), sleep });
    await devices.playTestSound('ringer', 'spk-2', 0.5);
    expect(log).toEqual([
      'sink spk-2',
      'resume',
      'gain 0.075@5',
      'gain 0@7',
      'tone 440',
      'until 7',
      'tone 480',
      'until 7',
      'close',
    ]);
    expect(sleep).toHaveBeenCalledWith(2000);
  });

  it('says when the chosen device is gone', async () => {
    const log: string[] = [];
    const devices = new BrowserAudioDevices({
      mediaDevices: null,
      createContext: () => fakeContext(log, { sinkFails: 'NotFoundError' }),
      sleep: async () => undefined,
    });
    await expect(devices.playTestSound('speaker', 'spk-9', 1)).rejects.toThrow('That device is not connected.');
    expect(log).toEqual(['close']);
  });
});

describe('CallAudioDevices', () => {
  function base(log: string[], failing: string[] = []): RtcEnvironment {
    return {
      createPeerConnection: () => ({}) as RTCPeerConnection,
      getUserMedia: async (constraints) => {
        log.push(`getUserMedia ${JSON.stringify(constraints.audio)}`);
        const audio = constraints.audio as { deviceId?: { exact: string } } | boolean;
        if (typeof audio === 'object' && failing.includes(audio.deviceId?.exact ?? ''))
          throw new Error('OverconstrainedError');
        return {} as MediaStream;
      },
      createAudioElement: () =>
        ({ setSinkId: async (id: string) => void log.push(`setSinkId ${id}`) }) as unknown as HTMLAudioElement,
    };
  }

  it('opens the chosen microphone and plays on the chosen speaker; a gone microphone gives way to the default', async () => {
    const log: string[] = [];
    const devices = new CallAudioDevices();
    const rtc = devices.environment(base(log, ['mic-gone']));
    await rtc.getUserMedia({ audio: true, video: false });
    await devices.use({ microphoneId: 'mic-2', speakerId: 'spk-1' });
    await rtc.getUserMedia({ audio: true, video: false });
    rtc.createAudioElement();
    await devices.use({ microphoneId: 'mic-gone', speakerId: null });
    await rtc.getUserMedia({ audio: true, video: false });
    await Promise.resolve();
    expect(log).toEqual([
      'getUserMedia true',
      'getUserMedia {"deviceId":{"exact":"mic-2"}}',
      'setSinkId spk-1',
      'getUserMedia {"deviceId":{"exact":"mic-gone"}}',
      'getUserMedia true',
    ]);
  });

  it('moves the live calls to a new choice and stops following a disposed call', async () => {
    const calls: string[] = [];
    const session = (name: string): WebRtcSessionLike =>
      ({
        changeInputDevice: async (id: string) => void calls.push(`${name} mic ${id}`),
        changeOutputDevice: async (id: string) => void calls.push(`${name} speaker ${id}`),
        dispose: () => void calls.push(`${name} disposed`),
      }) as unknown as WebRtcSessionLike;
    const devices = new CallAudioDevices();
    const a = devices.track(session('a'));
    devices.track(session('b'));
    await devices.use({ microphoneId: 'mic-2', speakerId: null });
    a.dispose();
    await devices.use({ microphoneId: null, speakerId: 'spk-1' });
    expect(calls).toEqual(['a mic mic-2', 'b mic mic-2', 'a disposed', 'b mic ', 'b speaker spk-1']);
  });
});

describe('WebAudioRingtone output', () => {
  it('rings on the ringer device at the ringer volume, and follows a change while ringing', () => {
    const log: string[] = [];
    const context = fakeContext(log) as AudioContextLike;
    const ringtone = new WebAudioRingtone(() => context, 0.2);
    ringtone.setOutput({ deviceId: 'spk-2', volume: 0.5 });
    ringtone.start();
    expect(log.slice(0, 3)).toEqual(['sink spk-2', 'resume', 'gain 0.1@5']);
    log.length = 0;
    ringtone.setOutput({ deviceId: null, volume: 1 });
    expect(log[0]).toBe('sink ');
    expect(log).toContain('gain 0.2@5');
  });
});
