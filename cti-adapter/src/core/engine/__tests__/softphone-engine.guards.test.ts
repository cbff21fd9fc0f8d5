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

describe('SoftphoneEngine — one telephony session is one call (ADR 0028, sixth amendment)', () => {
  it('a second ringing of a session already ringing, under another call id, is not a second call: one record, one matchNumbers, one pop', async () => {
    const { engine, telephony, crm, host } = await startEngine();
    telephony.ring({ callId: 'reoffer-s-1', from: '+16505550101', telephonySessionId: 's-1' });
    await settle();
    telephony.ring({ callId: 'sip-call-9', from: '+16505550101', telephonySessionId: 's-1' });
    await settle();
    expect(engine.getState().calls.map((c) => c.call.callId)).toEqual(['reoffer-s-1']);
    expect(crm.requests.filter((r) => r.endpoint === 'matchNumbers')).toHaveLength(1);
    expect(host.pops).toHaveLength(1);
    telephony.end('sip-call-9', 'missed'); // the unknown id's events change nothing
    await settle();
    expect(viewOf(engine, 'reoffer-s-1').call.state).toBe('ringing');
    await engine.answer('reoffer-s-1');
    expect(telephony.calls).toEqual([{ method: 'answer', args: ['reoffer-s-1'] }]);
  });

  it('a new ringing of a session whose call is no longer ringing (answered, ended) is a call of its own', async () => {
    const { engine, telephony } = await startEngine();
    telephony.ring({ callId: 'a', from: '+16505550101', telephonySessionId: 's-1' });
    await settle();
    telephony.end('a', 'missed');
    await settle();
    telephony.ring({ callId: 'b', from: '+16505550101', telephonySessionId: 's-1' });
    await settle();
    expect(viewOf(engine, 'b').call.state).toBe('ringing');
  });
});
