import { settle } from '../../__tests__/support/fake-clock';
import { ANN } from '../../__tests__/support/sample-world';
import type { CallHistoryPort, CallHistoryRecord } from '../../ports/call-history-port';
import { queueCallOutcome } from '../../call-log/queue-call-outcome';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { startEngine, viewOf } from './engine-harness';

// Issue 10, "Queue calls": a queue call this agent did not take is logged only when every member missed it, and
// then once for the queue (ADR 0025); a member who took it logs it, not this agent (seed 004_7d3109e70c064dca.txt).

/** The agent's RingCentral call log as the engine reads it: one record per telephony session, set by the test. */
class FakeHistory implements CallHistoryPort {
  readonly records = new Map<string, CallHistoryRecord>();
  readonly lookups: string[] = [];
  failNext = 0;

  list(): Promise<CallHistoryRecord[]> {
    return Promise.resolve([...this.records.values()]);
  }

  finalRecord(telephonySessionId: string): Promise<CallHistoryRecord | null> {
    this.lookups.push(telephonySessionId);
    if (this.failNext > 0) {
      this.failNext -= 1;
      return Promise.reject(new Error('429 Too Many Requests'));
    }
    return Promise.resolve(this.records.get(telephonySessionId) ?? null);
  }

  /** The record RingCentral writes when the queue call ends: the agent's Missed leg plus the others' legs. */
  ended(telephonySessionId: string, others: readonly string[]): void {
    this.records.set(telephonySessionId, {
      id: `rec-${telephonySessionId}`,
      telephonySessionId,
      sessionId: null,
      direction: 'Inbound',
      startTime: '2026-12-05T10:00:00.000Z',
      duration: 40,
      result: 'Missed',
      from: { phoneNumber: '+16505550101' },
      to: { phoneNumber: '+16505550120', name: 'Gold Queue' },
      recording: null,
      legs: [
        { direction: 'Outbound', result: 'Call connected' }, // the caller, greeted by the queue's voicemail
        { direction: 'Inbound', result: 'Missed' }, // this agent
        ...others.map((result) => ({ direction: 'Inbound' as const, result })),
      ],
    });
  }
}

/** Lets the looks at the call log run: 2, 5, 10, 20, 30 s, then every minute. */
async function wait(clock: { advance(ms: number): void }, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 1000) {
    clock.advance(Math.min(1000, left));
    await settle();
  }
}

describe('queue calls this agent did not take (ADR 0025)', () => {
  it('rules: an accepted inbound leg means a member took it; none means every member missed it', () => {
    const history = new FakeHistory();
    history.ended('s-1', ['Voicemail', 'Missed']);
    history.ended('s-2', ['Accepted', 'Accepted']);
    expect(queueCallOutcome(history.records.get('s-1') ?? null)).toBe('missed-by-all');
    expect(queueCallOutcome(history.records.get('s-2') ?? null)).toBe('answered');
    expect(queueCallOutcome(null)).toBe('unknown');
    expect(queueCallOutcome({ ...history.records.get('s-1')!, legs: [] })).toBe('unknown');
  });

  it('missed by every member: hidden while the queue still rings, then logged once for the queue (queueMissed)', async () => {
    const history = new FakeHistory();
    const { engine, telephony, crm, clock } = await startEngine({
      settings: { autoLog: true, saveOnRinging: true, autoLogDelaySeconds: 0 },
      history,
    });
    const callId = telephony.ring({ from: '+16505550101', queueName: 'Gold Queue' });
    await settle();
    telephony.end(callId, 'missed');
    await settle();
    expect(engine.getState().calls).toEqual([]); // not a call to log yet: the queue may still reach a member
    await wait(clock, 7_000);
    expect(history.lookups).toEqual([`s-${callId}`, `s-${callId}`]);
    expect(crm.count('upsertCallLogs')).toBe(0);
    history.ended(`s-${callId}`, ['Missed', 'Voicemail']); // the queue overflowed to its voicemail
    await wait(clock, 15_000);
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({
      queueMissed: true,
      result: 'Missed',
      whoId: ANN.id,
      source: 'auto',
    });
    expect(crm.count('upsertCallLogs')).toBe(1);
  });

  it('without automatic logging the form opens once the outcome is known, and Save sends queueMissed', async () => {
    const history = new FakeHistory();
    const { engine, telephony, crm, clock } = await startEngine({ history });
    const callId = telephony.ring({ from: '+16505550101', queueName: 'Gold Queue' });
    await settle();
    telephony.end(callId, 'missed');
    history.ended(`s-${callId}`, ['Missed', 'Voicemail']);
    history.failNext = 1; // a rate-limited read is looked at again
    await wait(clock, 8_000);
    expect(viewOf(engine, callId).queueOutcome).toBe('missed-by-all');
    engine.setNotes(callId, 'Called back, left a message.');
    expect((await engine.saveLog(callId)).ok).toBe(true);
    expect(crm.tasks.get(`s-${callId}`)?.log).toMatchObject({
      queueMissed: true,
      notes: 'Called back, left a message.',
    });
  });

  it('taken by another member after this ring (a rotating queue): forgotten, never logged here', async () => {
    const history = new FakeHistory();
    const { engine, telephony, crm, clock } = await startEngine({
      settings: { autoLog: true, autoLogDelaySeconds: 0 },
      history,
    });
    const callId = telephony.ring({ from: '+16505550101', queueName: 'Gold Queue' });
    await settle();
    telephony.end(callId, 'missed');
    history.ended(`s-${callId}`, ['Accepted', 'Accepted']); // Sam's leg and the queue's
    await wait(clock, 60_000);
    expect(engine.getState().calls).toEqual([]);
    expect(engine.getState().conflicts).toEqual([]);
    expect(crm.count('upsertCallLogs')).toBe(0);
  });

  it('no final record after the last look (a member is still talking): left to History, nothing logged', async () => {
    const history = new FakeHistory();
    const { engine, telephony, crm, clock } = await startEngine({ settings: { autoLog: true }, history });
    const callId = telephony.ring({ from: '+16505550101', queueName: 'Gold Queue' });
    await settle();
    telephony.end(callId, 'declined');
    await wait(clock, 16 * 60_000);
    expect(history.lookups.length).toBe(19);
    expect(engine.getState().calls).toEqual([]);
    expect(crm.count('upsertCallLogs')).toBe(0);
  });

  it('a reload while the outcome is unknown looks again, then logs it', async () => {
    const history = new FakeHistory();
    const store = new MemoryKeyValueStore();
    const first = await startEngine({ settings: { autoLog: true, autoLogDelaySeconds: 0 }, history, store });
    const callId = first.telephony.ring({ from: '+16505550101', queueName: 'Gold Queue' });
    await settle();
    first.telephony.end(callId, 'missed');
    await settle();
    first.engine.dispose();
    history.ended(`s-${callId}`, ['Voicemail']);
    const again = await startEngine({ settings: { autoLog: true, autoLogDelaySeconds: 0 }, history, store });
    await wait(again.clock, 3_000);
    expect(again.crm.tasks.get(`s-${callId}`)?.log).toMatchObject({ queueMissed: true });
  });

  it('a direct call missed is logged at once as before (no wait)', async () => {
    const history = new FakeHistory();
    const { engine, telephony } = await startEngine({ history });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    await settle();
    expect(viewOf(engine, callId).queueOutcome).toBeNull();
    expect(history.lookups).toEqual([]);
  });
});
