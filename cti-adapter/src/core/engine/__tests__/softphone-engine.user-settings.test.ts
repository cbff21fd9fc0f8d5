import { settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { applyAgentChoices, parseAgentChoices } from '../../settings/agent-choices';
import { DEFAULT_SETTINGS } from '../../settings/settings';
import { ANN, BOB, CARLA } from '../../__tests__/support/sample-world';
import { startEngine, viewOf } from './engine-harness';

describe('SoftphoneEngine — user-level settings and admin locks (ADR 0014)', () => {
  it("applies the agent's choices over the admin's defaults, and keeps them across a restart", async () => {
    const store = new MemoryKeyValueStore();
    const first = await startEngine({ store, settings: { autoLog: false, inboundPop: 'ringing' } });
    first.engine.setPreferences({ autoLog: true, inboundPop: 'answer', callingDevice: 'ringout', callerId: '+1650' });
    expect(first.engine.getState().settings).toMatchObject({ autoLog: true, inboundPop: 'answer' });
    expect(first.engine.getState().preferences).toMatchObject({ callingDevice: 'ringout', callerId: '+1650' });
    const again = await startEngine({ store, settings: { autoLog: false } });
    expect(again.engine.getState().settings).toMatchObject({ autoLog: true, inboundPop: 'answer' });
    expect(again.engine.getState().preferences.callingDevice).toBe('ringout');
  });

  it('a locked setting keeps the admin value, refuses a change with a notice, and wins over an earlier choice', async () => {
    const store = new MemoryKeyValueStore();
    const before = await startEngine({ store });
    before.engine.setPreferences({ autoLog: false, ringerEnabled: false });
    const crm = new FakeCrmGateway();
    crm.locked = ['autoLog'];
    const { engine, telephony } = await startEngine({ store, crm, settings: { autoLog: true } });
    const state = engine.getState();
    expect(state.lockedSettings).toEqual(['autoLog']);
    expect(state.settings.autoLog).toBe(true);
    expect(state.preferences.ringerEnabled).toBe(false);
    engine.setPreferences({ autoLog: false, ringerVolume: 0.5 });
    expect(engine.getState().settings.autoLog).toBe(true);
    expect(engine.getState().preferences.ringerVolume).toBe(0.5);
    await settle();
    expect(engine.getState().notices.at(-1)).toMatchObject({
      code: 'SETTING_LOCKED',
      params: [{ settings: ['autoLog'] }],
      message: 'autoLog: set by your admin.',
    });
    // The locked value is the one the call flows use: the call is logged on answer (autoLog without saveOnRinging).
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(viewOf(engine, callId).form.whoId).toBe(ANN.id);
  });

  it('keeps a calling device or ringer changed before user-level settings existed', async () => {
    const store = new MemoryKeyValueStore();
    store.set(
      'softphone.preferences',
      JSON.stringify({ callingDevice: 'ringout', ringerEnabled: true, callerId: null }),
    );
    const { engine } = await startEngine({ store });
    expect(engine.getState().preferences).toMatchObject({ callingDevice: 'ringout', ringerEnabled: true });
    expect(engine.getState().settings.callingDevice).toBe('ringout');
  });

  it("the agent's own no-match and several-matches pops drive the next call, unless the admin locked them", async () => {
    const free = await startEngine({ settings: { noMatchPop: 'newContact', multipleMatchPop: 'none' } });
    free.engine.setPreferences({ noMatchPop: 'search', multipleMatchPop: 'first' });
    expect(free.engine.getState().settings).toMatchObject({ noMatchPop: 'search', multipleMatchPop: 'first' });
    free.telephony.ring({ from: '+16505550199' });
    await settle();
    expect(free.host.pops).toEqual([{ kind: 'search', searchString: '6505550199' }]);

    const crm = new FakeCrmGateway();
    crm.locked = ['noMatchPop'];
    const store = new MemoryKeyValueStore();
    store.set('softphone.choices', JSON.stringify({ noMatchPop: 'none', multipleMatchPop: 'search' }));
    const locked = await startEngine({ store, crm, settings: { noMatchPop: 'newLead' } });
    expect(locked.engine.getState().settings).toMatchObject({ noMatchPop: 'newLead', multipleMatchPop: 'search' });
    locked.engine.setPreferences({ noMatchPop: 'none' });
    await settle();
    expect(locked.engine.getState().notices.at(-1)).toMatchObject({
      code: 'SETTING_LOCKED',
      params: [{ settings: ['noMatchPop'] }],
      message: 'noMatchPop: set by your admin.',
    });
    locked.telephony.ring({ from: '+16505550199' });
    await settle();
    expect(locked.host.pops).toEqual([
      { kind: 'newRecord', entityName: 'Lead', defaultFieldValues: { Phone: '+16505550199', Company: 'Unknown' } },
    ]);
  });

  it('several matches pop the search page at once with multipleMatchPop search', async () => {
    const { telephony, host } = await startEngine({ settings: { multipleMatchPop: 'search' } });
    telephony.ring({ from: '+16505550102' });
    await settle();
    expect(host.pops).toEqual([{ kind: 'search', searchString: '6505550102' }]);
    expect([CARLA.id, BOB.id]).toHaveLength(2);
  });
});

describe('agent choices (pure)', () => {
  it('apply to unlocked keys only and read only known keys of the right kind', () => {
    const settings = applyAgentChoices(DEFAULT_SETTINGS, { autoLog: true, outboundPop: 'off' }, ['outboundPop']);
    expect(settings).toMatchObject({ autoLog: true, outboundPop: 'ringing' });
    expect(
      parseAgentChoices({ autoLog: 'yes', inboundPop: 'answer', defaultRegion: 'GB', ringerEnabled: false }),
    ).toEqual({ inboundPop: 'answer', ringerEnabled: false });
    expect(parseAgentChoices(null)).toEqual({});
  });

  it('include automatic SMS logging, which an admin can lock like the others', () => {
    expect(parseAgentChoices({ autoLogSms: true, autoLog: 1 })).toEqual({ autoLogSms: true });
    const admin = { ...DEFAULT_SETTINGS, autoLogSms: true };
    expect(applyAgentChoices(admin, { autoLogSms: false }, []).autoLogSms).toBe(false);
    expect(applyAgentChoices(admin, { autoLogSms: false }, ['autoLogSms']).autoLogSms).toBe(true);
    expect(parseAgentChoices({ smsNotesPrompt: true, smsNotes: true })).toEqual({ smsNotesPrompt: true });
    expect(parseAgentChoices({ smsNotesPrompt: 'yes' })).toEqual({});
    const prompting = { ...DEFAULT_SETTINGS, smsNotesPrompt: true };
    expect(applyAgentChoices(prompting, { smsNotesPrompt: false }, []).smsNotesPrompt).toBe(false);
    expect(applyAgentChoices(prompting, { smsNotesPrompt: false }, ['smsNotesPrompt']).smsNotesPrompt).toBe(true);
    expect(parseAgentChoices({ closeCallViewOnHangUp: true, closeView: true })).toEqual({
      closeCallViewOnHangUp: true,
    });
    expect(parseAgentChoices({ closeCallViewOnHangUp: 'on' })).toEqual({});
    const closing = { ...DEFAULT_SETTINGS, closeCallViewOnHangUp: true };
    expect(applyAgentChoices(closing, { closeCallViewOnHangUp: false }, []).closeCallViewOnHangUp).toBe(false);
    expect(
      applyAgentChoices(closing, { closeCallViewOnHangUp: false }, ['closeCallViewOnHangUp']).closeCallViewOnHangUp,
    ).toBe(true);
  });

  it('include what pops on several matches and on none, with only the contract values', () => {
    expect(parseAgentChoices({ noMatchPop: 'newLead', multipleMatchPop: 'first', placeholderObject: 'Lead' })).toEqual({
      noMatchPop: 'newLead',
      multipleMatchPop: 'first',
    });
    expect(parseAgentChoices({ noMatchPop: 'first', multipleMatchPop: 'newContact' })).toEqual({});
    const choices = { noMatchPop: 'none', multipleMatchPop: 'search' } as const;
    expect(applyAgentChoices(DEFAULT_SETTINGS, choices, ['multipleMatchPop'])).toMatchObject({
      noMatchPop: 'none',
      multipleMatchPop: 'none',
    });
  });
});
