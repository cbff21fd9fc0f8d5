import type { CallHistoryPort, CallHistoryRecord } from '../../core/ports/call-history-port';
import { DeferredCallHistory } from '../deferred-call-history';
import { deferred } from '../../../test-support/deferred';

const LIST = { days: 7, perPage: 250 };

function port(records: CallHistoryRecord[] = []): CallHistoryPort & { calls: number } {
  return {
    calls: 0,
    list() {
      this.calls += 1;
      return Promise.resolve(records);
    },
  };
}

describe('DeferredCallHistory', () => {
  it('rejects before a RingCentral call log is attached, and after it is detached', async () => {
    const history = new DeferredCallHistory();
    await expect(history.list(LIST)).rejects.toThrow('Not signed in');
    history.attach(port());
    history.attach(null);
    await expect(history.list(LIST)).rejects.toThrow('Not signed in');
  });

  it('lists the attached call log', async () => {
    const history = new DeferredCallHistory();
    const inner = port();
    history.attach(inner);
    await expect(history.list(LIST)).resolves.toEqual([]);
    expect(inner.calls).toBe(1);
  });

  it('waits for a call log attached as a promise (the lazy chunk of the RingCentral extras)', async () => {
    const history = new DeferredCallHistory();
    const later = deferred<CallHistoryPort | null>();
    history.attach(later.promise);
    const listing = history.list(LIST);
    const inner = port();
    later.resolve(inner);
    await expect(listing).resolves.toEqual([]);
    expect(inner.calls).toBe(1);
  });

  it('rejects a listing when the promised call log never comes (signed out meanwhile)', async () => {
    const history = new DeferredCallHistory();
    const later = deferred<CallHistoryPort | null>();
    history.attach(later.promise);
    const listing = history.list(LIST);
    later.resolve(null);
    await expect(listing).rejects.toThrow('Not signed in');
  });
});
