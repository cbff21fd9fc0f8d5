import { CallLogOutbox } from '../../call-log/call-log-outbox';
import { sampleCallLog } from '../../../../test-support/sample-call-log';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { afterIdle, FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeCtiHost } from '../../__tests__/support/fake-cti-host';
import { FakeTelephony } from '../../__tests__/support/fake-telephony';
import { SoftphoneEngine } from '../softphone-engine';
import { ANN } from '../../__tests__/support/sample-world';
import type { TelephonyEventMap } from '../../ports/telephony-port';
import type { SoftphoneState } from '../softphone-state';
import { startEngine, viewOf } from './engine-harness';

// One publish per turn: each telephony event, agent command or server answer rebuilds and publishes the state once.

describe('SoftphoneEngine — one state per telephony event', () => {
  it('a ring publishes once, with the match answer, after the pop (nothing is rendered between answer and pop)', async () => {
    const { engine, telephony, host, store } = await startEngine();
    const states: SoftphoneState[] = [];
    const seen: { pops: number; stored: boolean }[] = [];
    engine.subscribe((state) => {
      states.push(state);
      const stored = store.get(`softphone.draft.${state.calls[0]?.call.callId}`);
      seen.push({ pops: host.pops.length, stored: stored !== null && JSON.parse(stored).popped === true });
    });
    const callId = telephony.ring({ from: '+16505550101' });
    expect(states).toHaveLength(0);
    await settle();
    expect(states).toHaveLength(1);
    expect(states[0]?.calls[0]).toMatchObject({
      matchStatus: 'done',
      popped: true,
      form: { whoId: ANN.id },
      call: { callId, state: 'ringing' },
    });
    // The pop left before the matched draft was persisted and published.
    expect(seen[0]).toEqual({ pops: 1, stored: true });
  });

  it('a lookup slower than the hold publishes the ringing call at the deadline, then the answer', async () => {
    const { engine, telephony, crm, clock, store } = await startEngine();
    const states: SoftphoneState[] = [];
    engine.subscribe((state) => states.push(state));
    crm.hold();
    const callId = telephony.ring({ from: '+16505550101' });
    clock.advance(99);
    expect(states).toHaveLength(0);
    clock.advance(1);
    expect(states).toHaveLength(1);
    expect(states[0]?.calls[0]).toMatchObject({ matchStatus: 'pending', call: { callId, state: 'ringing' } });
    expect(store.keys('softphone.draft.')).toEqual([`softphone.draft.${callId}`]);
    crm.release();
    await settle();
    expect(states).toHaveLength(2);
    expect(states[1]?.calls[0]).toMatchObject({ matchStatus: 'done', popped: true });
  });

  it('what changes while the lookup is out waits with the ringing call, and is published with the answer', async () => {
    const { engine, telephony, crm } = await startEngine();
    const states: SoftphoneState[] = [];
    engine.subscribe((state) => states.push(state));
    crm.hold();
    const callId = telephony.ring({ from: '+16505550101' });
    engine.setPreferences({ ringerEnabled: false });
    expect(states).toHaveLength(0);
    crm.release();
    await settle();
    expect(states).toHaveLength(1);
    expect(states[0]).toMatchObject({ preferences: { ringerEnabled: false } });
    expect(states[0]?.calls[0]).toMatchObject({ matchStatus: 'done', popped: true, call: { callId } });
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

describe('SoftphoneEngine — a stored backlog of call logs', () => {
  it('1,000 unsent logs from the last session are all sent once the start is over, one state per request and one per answer', async () => {
    const clock = new FakeClock();
    const store = new MemoryKeyValueStore();
    const seeding = new CallLogOutbox({ gateway: new FakeCrmGateway(), store, clock });
    const ids: string[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const id = `s-backlog-${i}`;
      ids.push(id);
      seeding.enqueue(sampleCallLog({ telephonySessionId: id, source: 'auto', subject: `Inbound call ${i}` }));
    }
    seeding.dispose();
    const crm = new FakeCrmGateway();
    const telephony = new FakeTelephony();
    const engine = new SoftphoneEngine({ telephony, host: new FakeCtiHost(), crm, store, clock });
    const states: SoftphoneState[] = [];
    engine.subscribe((state) => states.push(state));
    await engine.start();
    telephony.setStatus({ state: 'registered' });
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0); // the call-log chunk loads once the start is over (ADR 0018)
    await afterIdle();
    for (let i = 0; i < 20; i += 1) await settle();
    expect(crm.upsertBatches().map((logs) => logs.length)).toEqual([200, 200, 200, 200, 200]);
    expect(engine.getState().pendingLogs).toEqual([]);
    expect(
      new Set(
        crm
          .upsertBatches()
          .flat()
          .map((l) => l.telephonySessionId),
      ),
    ).toEqual(new Set(ids));
    // 5 requests leaving, 5 answers, plus the start's own states (settings, registration, the chunk's arrival) — not
    // one per log and step (2,000).
    expect(states.length).toBeLessThanOrEqual(5 * 2 + 4);
    engine.dispose();
  });
});
