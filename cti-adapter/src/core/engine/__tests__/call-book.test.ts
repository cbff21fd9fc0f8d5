import { Call } from '../../call/call';
import { CallDraftStore } from '../../call-log/call-draft-store';
import { FakeClock } from '../../__tests__/support/fake-clock';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { CallBook } from '../call-book';

function book(options: { clock?: FakeClock; store?: MemoryKeyValueStore } = {}) {
  const clock = options.clock ?? new FakeClock();
  const store = options.store ?? new MemoryKeyValueStore();
  let changes = 0;
  const calls = new CallBook({ store: new CallDraftStore(store), clock, onChange: () => (changes += 1) });
  const inbound = (callId: string, telephonySessionId: string | null = null) =>
    new Call({ callId, direction: 'inbound', remoteNumber: '+16505550101', telephonySessionId }, { clock });
  return { calls, clock, store, inbound, changes: () => changes };
}

describe('CallBook', () => {
  it('keeps one record per call: the call, its draft and its end intent', () => {
    const { calls, inbound } = book();
    const record = calls.add(inbound('c1'), { fromHistory: false });
    record.endIntent = 'declined';
    expect(calls.require('c1')).toBe(record);
    expect(record.draft).toMatchObject({
      call: { callId: 'c1', state: 'ringing' },
      matchStatus: 'pending',
      popped: false,
    });
    expect(() => calls.require('nope')).toThrow('Unknown call nope');
  });

  it('the draft always carries the current call snapshot; state changes are changes of the record', () => {
    const { calls, inbound, changes } = book();
    const record = calls.add(inbound('c1'));
    const before = changes();
    record.call.transition({ type: 'answer' });
    record.call.update({ muted: true });
    expect(changes()).toBe(before + 2);
    expect(record.draft.call).toMatchObject({ state: 'connected', muted: true });
    expect(record.draft).toBe(record.draft);
  });

  it('persists only on flush, and only the records changed since the last flush', () => {
    const { calls, inbound, store } = book();
    calls.add(inbound('c1'));
    calls.add(inbound('c2'));
    expect(store.keys('softphone.draft.')).toEqual([]);
    calls.flush();
    expect(store.keys('softphone.draft.').sort()).toEqual(['softphone.draft.c1', 'softphone.draft.c2']);
    store.remove('softphone.draft.c2');
    calls.update('c1', () => ({ popped: true }));
    calls.flush();
    expect(JSON.parse(store.get('softphone.draft.c1') ?? '{}')).toMatchObject({ popped: true });
    expect(store.get('softphone.draft.c2')).toBeNull();
  });

  it('an update never replaces the call facts', () => {
    const { calls, inbound } = book();
    calls.add(inbound('c1'));
    const draft = calls.update('c1', (d) => ({ ...d, call: { ...d.call, state: 'ended' as const }, popped: true }));
    expect(draft).toMatchObject({ popped: true, call: { state: 'ringing' } });
  });

  it('removing a call stops its countdown and forgets its stored draft', () => {
    const { calls, inbound, clock, store } = book();
    calls.add(inbound('c1'));
    calls.flush();
    const fired: string[] = [];
    expect(calls.startCountdown('c1', 5_000, () => fired.push('c1'))).toBe(clock.now() + 5_000);
    calls.remove('c1');
    clock.advance(10_000);
    expect(fired).toEqual([]);
    expect(calls.has('c1')).toBe(false);
    expect(store.keys('softphone.draft.')).toEqual([]);
  });

  it('keeps the dial context of a call placed but not reported yet, by call id', () => {
    const { calls } = book();
    calls.awaitDial('out-1', null);
    expect(calls.takeAwaitedDial('out-1')).toBeNull();
    expect(calls.takeAwaitedDial('out-1')).toBeUndefined();
  });

  it('restores drafts after a reload: live calls end as lost, logged or expired ones are dropped', () => {
    const first = book();
    first.calls.add(first.inbound('live', 's-1'));
    first.calls.add(first.inbound('logged'));
    first.calls.update('logged', () => ({ taskId: '00T000000000000001' }));
    first.calls.require('logged').call.transition({ type: 'end', reason: 'missed' });
    first.calls.flush();
    const second = book({ clock: first.clock, store: first.store });
    second.calls.restore(7 * 24 * 3600 * 1000);
    expect(second.calls.all().map((r) => [r.callId, r.call.snapshot.endReason])).toEqual([['live', 'lost']]);
    expect(second.store.keys('softphone.draft.')).toEqual(['softphone.draft.live']);
    second.calls.update('live', (d) => ({ form: { ...d.form, notes: 'kept' } }));
    expect(second.calls.takeLostDraft('s-1')?.form.notes).toBe('kept');
    expect(second.calls.has('live')).toBe(false);
  });
});
