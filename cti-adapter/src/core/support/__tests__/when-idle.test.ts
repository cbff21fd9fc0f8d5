import { whenIdle } from '../when-idle';

describe('whenIdle', () => {
  afterEach(() => {
    delete (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback;
  });

  it('waits for the idle callback, with the deadline given', async () => {
    const asked: { timeout: number }[] = [];
    let run: () => void = () => undefined;
    (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback = (
      callback: () => void,
      options: { timeout: number },
    ) => {
      asked.push(options);
      run = callback;
      return 1;
    };
    let idle = false;
    const waiting = whenIdle(500).then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    expect(asked).toEqual([{ timeout: 500 }]);
    run();
    await waiting;
    expect(idle).toBe(true);
  });

  it('resolves in the next task where the host has no idle callback', async () => {
    await expect(whenIdle()).resolves.toBeUndefined();
  });
});
