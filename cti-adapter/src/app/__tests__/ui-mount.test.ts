/**
 * @jest-environment jsdom
 */
import { mountUi, UI_RETRY_FIRST_MS, UI_RETRY_MAX_MS, type UiModule } from '../ui-mount';
import type { SoftphoneController } from '../../ui/softphone-controller';

const controller = {} as SoftphoneController;

/** A UI chunk stand-in that appends a `<softphone-app>` element holding the controller it was given. */
function uiModule(): UiModule & { mounts: number } {
  const ui = {
    mounts: 0,
    mountApp(root: Element, given: SoftphoneController): Element {
      ui.mounts += 1;
      const element = root.ownerDocument.createElement('softphone-app');
      Object.assign(element, { controller: given });
      root.appendChild(element);
      return element;
    },
  };
  return ui;
}

/** Manual timers: `run()` fires every pending one; `delays` records each delay asked for. */
function timers(): {
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (t: unknown) => void;
  delays: number[];
  run: () => void;
  pending: () => number;
} {
  let next = 0;
  const pending = new Map<number, () => void>();
  const delays: number[] = [];
  return {
    setTimer: (run, ms) => {
      delays.push(ms);
      next += 1;
      pending.set(next, run);
      return next;
    },
    clearTimer: (t) => pending.delete(t as number),
    delays,
    run: () => {
      const due = [...pending.values()];
      pending.clear();
      due.forEach((run) => run());
    },
    pending: () => pending.size,
  };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

function root(): HTMLElement {
  const doc = document.implementation.createHTMLDocument('adapter');
  const element = doc.createElement('div');
  element.id = 'softphone-root';
  doc.body.appendChild(element);
  return element;
}

describe('mountUi: the UI from its own chunk (ADR 0018, "bundle downloaded → running")', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('loads the chunk once and mounts the UI over the controller', async () => {
    const ui = uiModule();
    const load = jest.fn(() => Promise.resolve(ui));
    const into = root();
    const element = await mountUi({ root: into, controller, load, ...timers(), window: new EventTarget() });
    expect(load).toHaveBeenCalledTimes(1);
    expect(ui.mounts).toBe(1);
    expect(into.children).toHaveLength(1);
    expect(element.tagName.toLowerCase()).toBe('softphone-app');
    expect((element as unknown as { controller: unknown }).controller).toBe(controller);
    expect(warn).not.toHaveBeenCalled();
  });

  it('tells the agent in the panel when the chunk cannot load, retries with a growing delay, then mounts once', async () => {
    const ui = uiModule();
    const clock = timers();
    const load = jest
      .fn<Promise<UiModule>, []>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue(ui);
    const into = root();
    let mounted: Element | null = null;
    void mountUi({ root: into, controller, load, ...clock, window: new EventTarget() }).then((e) => (mounted = e));
    await settle();
    const alert = into.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe(
      'The softphone could not load part of its screen (softphone: Failed to fetch dynamically imported module). Reload the page.',
    );
    expect(ui.mounts).toBe(0);
    expect(clock.delays).toEqual([UI_RETRY_FIRST_MS]);
    clock.run();
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    // One message, not one per failure.
    expect(into.querySelectorAll('[role="alert"]')).toHaveLength(1);
    expect(clock.delays).toEqual([UI_RETRY_FIRST_MS, UI_RETRY_FIRST_MS * 2]);
    clock.run();
    await settle();
    expect(load).toHaveBeenCalledTimes(3);
    expect(mounted).not.toBeNull();
    expect(ui.mounts).toBe(1);
    expect(into.querySelector('[role="alert"]')).toBeNull();
    expect(into.children).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });

  it('never waits longer than the longest delay between two loads', async () => {
    const clock = timers();
    const load = jest.fn<Promise<UiModule>, []>().mockRejectedValue(new Error('offline'));
    void mountUi({ root: root(), controller, load, ...clock, window: new EventTarget() });
    for (let i = 0; i < 12; i += 1) {
      await settle();
      clock.run();
    }
    await settle();
    expect(Math.max(...clock.delays)).toBe(UI_RETRY_MAX_MS);
    expect(clock.delays.slice(0, 3)).toEqual([UI_RETRY_FIRST_MS, UI_RETRY_FIRST_MS * 2, UI_RETRY_FIRST_MS * 4]);
  });

  it('loads again at once when the browser is back online, and mounts once', async () => {
    const ui = uiModule();
    const clock = timers();
    const online = new EventTarget();
    const load = jest.fn<Promise<UiModule>, []>().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(ui);
    const into = root();
    const done = mountUi({ root: into, controller, load, ...clock, window: online });
    await settle();
    expect(clock.pending()).toBe(1);
    online.dispatchEvent(new Event('online'));
    await done;
    expect(load).toHaveBeenCalledTimes(2);
    expect(clock.pending()).toBe(0);
    expect(ui.mounts).toBe(1);
    // Later online events load nothing more.
    online.dispatchEvent(new Event('online'));
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    expect(into.querySelector('[role="alert"]')).toBeNull();
  });
});
