import * as buildCallLogModule from '../../call-log/build-call-log';
import { settle } from '../../__tests__/support/fake-clock';
import type { CallLogBuilder } from '../softphone-engine';
import { startEngine, viewOf } from './engine-harness';

// How a log is built is a lazy chunk (ADR 0018): loaded when idle after the start, or when a log needs it first. A
// call that ends before it arrives, or while it cannot load, keeps its draft and form; nothing is logged twice.

/** A load the test settles by hand; every call of the loader is counted. */
function manualLoader(): {
  load: () => Promise<CallLogBuilder>;
  calls: () => number;
  resolve: () => void;
  reject: (error: Error) => void;
} {
  let calls = 0;
  let settleNext: { resolve: () => void; reject: (error: Error) => void } | null = null;
  return {
    load: () => {
      calls += 1;
      return new Promise<CallLogBuilder>((resolve, reject) => {
        settleNext = { resolve: () => resolve(buildCallLogModule), reject };
      });
    },
    calls: () => calls,
    resolve: () => settleNext?.resolve(),
    reject: (error) => settleNext?.reject(error),
  };
}

describe('SoftphoneEngine — the log builder as a lazy chunk', () => {
  it('is loaded once when the page is idle after the start', async () => {
    const loader = manualLoader();
    await startEngine({ loadLogBuilder: loader.load });
    expect(loader.calls()).toBe(1);
  });

  it('a call that ends before the builder arrives gets its countdown once it has arrived', async () => {
    const loader = manualLoader();
    const { engine, telephony, crm, clock } = await startEngine({
      settings: { autoLog: true, autoLogDelaySeconds: 5 },
      loadLogBuilder: loader.load,
    });
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    await settle();
    expect(viewOf(engine, callId)).toMatchObject({ autoLogAt: null, taskId: null });
    expect(viewOf(engine, callId).call.state).toBe('ended');
    loader.resolve();
    await settle();
    expect(viewOf(engine, callId).autoLogAt).toBe(clock.now() + 5_000);
    clock.advance(5_000);
    await settle();
    expect(crm.count('upsertCallLogs')).toBe(1);
    expect(crm.tasks.size).toBe(1);
  });

  it('a builder that cannot load keeps the ended call’s draft and form, says so, and Save loads it again', async () => {
    const loader = manualLoader();
    const { engine, telephony, crm, store } = await startEngine({
      settings: { autoLog: true, autoLogDelaySeconds: 5 },
      loadLogBuilder: loader.load,
    });
    loader.reject(new Error('Failed to fetch dynamically imported module'));
    await settle();
    const callId = telephony.ring({ from: '+16505550101' });
    await settle();
    telephony.end(callId, 'missed');
    await settle();
    const failing = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      loader.reject(new Error('Failed to fetch dynamically imported module'));
      await settle();
      expect(engine.getState().notices.map((n) => n.code)).toContain('LOG_MODULE_NOT_LOADED');
      expect(viewOf(engine, callId)).toMatchObject({ taskId: null, autoLogAt: null });
      expect(store.keys('softphone.draft.').length).toBe(1); // the draft is stored: a reload offers it again
      engine.updateLogForm(callId, { notes: 'Asked for a quote' }); // the form still works

      const saving = engine.saveLog(callId);
      await settle();
      loader.reject(new Error('Failed to fetch dynamically imported module'));
      await expect(saving).rejects.toThrow('The call log could not be prepared');
      expect(crm.count('upsertCallLogs')).toBe(0);
      expect(viewOf(engine, callId).form.notes).toBe('Asked for a quote');

      const saved = engine.saveLog(callId);
      await settle();
      loader.resolve();
      await expect(saved).resolves.toMatchObject({ ok: true });
      expect(crm.tasks.size).toBe(1);
      expect(loader.calls()).toBe(4); // idle prefetch, the end's countdown, two Saves: each failure is retried
    } finally {
      failing.mockRestore();
    }
  });
});
