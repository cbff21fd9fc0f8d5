import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeCtiHost } from '../../__tests__/support/fake-cti-host';
import { FakeTelephony } from '../../__tests__/support/fake-telephony';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { SoftphoneEngine } from '../../engine/softphone-engine';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from '../settings';
import { changedSettingKeys, whenSettingOn, type SettingsChange } from '../settings-change';

/** An engine over fakes, not started: `settings` is what `getSoftphoneSettings` answers at the start. */
function engineWith(settings: Partial<Settings>) {
  const telephony = new FakeTelephony();
  const crm = new FakeCrmGateway();
  crm.settings = mergeSettings(settings);
  const engine = new SoftphoneEngine({
    telephony,
    host: new FakeCtiHost(),
    crm,
    store: new MemoryKeyValueStore(),
    clock: new FakeClock(),
  });
  const changes: SettingsChange[] = [];
  engine.on('settingsChange', (change) => changes.push(change));
  return { engine, telephony, changes };
}

describe('changedSettingKeys', () => {
  it('names the keys whose value differs, structured values compared by value', () => {
    expect(changedSettingKeys(DEFAULT_SETTINGS, DEFAULT_SETTINGS)).toEqual([]);
    expect(changedSettingKeys(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS })).toEqual([]);
    expect(changedSettingKeys(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, hvsMode: true, autoLog: true })).toEqual([
      'autoLog',
      'hvsMode',
    ]);
    const fields = DEFAULT_SETTINGS.logFields.map((f) => ({ ...f }));
    expect(changedSettingKeys(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, logFields: fields })).toEqual([]);
  });
});

describe('the engine settingsChange event and whenSettingOn', () => {
  it('runs the handler once, when the loaded settings turn hvsMode on', async () => {
    const { engine, changes } = engineWith({ hvsMode: true });
    const run = jest.fn();
    whenSettingOn(engine, 'hvsMode', run);
    expect(run).not.toHaveBeenCalled();
    await engine.start();
    await settle();
    expect(run).toHaveBeenCalledTimes(1);
    expect(changes.some((c) => c.changed.includes('hvsMode') && c.settings.hvsMode && !c.previous.hvsMode)).toBe(true);
    engine.setUnreadMessages(2);
    engine.setPreferences({ autoLog: true });
    await settle();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does not run the handler on other state changes, nor on a change of another setting', async () => {
    const { engine, telephony, changes } = engineWith({});
    const run = jest.fn();
    const states = jest.fn();
    engine.subscribe(states);
    whenSettingOn(engine, 'hvsMode', run);
    await engine.start();
    telephony.setStatus({ state: 'registered' });
    await settle();
    changes.length = 0;
    telephony.ring({ from: '+16505550101' });
    engine.setUnreadMessages(3);
    await settle();
    expect(states).toHaveBeenCalled();
    expect(changes).toEqual([]);
    engine.setPreferences({ autoLog: true });
    await settle();
    expect(changes.map((c) => c.changed)).toEqual([['autoLog']]);
    expect(run).not.toHaveBeenCalled();
  });

  it('runs at once when the setting is already on', () => {
    const run = jest.fn();
    const source = { getState: () => ({ settings: { ...DEFAULT_SETTINGS, hvsMode: true } }), on: jest.fn() };
    whenSettingOn(source, 'hvsMode', run);
    expect(run).toHaveBeenCalledTimes(1);
    expect(source.on).not.toHaveBeenCalled();
  });
});
