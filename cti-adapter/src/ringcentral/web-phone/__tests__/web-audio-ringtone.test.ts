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
  function statefulContext() {
    const { context, log } = fakeContext();
    let state = 'running';
    let created = 0;
    const stateful: AudioContextLike = {
      ...context,
      get state() {
        return state;
      },
      suspend: async () => {
        state = 'suspended';
        log.push('suspend');
      },
      resume: async () => {
        state = 'running';
        log.push('resume');
      },
    };
    const create = (): AudioContextLike => {
      created += 1;
      return stateful;
    };
    return { create, log, created: () => created };
  }

  it('creates the context once, ahead, and holds no audio device until a call rings', async () => {
    const { create, log, created } = statefulContext();
    const ringtone = new WebAudioRingtone(create);
    ringtone.prepare();
    ringtone.prepare();
    await Promise.resolve();
    expect(created()).toBe(1);
    // One silent oscillator (never connected), started and stopped at once; then the context is suspended.
    expect(log).toEqual(['start 0@undefined', 'stop 0', 'suspend']);
    ringtone.start();
    expect(created()).toBe(1);
    expect(log.slice(2)).toEqual([
      'suspend',
      'resume',
      'gain→speakers',
      'start 440@10',
      'stop 440@70',
      'start 480@10',
      'stop 480@70',
    ]);
  });

  it('shares one context between the ring and the call-waiting tone, suspended only when neither plays', async () => {
    const { create, log, created } = statefulContext();
    const ring = new WebAudioRingtone(create);
    const waiting = new WebAudioRingtone(create, 0.15, CALL_WAITING_CADENCE);
    ring.prepare();
    await Promise.resolve();
    ring.start();
    waiting.prepare();
    expect(created()).toBe(2); // each asks the page's factory, which hands out the same context
    expect(log.filter((e) => e === 'suspend')).toHaveLength(1); // prepared once, never while the ring plays
    ring.stop();
    await Promise.resolve();
    expect(log.at(-1)).toBe('suspend');
  });

  it('resumes a context whose suspension was under way when a tone started', async () => {
    const { create, log } = statefulContext();
    const ringtone = new WebAudioRingtone(create);
    ringtone.start();
    ringtone.stop(); // suspension starts (state still running until it settles)
    ringtone.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log.filter((e) => e === 'suspend' || e === 'resume').at(-1)).toBe('resume');
  });

  it('never suspends a context that is ringing, and is harmless without Web Audio', () => {
    const { create, log } = statefulContext();
    const ringtone = new WebAudioRingtone(create);
    ringtone.start();
    ringtone.prepare();
    expect(log).not.toContain('suspend');
    expect(() => new WebAudioRingtone(() => null).prepare()).not.toThrow();
  });
});
