import { sampleCallLog } from '../../../../test-support/sample-call-log';
import { QuotaStore } from '../../__tests__/support/quota-store';
import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { CallLogOutbox } from '../call-log-outbox';
import { LogStorage } from '../log-storage';
import type { SentCallLog, UpsertCallLogResult } from '../call-log';

const log = sampleCallLog;

/** The revision of a change made at the fake clock's start (epoch ms × 1000). */
const clockRevision = (): number => new FakeClock().now() * 1000;

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
    const revision = clockRevision();
    expect(JSON.parse(store.get('softphone.outbox.s-1') ?? '{}')).toMatchObject({ v: 1, status: 'sending', revision });
    crm.release();
    const result = await saving;
    expect(result).toEqual({ ok: true, taskId: expect.stringMatching(/^00T/), telephonySessionId: 's-1' });
    expect(outbox.get('s-1')).toMatchObject({ status: 'sent', savedRevision: revision });
    expect(crm.upsertBatches()[0]?.[0]).toMatchObject({ telephonySessionId: 's-1', revision });
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

  it('an auto log never undoes the agent\'s clearing of a Who/What ("") queued before it, nor clears a value', async () => {
    const { crm, store, clock, outbox } = setup();
    outbox.enqueue(log({ whoId: '003000000000001AAA', whatId: '' }));
    const merged = outbox.enqueue(log({ source: 'auto', whoId: null, whatId: null, durationSeconds: 75 }));
    expect(merged.log).toMatchObject({ source: 'agent', whoId: '003000000000001AAA', whatId: '', durationSeconds: 75 });
    // Stored and sent as is: the outbox keeps the "" through a reload.
    const reloaded = new CallLogOutbox({ gateway: crm, store, clock });
    expect(reloaded.get('s-1')?.log.whatId).toBe('');
    await reloaded.flush();
    expect(crm.upsertBatches()[0]?.[0]).toMatchObject({ source: 'agent', whatId: '' });
  });

  it('batches due entries into one request', async () => {
    const { crm, outbox } = setup();
    outbox.enqueue(log({ telephonySessionId: 's-a' }));
    outbox.enqueue(log({ telephonySessionId: 's-b' }));
    await outbox.flush();
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(crm.tasks.size).toBe(2);
  });
});

describe('CallLogOutbox retention', () => {
  it('forgets saved entries after the retention but never unsaved ones', async () => {
    const { crm, store, clock, outbox } = setup();
    await outbox.save(log({ telephonySessionId: 's-saved' }));
    crm.failNext('upsertCallLogs', 'INVALID_INPUT');
    await outbox.save(log({ telephonySessionId: 's-failed' }));
    outbox.dispose();
    clock.advance(8 * 24 * 3600 * 1000);
    const later = new CallLogOutbox({ gateway: crm, store, clock });
    expect(later.list().map((e) => [e.telephonySessionId, e.status])).toEqual([['s-failed', 'failed']]);
    expect(store.get('softphone.outbox.s-saved')).toBeNull();
  });
});

describe('CallLogOutbox under failures (issue 9 item 8)', () => {
  it('gives up on INTERNAL after maxAttempts: the log is failed, a failed event tells, no more requests', async () => {
    const { clock, crm, store } = setup();
    const outbox = new CallLogOutbox({ gateway: crm, store, clock, maxAttempts: 3 });
    const failed: unknown[] = [];
    outbox.on('failed', ({ entry }) => failed.push(entry.lastError));
    for (let i = 0; i < 3; i++) crm.failNext('upsertCallLogs', 'INTERNAL');
    expect(await outbox.save(log())).toMatchObject({ ok: false, willRetry: true });
    clock.advance(2000);
    await settle();
    clock.advance(4000);
    await settle();
    expect(outbox.get('s-1')).toMatchObject({ status: 'failed', attempts: 3 });
    // The server's words as sent, and the attempts as a number the UI words in the agent's language (ADR 0032).
    expect(failed).toEqual([
      expect.objectContaining({ code: 'INTERNAL', message: 'fake upsertCallLogs failure', gaveUpAfter: 3 }),
    ]);
    clock.advance(3_600_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(3);
    expect(await outbox.save(log())).toMatchObject({ ok: true });
  });

  it('keeps retrying NETWORK failures past maxAttempts (the request never reached Salesforce)', async () => {
    const { clock, crm, store } = setup();
    const outbox = new CallLogOutbox({ gateway: crm, store, clock, maxAttempts: 2 });
    for (let i = 0; i < 4; i++) crm.failNext('upsertCallLogs', 'NETWORK');
    await outbox.save(log());
    for (let i = 0; i < 4; i++) {
      clock.advance(300_000);
      await settle();
    }
    expect(outbox.get('s-1')).toMatchObject({ status: 'sent' });
    expect(crm.count('upsertCallLogs')).toBe(5);
  });

  it('splits a request that fails as a whole: one log the server cannot handle fails alone, the others are saved', async () => {
    const { crm, outbox } = setup();
    crm.failWhen((logs) => (logs.some((l) => l.notes === 'poison') ? 'INTERNAL' : null));
    for (let i = 0; i < 8; i++) outbox.enqueue(log({ telephonySessionId: `s-${i}`, notes: i === 5 ? 'poison' : null }));
    await outbox.flush();
    expect(crm.tasks.size).toBe(7);
    expect(outbox.get('s-5')).toMatchObject({ status: 'pending', attempts: 1, lastError: { code: 'INTERNAL' } });
    expect(outbox.list().filter((e) => e.status === 'sent')).toHaveLength(7);
    expect(crm.upsertBatches().map((b) => b.length)).toEqual([8, 4, 4, 2, 1, 1, 2]);
  });

  it('does not split a request refused for the user (NO_ACCESS is the same for every part)', async () => {
    const { crm, outbox } = setup();
    crm.failWhen(() => 'NO_ACCESS');
    for (let i = 0; i < 8; i++) outbox.enqueue(log({ telephonySessionId: `s-${i}` }));
    await outbox.flush();
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(outbox.list().every((e) => e.status === 'failed')).toBe(true);
  });

  it('bounds the split when every part fails (the server is down, not one log)', async () => {
    const { crm, outbox } = setup();
    crm.failWhen(() => 'INTERNAL');
    for (let i = 0; i < 200; i++) outbox.enqueue(log({ telephonySessionId: `s-${i}` }));
    await outbox.flush();
    expect(crm.count('upsertCallLogs')).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(200)) + 3);
    expect(outbox.list().every((e) => e.status === 'pending' && e.attempts === 1)).toBe(true);
  });

  it('caps a request by characters: 200 logs with 32 000-character notes never go in one request', async () => {
    const { crm, outbox } = setup();
    for (let i = 0; i < 200; i++) outbox.enqueue(log({ telephonySessionId: `s-${i}`, notes: 'x'.repeat(32_000) }));
    await outbox.flush();
    const sizes = crm.upsertBatches().map((batch) => JSON.stringify(batch).length);
    expect(crm.tasks.size).toBe(200);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500_000 + 2 + 200);
  });

  it('sends a log bigger than the character cap on its own', async () => {
    const { crm, store, clock } = setup();
    const outbox = new CallLogOutbox({ gateway: crm, store, clock, maxBatchChars: 1000 });
    outbox.enqueue(log({ telephonySessionId: 's-big', notes: 'x'.repeat(5000) }));
    outbox.enqueue(log({ telephonySessionId: 's-small' }));
    await outbox.flush();
    expect(crm.upsertBatches().map((b) => b.map((l) => l.telephonySessionId))).toEqual([['s-big'], ['s-small']]);
  });
});

describe('CallLogOutbox revisions (two tabs)', () => {
  it('gives every change a higher revision, even within one millisecond', () => {
    const { outbox } = setup();
    const first = outbox.enqueue(log({ notes: 'a' }));
    const second = outbox.enqueue(log({ notes: 'b' }));
    expect(second.revision).toBeGreaterThan(first.revision);
  });

  it('a stale tab never sends its older revision over the newer one another tab stored', async () => {
    const { crm, store, clock } = setup();
    const staleTab = new CallLogOutbox({ gateway: crm, store, clock });
    staleTab.enqueue(log({ notes: 'typed in the first tab' }));
    clock.advance(1000);
    const newerTab = new CallLogOutbox({ gateway: crm, store, clock });
    await newerTab.save(log({ notes: 'typed in the second tab' }));
    await staleTab.flush();
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(crm.tasks.get('s-1')?.log.notes).toBe('typed in the second tab');
    expect(staleTab.get('s-1')).toMatchObject({ status: 'sent', log: { notes: 'typed in the second tab' } });
  });

  it('an edit in the stale tab builds on the newer stored revision', () => {
    const { crm, store, clock } = setup();
    const staleTab = new CallLogOutbox({ gateway: crm, store, clock });
    staleTab.enqueue(log({ notes: 'first' }));
    const newerTab = new CallLogOutbox({ gateway: crm, store, clock });
    const newer = newerTab.enqueue(log({ notes: 'second' }));
    const edit = staleTab.enqueue(log({ notes: 'third' }));
    expect(edit.revision).toBeGreaterThan(newer.revision);
  });

  it('a result "superseded" (the server holds a newer revision) counts as saved and overwrites nothing', async () => {
    const { crm, outbox } = setup();
    crm.tasks.set('s-1', {
      id: '00T000000000000999',
      log: log({ notes: 'newer elsewhere' }),
      revision: Number.MAX_SAFE_INTEGER,
    });
    expect(await outbox.save(log({ notes: 'older' }))).toEqual({
      ok: true,
      taskId: '00T000000000000999',
      telephonySessionId: 's-1',
    });
    expect(outbox.get('s-1')?.status).toBe('sent');
    expect(crm.tasks.get('s-1')?.log.notes).toBe('newer elsewhere');
  });
});

describe('CallLogOutbox storage', () => {
  it('reads an entry failed before gaveUpAfter existed: the English suffix leaves the message for gaveUpAfter', () => {
    const { crm, store, clock } = setup();
    const stored = (id: string, message: string, extra: object = {}) =>
      store.set(
        `softphone.outbox.${id}`,
        JSON.stringify({
          v: 1,
          telephonySessionId: id,
          log: log({ telephonySessionId: id }),
          revision: 3,
          savedRevision: null,
          status: 'failed',
          attempts: 8,
          nextAttemptAt: clock.now() + 3_600_000,
          lastError: { code: 'INTERNAL', message, field: null, reference: 'SP-0042', ...extra },
          taskId: null,
          updatedAt: clock.now(),
        }),
      );
    // As the previous release wrote them: the count inside the English message.
    stored('s-old', 'Something went wrong (ref SP-0042). (gave up after 8 attempts)');
    stored('s-old-network', 'Salesforce could not be reached.');
    // As this release writes them (a stored gaveUpAfter wins: the message is the server's, kept as is).
    stored('s-new', 'Quota reached (gave up after 2 attempts)', { gaveUpAfter: null });
    const outbox = new CallLogOutbox({ gateway: crm, store, clock });
    expect(outbox.droppedAtLoad).toEqual([]);
    expect(outbox.get('s-old')?.lastError).toEqual({
      code: 'INTERNAL',
      message: 'Something went wrong (ref SP-0042).',
      field: null,
      reference: 'SP-0042',
      taskId: null,
      gaveUpAfter: 8,
    });
    expect(outbox.get('s-old-network')?.lastError).toMatchObject({
      message: 'Salesforce could not be reached.',
      gaveUpAfter: null,
    });
    expect(outbox.get('s-new')?.lastError).toMatchObject({
      message: 'Quota reached (gave up after 2 attempts)',
      gaveUpAfter: null,
    });
  });

  it('drops stored entries of a wrong shape (reported) and reads entries stored before the log key changed', () => {
    const { crm, store, clock } = setup();
    const { telephonySessionId, ...v0Log } = log({ telephonySessionId: 's-old', notes: 'kept' });
    store.set(
      'softphone.outbox.s-old',
      JSON.stringify({
        callUniqueId: telephonySessionId,
        log: { callUniqueId: telephonySessionId, ...v0Log },
        revision: 3,
        savedRevision: null,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
        taskId: null,
        updatedAt: clock.now(),
      }),
    );
    store.set('softphone.outbox.s-bad', JSON.stringify({ telephonySessionId: 's-bad', log: { notes: 42 } }));
    store.set('softphone.outbox.s-json', '{broken');
    store.set('softphone.outbox.s-future', JSON.stringify({ v: 99, anything: true }));
    const outbox = new CallLogOutbox({ gateway: crm, store, clock });
    expect(outbox.list().map((e) => [e.telephonySessionId, e.log.notes])).toEqual([['s-old', 'kept']]);
    expect(outbox.droppedAtLoad.map((d) => d.key).sort()).toEqual([
      'softphone.outbox.s-bad',
      'softphone.outbox.s-json',
    ]);
    expect(store.get('softphone.outbox.s-bad')).toBeNull();
    expect(store.get('softphone.outbox.s-future')).not.toBeNull();
    expect(JSON.parse(store.get('softphone.outbox.s-old') ?? '{}')).toMatchObject({
      v: 1,
      telephonySessionId: 's-old',
    });
  });

  it('a full storage loses the saved entries first; a log that still does not fit is reported, kept in memory and sent', async () => {
    const { crm, clock } = setup();
    const store = new QuotaStore(2_500);
    const storage = new LogStorage(store);
    const full: string[] = [];
    storage.on('full', ({ key }) => full.push(key));
    const outbox = new CallLogOutbox({ gateway: crm, store, storage, clock });
    await outbox.save(log({ telephonySessionId: 's-saved' }));
    expect(store.get('softphone.outbox.s-saved')).not.toBeNull();
    crm.hold();
    const pending = outbox.save(log({ telephonySessionId: 's-new', notes: 'n'.repeat(1500) }));
    expect(store.get('softphone.outbox.s-saved')).toBeNull();
    expect(store.get('softphone.outbox.s-new')).not.toBeNull();
    expect(full).toEqual([]);
    const tooBig = outbox.save(log({ telephonySessionId: 's-huge', notes: 'h'.repeat(5000) }));
    expect(full).toEqual(['softphone.outbox.s-huge']);
    crm.release();
    await settle();
    crm.release();
    expect(await pending).toMatchObject({ ok: true });
    expect(await tooBig).toMatchObject({ ok: true });
    expect(outbox.get('s-saved')?.status).toBe('sent');
  });

  it('forgets saved entries on sign-out and keeps the ones not saved yet', async () => {
    const { crm, store, outbox } = setup();
    await outbox.save(log({ telephonySessionId: 's-saved' }));
    crm.failNext('upsertCallLogs', 'NETWORK');
    await outbox.save(log({ telephonySessionId: 's-offline' }));
    expect(outbox.forgetSent()).toBe(1);
    expect(store.keys('softphone.outbox.')).toEqual(['softphone.outbox.s-offline']);
  });
});

describe('CallLogOutbox — the follow-up Task of a log (issue 15, ADR 0033)', () => {
  const FOLLOW_UP = { subject: null, ownerId: '005000000000002AAA', dueDate: '2026-11-23' } as const;
  const PREFIX = 'The call is logged, but its follow-up task could not be saved: ';

  /** A server whose answers for the follow-up are scripted, one per request (then ok); records what it was sent. */
  function scriptedServer(failures: { code: string; reason: string; field?: string }[]) {
    const sent: SentCallLog[][] = [];
    const gateway = {
      upsertCallLogs: (logs: readonly SentCallLog[]): Promise<UpsertCallLogResult[]> => {
        sent.push([...logs]);
        const failure = failures.shift();
        return Promise.resolve(
          logs.map((l) =>
            failure
              ? {
                  telephonySessionId: l.telephonySessionId,
                  ok: false as const,
                  taskId: '00T000000000001AAA',
                  error: { code: failure.code, message: PREFIX + failure.reason, field: failure.field ?? null },
                }
              : {
                  telephonySessionId: l.telephonySessionId,
                  ok: true as const,
                  taskId: '00T000000000001AAA',
                  created: sent.length === 1,
                  superseded: false,
                  followUpTaskId: '00T000000000002AAA',
                  followUpCreated: true,
                },
          ),
        );
      },
    };
    return { sent, gateway };
  }

  it('retries a follow-up that failed for a transient cause (FOLLOW_UP_FAILED), resending the log with it', async () => {
    const clock = new FakeClock();
    const { sent, gateway } = scriptedServer([{ code: 'FOLLOW_UP_FAILED', reason: 'the row was locked.' }]);
    const outbox = new CallLogOutbox({ gateway, store: new MemoryKeyValueStore(), clock });
    const first = await outbox.save(log({ followUp: FOLLOW_UP }));
    expect(first).toMatchObject({ ok: false, willRetry: true, error: { message: `${PREFIX}the row was locked.` } });
    expect(outbox.get('s-1')).toMatchObject({
      status: 'pending',
      lastError: { message: `${PREFIX}the row was locked.` },
    });
    clock.advance(2000);
    await settle();
    expect(outbox.get('s-1')).toMatchObject({ status: 'sent', taskId: '00T000000000001AAA', lastError: null });
    // The same log (call and follow-up, keyed on the server) went twice: nothing is duplicated there.
    expect(sent.map((batch) => batch.map((l) => l.followUp))).toEqual([[FOLLOW_UP], [FOLLOW_UP]]);
  });

  it.each(['INVALID_INPUT', 'NO_ACCESS'])(
    'stops on a follow-up refused for good (%s): the message stays until the agent changes the follow-up',
    async (code) => {
      const clock = new FakeClock();
      const { sent, gateway } = scriptedServer([
        { code, reason: 'Sam Supervisor is not an active user.', field: 'logs[0].followUp.ownerId' },
      ]);
      const outbox = new CallLogOutbox({ gateway, store: new MemoryKeyValueStore(), clock });
      expect(await outbox.save(log({ followUp: FOLLOW_UP }))).toMatchObject({ ok: false, willRetry: false });
      expect(outbox.get('s-1')).toMatchObject({
        status: 'failed',
        lastError: {
          code,
          message: `${PREFIX}Sam Supervisor is not an active user.`,
          field: 'logs[0].followUp.ownerId',
        },
      });
      clock.advance(3_600_000);
      await settle();
      expect(sent).toHaveLength(1);
      const other = { ...FOLLOW_UP, ownerId: '005000000000001AAA' };
      expect(await outbox.save(log({ followUp: other }))).toMatchObject({ ok: true });
      expect(sent[1]?.[0]?.followUp).toEqual(other);
    },
  );

  it('keeps the call Task of a follow-up refused alone in lastError (across a reload); other failures have none', async () => {
    const store = new MemoryKeyValueStore();
    const clock = new FakeClock();
    const { gateway } = scriptedServer([{ code: 'INVALID_INPUT', reason: 'Sam is inactive.' }]);
    const outbox = new CallLogOutbox({ gateway, store, clock });
    await outbox.save(log({ followUp: FOLLOW_UP }));
    expect(outbox.get('s-1')?.lastError).toMatchObject({ code: 'INVALID_INPUT', taskId: '00T000000000001AAA' });
    expect(new CallLogOutbox({ gateway, store, clock }).get('s-1')?.lastError?.taskId).toBe('00T000000000001AAA');
    // An entry stored before lastError had a taskId reads as a log nothing of which was saved.
    const stored = JSON.parse(store.get('softphone.outbox.s-1') ?? '{}') as { lastError: Record<string, unknown> };
    const { taskId: _gone, ...before } = stored.lastError;
    store.set('softphone.outbox.s-1', JSON.stringify({ ...stored, lastError: before }));
    expect(new CallLogOutbox({ gateway, store, clock }).get('s-1')?.lastError).toMatchObject({
      code: 'INVALID_INPUT',
      taskId: null,
    });
    // A log refused as a whole (no Task written) has no taskId, whatever its message.
    const crm = new FakeCrmGateway();
    crm.failNext('upsertCallLogs', 'NO_ACCESS');
    const other = new CallLogOutbox({ gateway: crm, store: new MemoryKeyValueStore(), clock });
    await other.save(log({ followUp: FOLLOW_UP }));
    expect(other.get('s-1')?.lastError).toMatchObject({ code: 'NO_ACCESS', taskId: null });
  });

  it('keeps the follow-up across a reload and under a later automatic log of the call', () => {
    const store = new MemoryKeyValueStore();
    const clock = new FakeClock();
    const crm = new FakeCrmGateway();
    new CallLogOutbox({ gateway: crm, store, clock }).enqueue(log({ followUp: FOLLOW_UP }));
    const reloaded = new CallLogOutbox({ gateway: crm, store, clock });
    expect(reloaded.get('s-1')?.log.followUp).toEqual(FOLLOW_UP);
    const merged = reloaded.enqueue(log({ source: 'auto', durationSeconds: 75 }));
    expect(merged.log).toMatchObject({ source: 'agent', followUp: FOLLOW_UP, durationSeconds: 75 });
  });
});
