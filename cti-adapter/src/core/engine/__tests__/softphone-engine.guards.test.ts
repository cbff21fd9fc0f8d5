import { CallTransitionError } from '../../call/call-transition-error';
import { settle } from '../../__tests__/support/fake-clock';
import type { SoftphoneEngine } from '../softphone-engine';
import { startEngine, viewOf } from './engine-harness';

type Command = (engine: SoftphoneEngine, callId: string) => Promise<unknown>;

const ON_A_RINGING_CALL: [string, Command][] = [
  ['mute', (e, id) => e.mute(id, true)],
  ['hold', (e, id) => e.hold(id, true)],
  ['resume', (e, id) => e.hold(id, false)],
  ['sendDtmf', (e, id) => e.sendDtmf(id, '1')],
  ['transfer', (e, id) => e.transfer(id, '102')],
  ['warmTransfer', (e, id) => e.warmTransfer(id, '102')],
  ['completeWarmTransfer', (e, id) => e.completeWarmTransfer(id, 'consult')],
  ['startRecording', (e, id) => e.startRecording(id)],
  ['stopRecording', (e, id) => e.stopRecording(id)],
];

describe('SoftphoneEngine — guards name the command they guard', () => {
  it.each(ON_A_RINGING_CALL)(
    '%s on a ringing call → CallTransitionError naming it; nothing is sent',
    async (name, run) => {
      const { engine, telephony } = await startEngine();
      const callId = telephony.ring({ from: '+16505550101' });
      await settle();
      const error = await run(engine, callId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CallTransitionError);
      expect(error).toMatchObject({ event: name, from: 'ringing' });
      expect((error as Error).message).toBe(`Call ${callId}: "${name}" is not allowed in state "ringing"`);
      expect(telephony.calls).toEqual([]);
    },
  );

  it('answer, decline, voicemail and hang-up name themselves too', async () => {
    const { engine, telephony } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    await expect(engine.answer(callId)).rejects.toMatchObject({ event: 'answer', from: 'connected' });
    await expect(engine.decline(callId)).rejects.toMatchObject({ event: 'decline', from: 'connected' });
    await expect(engine.toVoicemail(callId)).rejects.toMatchObject({ event: 'toVoicemail', from: 'connected' });
    await engine.hangup(callId);
    await expect(engine.hangup(callId)).rejects.toMatchObject({ event: 'hangup', from: 'ended' });
  });

  it('an unknown call is an Error, not a CallTransitionError', async () => {
    const { engine } = await startEngine();
    await expect(engine.mute('nope', true)).rejects.toThrow('Unknown call nope');
  });
});

describe('SoftphoneEngine — the core owns why a call ended', () => {
  it('a command the telephony refuses leaves no end intent behind', async () => {
    const { engine, telephony } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    telephony.failNext = new Error('Transfer refused');
    await expect(engine.transfer(callId, '102')).rejects.toThrow('Transfer refused');
    telephony.end(callId, 'remote-hangup');
    expect(viewOf(engine, callId).call.endReason).toBe('remote-hangup');
  });

  it('hanging up a call that still rings declines it, and its log says Rejected', async () => {
    const { engine, telephony, crm } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.hangup(callId);
    expect(viewOf(engine, callId).call.endReason).toBe('declined');
    await engine.saveLog(callId);
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ result: 'Rejected', durationSeconds: 0 });
  });

  it('a completed warm transfer ends both the call and the consulted call as transferred', async () => {
    const { engine, telephony } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    const { consultCallId } = await engine.warmTransfer(callId, '102');
    telephony.emit('dialing', { callId: consultCallId, remoteNumber: '102', localNumber: null });
    telephony.emit('answered', { callId: consultCallId });
    await engine.completeWarmTransfer(callId, consultCallId);
    telephony.end(consultCallId, 'remote-hangup');
    expect(viewOf(engine, callId).call.endReason).toBe('transferred');
    expect(viewOf(engine, consultCallId).call.endReason).toBe('transferred');
  });

  it('hanging up a call still dialing cancels it; a refused send-to-voicemail (busy agent) leaves the reported end', async () => {
    const { engine, telephony } = await startEngine({ settings: { toVoicemailWhenBusy: true } });
    const { callId: out } = await engine.dial('6505550101');
    await engine.hangup(out);
    expect(viewOf(engine, out).call.endReason).toBe('cancelled');
    const first = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(first);
    telephony.failNext = new Error('busy');
    const second = telephony.ring({ from: '+16505550103' });
    await settle();
    expect(engine.getState().notices.map((n) => n.code)).toContain('VOICEMAIL_FAILED');
    telephony.end(second, 'missed');
    expect(viewOf(engine, second).call.endReason).toBe('missed');
  });
});
