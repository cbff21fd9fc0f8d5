import { settle } from '../../core/__tests__/support/fake-clock';
import { startEngine } from '../../core/engine/__tests__/engine-harness';
import { EngineController } from '../engine-controller';

describe('EngineController', () => {
  it('drives a call through the engine and saves its log once', async () => {
    const { engine, telephony, crm } = await startEngine();
    const controller = new EngineController({ engine });
    const callId = telephony.ring({ from: '+16505550101', name: 'LEE ANN' });
    await settle();
    await controller.answer(callId);
    controller.updateForm(callId, { notes: 'Renewal' });
    telephony.end(callId, 'remote-hangup');
    await settle();
    await Promise.all([controller.saveLog(callId), controller.saveLog(callId)]);
    expect(telephony.count('answer')).toBe(1);
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(controller.state.calls.find((c) => c.call.callId === callId)).toBeUndefined();
  });

  it('turns a validation failure of Save into an Error the form can show', async () => {
    const { engine, telephony } = await startEngine({ settings: { dispositionsMandatory: true } });
    const controller = new EngineController({ engine });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await controller.answer(callId);
    telephony.end(callId, 'remote-hangup');
    await settle();
    await expect(controller.saveLog(callId)).rejects.toThrow(/disposition/i);
  });

  it('completes a warm transfer with the consult call it started', async () => {
    const { engine, telephony } = await startEngine();
    const controller = new EngineController({ engine });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await controller.answer(callId);
    await expect(controller.completeWarmTransfer(callId)).rejects.toThrow('No consultation call');
    await controller.warmTransfer(callId, '102');
    await controller.completeWarmTransfer(callId);
    expect(telephony.count('completeWarmTransfer')).toBe(1);
  });

  it('cancelAutoLog stops the countdown without marking the log form as edited', async () => {
    const { engine, telephony, crm, clock } = await startEngine({ settings: { autoLog: true } });
    const controller = new EngineController({ engine });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    controller.cancelAutoLog(callId);
    expect(controller.state.calls.find((c) => c.call.callId === callId)).toMatchObject({
      autoLogAt: null,
      formEdited: false,
    });
    clock.advance(60_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
  });

  it('passes the commands of its table to the engine unchanged', async () => {
    const { engine, telephony } = await startEngine();
    const controller = new EngineController({ engine });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await controller.answer(callId);
    await controller.mute(callId, true);
    await controller.hold(callId, true);
    await expect(controller.sendDtmf(callId, 'x')).rejects.toThrow(/Invalid DTMF/);
    controller.setPreferences({ ringerEnabled: false });
    expect(telephony.calls.map((c) => c.method)).toEqual(['answer', 'mute', 'hold']);
    expect(controller.state.calls[0]?.call).toMatchObject({ state: 'held', muted: true });
    expect(controller.state.preferences.ringerEnabled).toBe(false);
  });

  it('rejects sign-in when no RingCentral session is wired', async () => {
    const { engine } = await startEngine();
    await expect(new EngineController({ engine }).login()).rejects.toThrow('not available');
  });
});
