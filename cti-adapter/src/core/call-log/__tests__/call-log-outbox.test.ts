import type { CallLog } from '../call-log';
import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { CallLogOutbox } from '../call-log-outbox';

const log = (partial: Partial<CallLog> = {}): CallLog => ({
  callUniqueId: 's-1',
  callUuid: null,
  source: 'agent',
  direction: 'inbound',
  fromNumber: '+16505550101',
  toNumber: '+16505550100',
  fromName: 'Ann Lee',
  toName: null,
  fromLocation: null,
  toLocation: null,
  startTime: '2026-11-21T10:00:00.000Z',
  endTime: '2026-11-21T10:01:00.000Z',
  durationSeconds: 60,
  result: 'Accepted',
  subject: 'Inbound call from Ann Lee',
  notes: null,
  disposition: null,
  whoId: null,
  whatId: null,
  recordingUrl: null,
  recordingId: null,
  fields: null,
  ...partial,
});

function setup() {
  const clock = new FakeClock();
  const crm = new FakeCrmGateway();
  const store = new MemoryKeyValueStore();
  const outbox = new CallLogOutbox({ gateway: crm, store, clock });
  return { clock, crm, store, outbox };
}

describe('CallLogOutbox', () => {
  it('persists before sending, then marks the entry sent with the Task id', async () => {
    const { crm, store, outbox } = setup();
    crm.hold();
    const saving = outbox.save(log());
    expect(JSON.parse(store.get('softphone.outbox.s-1') ?? '{}')).toMatchObject({ status: 'sending', revision: 1 });
    crm.release();
    const result = await saving;
    expect(result).toEqual({ ok: true, taskId: expect.stringMatching(/^00T/), callUniqueId: 's-1' });
    expect(outbox.get('s-1')).toMatchObject({ status: 'sent', savedRevision: 1 });
  });

  it('double save while in flight → one request; an edit while in flight → sent after the first answer', async () => {
    const { crm, outbox } = setup();
    crm.hold();
    const a = outbox.save(log());
    const b = outbox.save(log());
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(1);
    const c = outbox.save(log({ notes: 'edited' }));
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(outbox.inFlightCount()).toBe(1);
    crm.release();
    await settle(30);
    crm.release();
    const results = await Promise.all([a, b, c]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(crm.count('upsertCallLogs')).toBe(2);
    expect(crm.tasks.size).toBe(1);
    expect(crm.tasks.get('s-1')?.log.notes).toBe('edited');
  });

  it('retries NETWORK failures with exponential backoff and never duplicates', async () => {
    const { clock, crm, outbox } = setup();
    crm.failNext('upsertCallLogs', 'NETWORK');
    crm.failNext('upsertCallLogs', 'NETWORK');
    const first = await outbox.save(log());
    expect(first).toMatchObject({ ok: false, willRetry: true });
    expect(outbox.get('s-1')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: clock.now() + 2000 });
    clock.advance(1999);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(1);
    clock.advance(1);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(2);
    expect(outbox.get('s-1')).toMatchObject({ attempts: 2, nextAttemptAt: clock.now() + 4000 });
    clock.advance(4000);
    await settle();
    expect(outbox.get('s-1')).toMatchObject({ status: 'sent' });
    expect(crm.tasks.size).toBe(1);
  });

  it('does not retry validation errors until the log changes', async () => {
    const { clock, crm, outbox } = setup();
    crm.failNext('upsertCallLogs', 'INVALID_INPUT');
    expect(await outbox.save(log())).toMatchObject({ ok: false, willRetry: false, error: { code: 'INVALID_INPUT' } });
    clock.advance(600_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(outbox.get('s-1')?.status).toBe('failed');
    expect(await outbox.save(log({ subject: 'fixed' }))).toMatchObject({ ok: true });
  });

  it('survives a reload: a new outbox over the same store resends what was pending or in flight', async () => {
    const { crm, store, clock } = setup();
    const first = new CallLogOutbox({ gateway: crm, store, clock });
    crm.hold();
    void first.save(log());
    await settle();
    first.dispose();
    const crm2 = new FakeCrmGateway();
    const second = new CallLogOutbox({ gateway: crm2, store, clock });
    expect(second.get('s-1')?.status).toBe('pending');
    await second.flush();
    expect(crm2.count('upsertCallLogs')).toBe(1);
    expect(second.get('s-1')?.status).toBe('sent');
  });

  it('an auto log never overwrites the agent edits already queued', async () => {
    const { outbox } = setup();
    outbox.enqueue(log({ notes: 'agent notes', disposition: 'Call Back Later' }));
    const merged = outbox.enqueue(log({ source: 'auto', notes: null, durationSeconds: 75 }));
    expect(merged.log).toMatchObject({
      source: 'agent',
      notes: 'agent notes',
      disposition: 'Call Back Later',
      durationSeconds: 75,
    });
  });

  it('batches due entries into one request', async () => {
    const { crm, outbox } = setup();
    outbox.enqueue(log({ callUniqueId: 's-a' }));
    outbox.enqueue(log({ callUniqueId: 's-b' }));
    await outbox.flush();
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(crm.tasks.size).toBe(2);
  });
});

describe('CallLogOutbox retention', () => {
  it('forgets saved entries after the retention but never unsaved ones', async () => {
    const { crm, store, clock, outbox } = setup();
    await outbox.save(log({ callUniqueId: 's-saved' }));
    crm.failNext('upsertCallLogs', 'INVALID_INPUT');
    await outbox.save(log({ callUniqueId: 's-failed' }));
    outbox.dispose();
    clock.advance(8 * 24 * 3600 * 1000);
    const later = new CallLogOutbox({ gateway: crm, store, clock });
    expect(later.list().map((e) => [e.callUniqueId, e.status])).toEqual([['s-failed', 'failed']]);
    expect(store.get('softphone.outbox.s-saved')).toBeNull();
  });
});
