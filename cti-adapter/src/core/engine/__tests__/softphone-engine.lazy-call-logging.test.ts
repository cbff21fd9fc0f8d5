import { sampleCallLog } from '../../../../test-support/sample-call-log';
import { storedOutboxEntryText } from '../../call-log/stored-outbox-shapes';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { settle } from '../../__tests__/support/fake-clock';
import * as callLoggingModule from '../flows/call-logging';
import type { CallLoggingLoader } from '../softphone-engine';
import { startEngine, viewOf } from './engine-harness';

// The call-log machinery — the outbox, how a log is built, automatic logging and Save — is a lazy chunk (ADR 0018,
// amendment "the call-log machinery is a lazy chunk"): loaded when idle after the start, or when a log needs it first.
// A call that ends before it arrives, or while it cannot load, keeps its draft and gets its log once it has arrived;
// the logs left from the last session are sent once it has; nothing is logged twice.

const NOT_FOUND = 'Failed to fetch dynamically imported module';

/** A load the test settles by hand; every call of the loader is counted. */
function manualLoader(): {
  load: CallLoggingLoader;
  calls: () => number;
  resolve: () => void;
  reject: (error: Error) => void;
} {
  let calls = 0;
  let settleNext: { resolve: () => void; reject: (error: Error) => void } | null = null;
  return {
    load: () => {
      calls += 1;
      return new Promise((resolve, reject) => {
        settleNext = { resolve: () => resolve(callLoggingModule), reject };
      });
    },
    calls: () => calls,
    resolve: () => settleNext?.resolve(),
    reject: (error) => settleNext?.reject(error),
  };
}

/** A store holding one log the last session did not get to send (`s-old`). */
function storeWithBacklog(): MemoryKeyValueStore {
  const store = new MemoryKeyValueStore();
  const log = sampleCallLog({ telephonySessionId: 's-old' });
  store.set(
    'softphone.outbox.s-old',
    storedOutboxEntryText({
      telephonySessionId: 's-old',
      log,
      revision: 1_000,
      savedRevision: null,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      taskId: null,
      updatedAt: 1,
    }),
  );
  return store;
}

/** Console errors of the failed loads, silenced. */
function quietErrors(): jest.SpyInstance {
  return jest.spyOn(console, 'error').mockImplementation(() => undefined);
}

describe('SoftphoneEngine — the call-log machinery as a lazy chunk', () => {
  it('is loaded once when the page is idle after the start', async () => {
    const loader = manualLoader();
    await startEngine({ loadCallLogging: loader.load });
    expect(loader.calls()).toBe(1);
  });

  it('sends the logs left from the last session once the chunk has arrived, once', async () => {
    const loader = manualLoader();
    const { engine, crm } = await startEngine({ store: storeWithBacklog(), loadCallLogging: loader.load });
    expect(crm.count('upsertCallLogs')).toBe(0); // the start sends nothing of the log side
    expect(engine.getState().pendingLogs).toEqual([]);
    loader.resolve();
    await settle();
    expect(crm.upsertBatches()).toHaveLength(1);
    expect(crm.upsertBatches()[0]?.map((log) => log.telephonySessionId)).toEqual(['s-old']);
    expect(crm.tasks.size).toBe(1);
    await engine.signOut(); // sends what waits: nothing more
    expect(crm.count('upsertCallLogs')).toBe(1);
  });

  it('a call that ends before the chunk arrives gets its countdown, then one Task, once it has arrived', async () => {
    const loader = manualLoader();
    const { engine, telephony, crm, clock, store } = await startEngine({
      settings: { autoLog: true, autoLogDelaySeconds: 5 },
      loadCallLogging: loader.load,
    });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    await settle();
    expect(viewOf(engine, callId)).toMatchObject({ autoLogAt: null, taskId: null });
    expect(viewOf(engine, callId).call.state).toBe('ended');
    expect(store.keys('softphone.draft.')).toHaveLength(1); // the draft is stored: nothing to lose meanwhile
    loader.resolve();
    await settle();
    expect(viewOf(engine, callId).autoLogAt).toBe(clock.now() + 5_000);
    clock.advance(5_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(crm.tasks.size).toBe(1);
  });

  it('a reload before the chunk arrived keeps the ended call: the next page offers it and logs it once', async () => {
    const loader = manualLoader();
    const store = new MemoryKeyValueStore();
    const first = await startEngine({ store, settings: { autoLog: true }, loadCallLogging: loader.load });
    const callId = first.telephony.ring({ from: '+16505550101' });
    await settle();
    first.telephony.end(callId, 'missed');
    await settle();
    first.engine.dispose(); // the page goes away; the chunk never arrived
    loader.resolve();
    await settle();
    expect(first.crm.count('upsertCallLogs')).toBe(0);

    const next = await startEngine({ store, settings: { autoLog: true } });
    expect(viewOf(next.engine, callId)).toMatchObject({ taskId: null });
    await expect(next.engine.saveLog(callId)).resolves.toMatchObject({ ok: true });
    expect(next.crm.tasks.size).toBe(1);
    expect(next.crm.count('upsertCallLogs')).toBe(1);
  });

  it('logs on answer and completes the log at the end, in order, when both came before the chunk', async () => {
    const loader = manualLoader();
    const { telephony, crm, clock } = await startEngine({
      settings: { autoLog: true, saveOnRinging: false, autoLogDelaySeconds: 0 },
      loadCallLogging: loader.load,
    });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.answer(callId);
    await settle();
    clock.advance(30_000);
    telephony.end(callId, 'hangup');
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(0);
    loader.resolve();
    await settle();
    clock.advance(0);
    await settle();
    expect(crm.tasks.size).toBe(1); // one Task for the call, with its end
    const [task] = [...crm.tasks.values()];
    expect(task).toMatchObject({ log: { durationSeconds: 30, endTime: expect.any(String) } });
  });

  it('a chunk that cannot load is a temporary outage: told, the draft kept, retried with a backoff, one Task', async () => {
    const loader = manualLoader();
    const errors = quietErrors();
    try {
      const { engine, telephony, crm, clock, store } = await startEngine({
        settings: { autoLog: true, autoLogDelaySeconds: 5 },
        loadCallLogging: loader.load,
        callLoggingRetryMs: 1_000,
      });
      loader.reject(new Error(NOT_FOUND)); // the idle prefetch: nothing waits, nothing told
      await settle();
      expect(engine.getState().notices.map((n) => n.code)).not.toContain('LOG_MODULE_NOT_LOADED');
      const callId = telephony.ring({ from: '+16505550101' });
      await settle();
      telephony.end(callId, 'missed'); // the end asks for the chunk again
      await settle();
      expect(loader.calls()).toBe(2);
      loader.reject(new Error(NOT_FOUND));
      await settle();
      expect(engine.getState().notices.filter((n) => n.code === 'LOG_MODULE_NOT_LOADED')).toHaveLength(1);
      expect(store.keys('softphone.draft.')).toHaveLength(1);
      engine.updateLogForm(callId, { notes: 'Asked for a quote' }); // the form works without the chunk
      expect(viewOf(engine, callId).form.notes).toBe('Asked for a quote');

      clock.advance(2_000); // the retry after the second failure (1 s doubled)
      await settle();
      expect(loader.calls()).toBe(3);
      loader.resolve();
      await settle();
      expect(crm.count('upsertCallLogs')).toBe(0); // edited: no countdown, the agent saves
      await expect(engine.saveLog(callId)).resolves.toMatchObject({ ok: true });
      expect(crm.tasks.size).toBe(1);
      expect(crm.upsertBatches()[0]?.[0]?.notes).toBe('Asked for a quote');
      clock.advance(10 * 60_000);
      await settle();
      expect(loader.calls()).toBe(3); // loaded: no more retries
      expect(crm.count('upsertCallLogs')).toBe(1);
    } finally {
      errors.mockRestore();
    }
  });

  it('Save while the chunk cannot load says so and sends nothing; the next Save loads it and logs once', async () => {
    const loader = manualLoader();
    const errors = quietErrors();
    try {
      const { engine, telephony, crm } = await startEngine({ loadCallLogging: loader.load });
      loader.reject(new Error(NOT_FOUND));
      await settle();
      const callId = telephony.ring({ from: '+16505550101' });
      await settle();
      telephony.end(callId, 'missed');
      await settle();
      const saving = engine.saveLog(callId);
      await settle();
      loader.reject(new Error(NOT_FOUND));
      await expect(saving).rejects.toThrow('The call log could not be prepared');
      expect(crm.count('upsertCallLogs')).toBe(0);
      expect(viewOf(engine, callId).call.state).toBe('ended');

      const saved = engine.saveLog(callId);
      await settle();
      loader.resolve();
      await expect(saved).resolves.toMatchObject({ ok: true });
      expect(crm.tasks.size).toBe(1);
    } finally {
      errors.mockRestore();
    }
  });

  it('a stored log waiting for a chunk that cannot load is told; sign-out without the chunk keeps it', async () => {
    const loader = manualLoader();
    const errors = quietErrors();
    try {
      const { engine, crm, store } = await startEngine({ store: storeWithBacklog(), loadCallLogging: loader.load });
      loader.reject(new Error(NOT_FOUND));
      await settle();
      // The last session's log waits: the outage is told.
      expect(engine.getState().notices.map((n) => n.code)).toContain('LOG_MODULE_NOT_LOADED');
      const signingOut = engine.signOut();
      await settle();
      loader.reject(new Error(NOT_FOUND));
      await expect(signingOut).resolves.toEqual({ keptLogs: 1, keptDrafts: 0 });
      expect(store.keys('softphone.outbox.')).toEqual(['softphone.outbox.s-old']);
      expect(crm.count('upsertCallLogs')).toBe(0);
    } finally {
      errors.mockRestore();
    }
  });
});
