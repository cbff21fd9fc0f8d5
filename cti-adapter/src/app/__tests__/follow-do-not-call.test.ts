import { followDoNotCall } from '../page-extras';
import { DoNotCallGuard } from '../../core/do-not-call/do-not-call-guard';
import { mergeSettings, type DoNotCallMode } from '../../core/settings/settings';
import type { SettingsChange } from '../../core/settings/settings-change';

/** An engine stand-in: its settings in force, its `settingsChange` listeners and the installed check. */
function engineWith(mode: DoNotCallMode) {
  let settings = mergeSettings({ dncCallMode: mode });
  const listeners = new Set<(change: SettingsChange) => void>();
  const setDialGuard = jest.fn();
  const engine = {
    getState: () => ({ settings }) as never,
    on: (_type: 'settingsChange', listener: (change: SettingsChange) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setDialGuard,
  };
  const change = (next: DoNotCallMode): void => {
    const previous = settings;
    settings = mergeSettings({ dncCallMode: next });
    listeners.forEach((listener) => listener({ settings, previous, changed: ['dncCallMode'] }));
  };
  return { engine, setDialGuard, change, listeners };
}

const loaded = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('followDoNotCall (ADR 0031: the check of outbound calls is loaded only when it is on)', () => {
  it('installs the check at once when the settings say warn or block', async () => {
    const { engine, setDialGuard } = engineWith('block');
    followDoNotCall(engine, jest.fn());
    await loaded();
    expect(setDialGuard).toHaveBeenCalledTimes(1);
    expect(setDialGuard.mock.calls[0]?.[0]).toBeInstanceOf(DoNotCallGuard);
  });

  it('off: installs nothing until the loaded settings turn it on, then once', async () => {
    const { engine, setDialGuard, change, listeners } = engineWith('off');
    followDoNotCall(engine, jest.fn());
    await loaded();
    expect(setDialGuard).not.toHaveBeenCalled();
    change('off');
    await loaded();
    expect(setDialGuard).not.toHaveBeenCalled();
    change('warn');
    await loaded();
    expect(setDialGuard).toHaveBeenCalledTimes(1);
    expect(listeners.size).toBe(0);
  });
});
