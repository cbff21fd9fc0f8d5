import { MemoryKeyValueStore } from '../../../core/ports/key-value-store';
import { INSTANCE_ID_KEY, stableInstanceId } from '../instance-id';
import { reconnectDelayMs } from '../reconnect-backoff';
import { AudioElementRingtone, type AudioLike } from '../ringtone';

describe('AudioElementRingtone', () => {
  function audio(play: () => Promise<void> | void = async () => undefined) {
    const log: string[] = [];
    const element: AudioLike = {
      loop: false,
      currentTime: 5,
      play: () => {
        log.push('play');
        return play();
      },
      pause: () => log.push('pause'),
    };
    return { element, log };
  }

  it('loops, plays once while ringing and rewinds on stop', () => {
    const { element, log } = audio();
    const ringtone = new AudioElementRingtone(element);
    expect(element.loop).toBe(true);
    ringtone.start();
    ringtone.start();
    ringtone.stop();
    expect(log).toEqual(['play', 'pause']);
    expect(element.currentTime).toBe(0);
  });

  it('swallows an autoplay refusal and tries again on the next ring', async () => {
    const { element, log } = audio(() =>
      Promise.reject(Object.assign(new Error('autoplay'), { name: 'NotAllowedError' })),
    );
    const ringtone = new AudioElementRingtone(element);
    ringtone.start();
    await Promise.resolve();
    await Promise.resolve();
    ringtone.start();
    expect(log).toEqual(['play', 'play']);
  });

  it('fromUrl is null without an Audio constructor (Node)', () => {
    expect(AudioElementRingtone.fromUrl('/ring.mp3')).toBeNull();
  });
});

describe('stableInstanceId', () => {
  it('creates a UUID once and returns it afterwards', () => {
    const store = new MemoryKeyValueStore();
    const first = stableInstanceId(store);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(stableInstanceId(store)).toBe(first);
    expect(store.get(INSTANCE_ID_KEY)).toBe(first);
    expect(stableInstanceId(new MemoryKeyValueStore())).not.toBe(first);
  });
});

describe('reconnectDelayMs', () => {
  it('grows exponentially with jitter and is capped', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 10].map((n) => reconnectDelayMs(n, { random: mid }))).toEqual([1000, 2000, 4000, 8000, 30000]);
    expect(reconnectDelayMs(1, { random: () => 0 })).toBe(800);
    expect(reconnectDelayMs(1, { random: () => 1 })).toBe(1200);
  });
});
