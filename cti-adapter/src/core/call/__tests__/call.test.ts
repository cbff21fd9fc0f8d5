import { FakeClock } from '../../__tests__/support/fake-clock';
import { Call } from '../call';
import { CallTransitionError } from '../call-transition-error';

function inbound(clock = new FakeClock()): Call {
  return new Call(
    { callId: 'c1', direction: 'inbound', remoteNumber: '+16505550101', remoteName: 'LEE ANN' },
    { clock },
  );
}

describe('Call state machine', () => {
  it('starts ringing (inbound) or dialing (outbound)', () => {
    const clock = new FakeClock();
    expect(inbound(clock).state).toBe('ringing');
    expect(new Call({ callId: 'c2', direction: 'outbound', remoteNumber: '+1' }, { clock }).state).toBe('dialing');
  });

  it('walks ringing → connected → held → connected → ended with clock timestamps', () => {
    const clock = new FakeClock(1_000);
    const call = inbound(clock);
    const seen: string[] = [];
    call.on('stateChanged', (e) => seen.push(`${e.from}>${e.to}`));
    clock.advance(2_000);
    call.transition({ type: 'answer' });
    call.transition({ type: 'hold' });
    call.transition({ type: 'resume' });
    clock.advance(61_400);
    call.transition({ type: 'end', reason: 'remote-hangup' });
    expect(seen).toEqual(['ringing>connected', 'connected>held', 'held>connected', 'connected>ended']);
    expect(call.snapshot).toMatchObject({
      startedAt: 1_000,
      answeredAt: 3_000,
      endedAt: 64_400,
      endReason: 'remote-hangup',
    });
    expect(call.durationSeconds()).toBe(61);
  });

  it.each([
    ['hold', 'ringing'],
    ['resume', 'ringing'],
  ] as const)('rejects %s while %s with a typed error and changes nothing', (type, state) => {
    const call = inbound();
    expect(() => call.transition({ type })).toThrow(CallTransitionError);
    expect(call.state).toBe(state);
  });

  it('rejects everything after the end', () => {
    const call = inbound();
    call.transition({ type: 'end', reason: 'missed' });
    for (const type of ['answer', 'hold', 'resume'] as const) {
      expect(() => call.transition({ type })).toThrow(/not allowed in state "ended"/);
    }
    expect(() => call.transition({ type: 'end', reason: 'hangup' })).toThrow(CallTransitionError);
    expect(call.snapshot.endReason).toBe('missed');
    expect(call.durationSeconds()).toBe(0);
  });

  it('tells whether an event is allowed', () => {
    const call = inbound();
    expect(call.can('answer')).toBe(true);
    expect(call.can('hold')).toBe(false);
  });

  it('updates facts without changing state and emits only real changes', () => {
    const call = inbound();
    const updates: boolean[] = [];
    call.on('updated', (e) => updates.push(e.snapshot.muted));
    call.update({ muted: true, telephonySessionId: 's-1' });
    call.update({ muted: true });
    expect(updates).toEqual([true]);
    expect(call.snapshot.telephonySessionId).toBe('s-1');
    expect(call.state).toBe('ringing');
  });

  it('snapshots are frozen and restore keeps them', () => {
    const clock = new FakeClock();
    const call = inbound(clock);
    call.transition({ type: 'answer' });
    expect(Object.isFrozen(call.snapshot)).toBe(true);
    const restored = Call.restore(call.snapshot, { clock });
    expect(restored.snapshot).toEqual(call.snapshot);
    expect(restored.can('hold')).toBe(true);
  });
});
