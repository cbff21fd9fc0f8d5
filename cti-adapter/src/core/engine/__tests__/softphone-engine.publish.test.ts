import { settle } from '../../__tests__/support/fake-clock';
import { ANN } from '../../__tests__/support/sample-world';
import type { TelephonyEventMap } from '../../ports/telephony-port';
import type { SoftphoneState } from '../softphone-state';
import { startEngine, viewOf } from './engine-harness';

// One publish per turn: each telephony event, agent command or server answer rebuilds and publishes the state once.

describe('SoftphoneEngine — one state per telephony event', () => {
  it('a ring publishes once for the event and once for the match answer, which carries the pop', async () => {
    const { engine, telephony, host, store } = await startEngine();
    const states: SoftphoneState[] = [];
    const seen: { pops: number; stored: boolean }[] = [];
    engine.subscribe((state) => {
      states.push(state);
      const stored = store.get(`softphone.draft.${state.calls[0]?.call.callId}`);
      seen.push({ pops: host.pops.length, stored: stored !== null && JSON.parse(stored).popped === true });
    });
    const callId = telephony.ring({ from: '+16505550101' });
    expect(states).toHaveLength(1);
    expect(states[0]?.calls[0]).toMatchObject({ matchStatus: 'pending', call: { callId, state: 'ringing' } });
    await settle();
    expect(states).toHaveLength(2);
    expect(states[1]?.calls[0]).toMatchObject({ matchStatus: 'done', popped: true, form: { whoId: ANN.id } });
    // The pop left before the matched draft was persisted and published.
    expect(seen[1]).toEqual({ pops: 1, stored: true });
  });

  it.each([
    ['answered', (id: string) => ({ type: 'answered', event: { callId: id } })],
    ['held', (id: string) => ({ type: 'held', event: { callId: id, held: true } })],
    ['muted', (id: string) => ({ type: 'muted', event: { callId: id, muted: true } })],
    ['recording', (id: string) => ({ type: 'recording', event: { callId: id, active: true, recordingId: 'r-1' } })],
    ['identified', (id: string) => ({ type: 'identified', event: { callId: id, partyId: 'p-9' } })],
    ['ended', (id: string) => ({ type: 'ended', event: { callId: id, reason: 'remote-hangup' } })],
  ] as const)('%s publishes one state', async (_name, make) => {
    const { engine, telephony } = await startEngine({ settings: { autoLog: true } });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    if (_name !== 'answered') telephony.emit('answered', { callId });
    await settle();
    let count = 0;
    engine.subscribe(() => (count += 1));
    const { type, event } = make(callId);
    telephony.emit(type as keyof TelephonyEventMap, event as never);
    expect(count).toBe(1);
  });

  it('an outbound call placed and reported while dial() runs publishes once for the command', async () => {
    const { engine } = await startEngine();
    let count = 0;
    engine.subscribe(() => (count += 1));
    const dialing = engine.dial('6505550101');
    expect(count).toBe(1);
    const { callId } = await dialing;
    expect(viewOf(engine, callId).call.telephonySessionId).toBe(`s-${callId}`);
  });

  it('a note typed is persisted before the state that shows it is published', async () => {
    const { engine, telephony, store } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    const stored: string[] = [];
    engine.subscribe(() => stored.push(JSON.parse(store.get(`softphone.draft.${callId}`) ?? '{}').form.notes));
    engine.setNotes(callId, 'Renewal in May');
    expect(stored).toEqual(['Renewal in May']);
  });
});
