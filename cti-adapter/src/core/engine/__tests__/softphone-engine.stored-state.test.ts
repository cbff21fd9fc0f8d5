import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { QuotaStore } from '../../__tests__/support/quota-store';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeCtiHost } from '../../__tests__/support/fake-cti-host';
import { FakeTelephony } from '../../__tests__/support/fake-telephony';
import { callDraftFixture } from '../../__tests__/support/call-draft-fixture';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { storedDraftText } from '../../call-log/stored-shapes';
import { SoftphoneEngine } from '../softphone-engine';
import { startEngine, viewOf } from './engine-harness';

const codes = (engine: SoftphoneEngine): string[] => engine.getState().notices.map((n) => n.code);

describe('SoftphoneEngine stored state (issue 9 item 8)', () => {
  it('a stored draft of the wrong shape is dropped with a notice; start completes and initialization is notified', async () => {
    const clock = new FakeClock();
    const store = new MemoryKeyValueStore();
    store.set('softphone.draft.c-bad', JSON.stringify({ call: { callId: 'c-bad', state: 'ended', startedAt: 1 } }));
    const kept = callDraftFixture({ callId: 'c-good', startedAt: clock.now() - 60_000 });
    store.set('softphone.draft.c-good', storedDraftText(kept));
    const telephony = new FakeTelephony();
    const host = new FakeCtiHost();
    const engine = new SoftphoneEngine({ telephony, host, crm: new FakeCrmGateway(), store, clock });
    await expect(engine.start()).resolves.toBeUndefined();
    telephony.setStatus({ state: 'registered' });
    await settle();
    expect(host.log).toContain('notifyInitializationComplete');
    expect(engine.getState().calls.map((c) => c.call.callId)).toEqual(['c-good']);
    expect(codes(engine)).toContain('STORED_STATE_DROPPED');
    expect(store.get('softphone.draft.c-bad')).toBeNull();
  });

  it('a full storage: saved logs are evicted first, and the agent is told when the notes still cannot be kept', async () => {
    const store = new QuotaStore(1_000_000);
    const { engine, telephony } = await startEngine({ store, settings: { autoLog: true } });
    const first = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(first); // logged at answer: saved, and kept while the call goes on
    await settle();
    expect(store.keys('softphone.outbox.')).toHaveLength(1);
    const second = telephony.ring({ from: '+16505550103' });
    await settle();
    // Room for everything but the saved log, less a little: the next change needs the saved log's space.
    store.capacity = store.size() - store.size('softphone.outbox.') + 300;
    engine.setNotes(second, 'Asked for the invoice.');
    expect(store.keys('softphone.outbox.')).toEqual([]);
    expect(JSON.parse(store.get(`softphone.draft.${second}`) ?? '{}').form.notes).toBe('Asked for the invoice.');
    expect(codes(engine)).not.toContain('STORAGE_FULL');
    engine.setNotes(second, 'n'.repeat(5000));
    expect(codes(engine)).toEqual(expect.arrayContaining(['STORAGE_FULL']));
    engine.setNotes(second, `${'n'.repeat(5000)}!`);
    expect(codes(engine).filter((c) => c === 'STORAGE_FULL')).toHaveLength(1);
    expect(viewOf(engine, second).form.notes).toHaveLength(5001);
  });

  it('a log the server keeps failing with INTERNAL is marked failed after the attempts and the agent is told', async () => {
    const { engine, telephony, crm, clock } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await engine.answer(callId);
    telephony.end(callId, 'remote-hangup');
    for (let i = 0; i < 8; i++) crm.failNext('upsertCallLogs', 'INTERNAL');
    expect(await engine.saveLog(callId)).toMatchObject({ ok: false, willRetry: true });
    for (let i = 0; i < 12; i++) {
      clock.advance(300_000);
      await settle();
    }
    expect(crm.count('upsertCallLogs')).toBe(8);
    expect(viewOf(engine, callId)).toMatchObject({ logStatus: 'failed', taskId: null });
    expect(viewOf(engine, callId).logError).toMatchObject({ code: 'INTERNAL', gaveUpAfter: 8 });
    expect(viewOf(engine, callId).logError?.message).not.toMatch(/gave up/);
    const notice = engine.getState().notices.find((n) => n.code === 'LOG_FAILED');
    expect(notice?.message).toMatch(/^The call log of Ann Lee could not be saved: .*save it again\.$/);
    expect(await engine.saveLog(callId)).toMatchObject({ ok: true });
  });
});

describe('SoftphoneEngine sign-out (issue 9 item 3)', () => {
  it('sends waiting logs, then forgets saved logs and settled drafts, keeping unsaved edits and unsent logs', async () => {
    const { engine, telephony, crm, store } = await startEngine();
    const logged = telephony.ring({ from: '+16505550101' });
    await engine.answer(logged);
    telephony.end(logged, 'remote-hangup');
    await engine.saveLog(logged);
    const missed = telephony.ring({ from: '+16505550103' });
    telephony.end(missed, 'missed');
    const edited = telephony.ring({ from: '+16505550105' });
    telephony.end(edited, 'missed');
    engine.setNotes(edited, 'Call back after 3 pm.');
    const offline = telephony.ring({ from: '+16505550107' });
    await engine.answer(offline);
    telephony.end(offline, 'remote-hangup');
    crm.failNext('upsertCallLogs', 'NETWORK');
    await engine.saveLog(offline);
    crm.failNext('upsertCallLogs', 'NETWORK');
    await settle();

    expect(await engine.signOut()).toEqual({ keptLogs: 1, keptDrafts: 2 });
    expect(store.keys('softphone.draft.').sort()).toEqual(
      [`softphone.draft.${edited}`, `softphone.draft.${offline}`].sort(),
    );
    expect(store.keys('softphone.outbox.')).toEqual([`softphone.outbox.s-${offline}`]);
    expect(crm.count('upsertCallLogs')).toBe(3);
    const notice = engine.getState().notices.find((n) => n.code === 'SIGN_OUT_KEPT');
    expect(notice?.message).toBe(
      'Kept in this browser for your next sign-in: 1 call log not saved yet and 2 unlogged calls with your edits.',
    );
  });

  it('with everything logged, nothing of the agent stays in the browser and no notice is shown', async () => {
    const { engine, telephony, store } = await startEngine();
    const callId = telephony.ring({ from: '+16505550101' });
    await engine.answer(callId);
    telephony.end(callId, 'remote-hangup');
    await engine.saveLog(callId);
    expect(await engine.signOut()).toEqual({ keptLogs: 0, keptDrafts: 0 });
    expect(store.keys('softphone.')).toEqual([]);
    expect(codes(engine)).not.toContain('SIGN_OUT_KEPT');
  });
});

describe('SoftphoneEngine — nothing accumulates over a long session', () => {
  const kept = (store: MemoryKeyValueStore) => ({
    drafts: store.keys('softphone.draft.').length,
    outbox: store.keys('softphone.outbox.').length,
  });

  it('forgets each call once it is done: logged by the agent, or declined and discarded', async () => {
    const store = new MemoryKeyValueStore();
    const { engine, telephony, crm } = await startEngine({ store });
    for (let i = 0; i < 10; i += 1) {
      const answered = telephony.ring({ from: '+16505550101' });
      await settle();
      await engine.answer(answered);
      await engine.hangup(answered);
      expect(await engine.saveLog(answered)).toMatchObject({ ok: true });
      await settle();
      const declined = telephony.ring({ from: '+16505550103' });
      await settle();
      await engine.decline(declined);
      engine.discardDraft(declined);
      await settle();
      expect(engine.getState().calls).toEqual([]);
      expect(engine.getState().pendingLogs).toEqual([]);
      expect(kept(store)).toEqual({ drafts: 0, outbox: 0 });
    }
    expect(crm.tasks.size).toBe(10);
  });

  it('forgets a call logged automatically once the log with its final facts is saved after the end', async () => {
    const store = new MemoryKeyValueStore();
    const { engine, telephony, crm, clock } = await startEngine({ store, settings: { autoLog: true } });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    await settle();
    expect(kept(store)).toEqual({ drafts: 1, outbox: 1 }); // logged at answer, the call goes on
    telephony.end(callId, 'remote-hangup');
    await settle();
    expect(kept(store)).toEqual({ drafts: 1, outbox: 1 }); // the countdown of the final log runs
    clock.advance(engine.getState().settings.autoLogDelaySeconds * 1000);
    await settle();
    expect(kept(store)).toEqual({ drafts: 0, outbox: 0 });
    expect(engine.getState().calls).toEqual([]);
    const [task] = [...crm.tasks.values()];
    expect(task?.log.endTime).not.toBeNull(); // the final facts reached the Task
  });

  it('keeps a call whose log is retried in the background, with its form, for the agent to close', async () => {
    const store = new MemoryKeyValueStore();
    const { engine, telephony, crm, clock } = await startEngine({ store });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    await engine.answer(callId);
    await engine.hangup(callId);
    crm.failNext('upsertCallLogs', 'NETWORK');
    expect(await engine.saveLog(callId)).toMatchObject({ ok: false, willRetry: true });
    expect(kept(store)).toEqual({ drafts: 1, outbox: 1 });
    clock.advance(300_000);
    await settle();
    expect(crm.tasks.size).toBe(1);
    expect(viewOf(engine, callId).logStatus).toBe('sent');
    expect(await engine.saveLog(callId)).toMatchObject({ ok: true }); // nothing new to send: the form closes
    expect(kept(store)).toEqual({ drafts: 0, outbox: 0 });
    expect(crm.count('upsertCallLogs')).toBe(2);
  });
});
