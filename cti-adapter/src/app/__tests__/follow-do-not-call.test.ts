import { followDoNotCall } from '../page-extras';
import { DoNotCallGuard } from '../../core/do-not-call/do-not-call-guard';
import { mergeSettings, type DoNotCallMode, type Settings } from '../../core/settings/settings';
import type { SettingsChange } from '../../core/settings/settings-change';

/** An engine stand-in: its settings (loaded or not yet), its state and `settingsChange` listeners, the check set. */
function engineWith(mode: DoNotCallMode, settingsLoaded = true) {
  let state: { settings: Settings; settingsLoaded: boolean } = {
    settings: mergeSettings({ dncCallMode: mode }),
    settingsLoaded,
  };
  const changeListeners = new Set<(change: SettingsChange) => void>();
  const stateListeners = new Set<(next: typeof state) => void>();
  const setDialGuard = jest.fn();
  const engine = {
    getState: () => state,
    subscribe: (listener: (next: typeof state) => void) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    on: (_type: 'settingsChange', listener: (change: SettingsChange) => void) => {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    setDialGuard,
  };
  /** The settings load (or change) to `next`, as the engine publishes it: the state, then `settingsChange`. */
  const load = (next: DoNotCallMode): void => {
    const previous = state.settings;
    state = { settings: mergeSettings({ dncCallMode: next }), settingsLoaded: true };
    stateListeners.forEach((listener) => listener(state));
    if (previous.dncCallMode !== next)
      changeListeners.forEach((listener) => listener({ settings: state.settings, previous, changed: ['dncCallMode'] }));
  };
  return { engine, setDialGuard, load, changeListeners, stateListeners };
}

const loaded = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('followDoNotCall (ADR 0031: the check of outbound calls is loaded only when it is on)', () => {
  it('installs the check at once when the loaded settings say warn or block', async () => {
    const { engine, setDialGuard } = engineWith('block');
    followDoNotCall(engine, jest.fn());
    await loaded();
    expect(setDialGuard).toHaveBeenCalledTimes(1);
    expect(setDialGuard.mock.calls[0]?.[0]).toBeInstanceOf(DoNotCallGuard);
  });

  it('off: says "no check" at once (waiting dials go on), and installs the check when a change turns it on', async () => {
    const { engine, setDialGuard, load, changeListeners } = engineWith('off');
    followDoNotCall(engine, jest.fn());
    expect(setDialGuard).toHaveBeenCalledWith(null);
    load('off');
    await loaded();
    expect(setDialGuard).toHaveBeenCalledTimes(1);
    load('warn');
    await loaded();
    expect(setDialGuard).toHaveBeenCalledTimes(2);
    expect(setDialGuard.mock.calls[1]?.[0]).toBeInstanceOf(DoNotCallGuard);
    expect(changeListeners.size).toBe(0);
  });

  it('says nothing while the settings are not loaded, then decides on the loaded ones (all defaults: no check)', async () => {
    const { engine, setDialGuard, load, stateListeners } = engineWith('off', false);
    followDoNotCall(engine, jest.fn());
    await loaded();
    expect(setDialGuard).not.toHaveBeenCalled();
    load('off'); // the defaults: no settingsChange, only the state
    expect(setDialGuard).toHaveBeenCalledWith(null);
    expect(stateListeners.size).toBe(0);
  });

  it('settings loaded with block after the page extras started: the check is installed once', async () => {
    const { engine, setDialGuard, load } = engineWith('off', false);
    followDoNotCall(engine, jest.fn());
    load('block');
    await loaded();
    expect(setDialGuard).toHaveBeenCalledTimes(1);
    expect(setDialGuard.mock.calls[0]?.[0]).toBeInstanceOf(DoNotCallGuard);
  });
});
