import { CALL_WAITING_CADENCE, WebAudioRingtone, type AudioContextLike } from '../web-audio-ringtone';

function fakeContext(state = 'running') {
  const log: string[] = [];
  const gainEvents: [number, number][] = [];
  const context: AudioContextLike = {
    currentTime: 10,
    state,
    destination: 'speakers',
    resume: async () => {
      log.push('resume');
    },
    createOscillator: () => {
      const osc = {
        frequency: { value: 0 },
        connect: () => undefined,
        start: (when?: number) => log.push(`start ${osc.frequency.value}@${when}`),
        stop: (when?: number) => log.push(`stop ${osc.frequency.value}${when === undefined ? '' : `@${when}`}`),
      };
      return osc;
    },
    createGain: () => ({
      gain: { value: 1, setValueAtTime: (value: number, time: number) => gainEvents.push([value, time]) },
      connect: (node: unknown) => log.push(`gain→${String(node)}`),
      disconnect: () => log.push('disconnect'),
    }),
  };
  return { context, log, gainEvents };
}

describe('WebAudioRingtone', () => {
  it('plays 440+480 Hz with the 2 s on / 4 s off cadence and stops both tones', () => {
    const { context, log, gainEvents } = fakeContext();
    const ringtone = new WebAudioRingtone(() => context, 0.2);
    ringtone.start();
    ringtone.start();
    expect(log).toEqual(['gain→speakers', 'start 440@10', 'stop 440@70', 'start 480@10', 'stop 480@70']);
    expect(gainEvents.slice(0, 4)).toEqual([
      [0.2, 10],
      [0, 12],
      [0.2, 16],
      [0, 18],
    ]);
    ringtone.stop();
    expect(log.slice(-3)).toEqual(['stop 440', 'stop 480', 'disconnect']);
  });

  it('resumes a suspended context (autoplay policy) and is silent without Web Audio', () => {
    const { context, log } = fakeContext('suspended');
    new WebAudioRingtone(() => context).start();
    expect(log[0]).toBe('resume');
    expect(() => new WebAudioRingtone(() => null).start()).not.toThrow();
  });
});

describe('WebAudioRingtone: the call-waiting cadence', () => {
  it('beeps 440 Hz for 0.3 s every 10 s for a minute', () => {
    const { context, log, gainEvents } = fakeContext();
    new WebAudioRingtone(() => context, 0.1, CALL_WAITING_CADENCE).start();
    expect(log).toEqual(['gain→speakers', 'start 440@10', 'stop 440@70']);
    expect(gainEvents.slice(0, 4)).toEqual([
      [0.1, 10],
      [0, 10.3],
      [0.1, 20],
      [0, 20.3],
    ]);
    expect(gainEvents).toHaveLength(12);
  });
});

describe('WebAudioRingtone.prepare: the first ring does no set-up', () => {
  function countingContext() {
    const { context, log } = fakeContext();
    let created = 0;
    const create = (): AudioContextLike => {
      created += 1;
      return context;
    };
    return { create, log, created: () => created };
  }

  it('creates the context and its first oscillator ahead, silent, once per context', () => {
    const { create, log, created } = countingContext();
    const ringtone = new WebAudioRingtone(create);
    ringtone.prepare();
    ringtone.prepare();
    expect(created()).toBe(1);
    // One oscillator, never connected to the output (silent), started and stopped at once.
    expect(log).toEqual(['start 0@undefined', 'stop 0']);
    ringtone.start();
    expect(created()).toBe(1);
    expect(log.slice(2)).toEqual(['gain→speakers', 'start 440@10', 'stop 440@70', 'start 480@10', 'stop 480@70']);
  });

  it('warms nothing for a ringtone that already rang, and is harmless without Web Audio', () => {
    const { create, log, created } = countingContext();
    const ringtone = new WebAudioRingtone(create);
    ringtone.start();
    ringtone.prepare();
    expect(created()).toBe(1);
    expect(log).not.toContain('start 0@undefined');
    expect(() => new WebAudioRingtone(() => null).prepare()).not.toThrow();
  });
});
