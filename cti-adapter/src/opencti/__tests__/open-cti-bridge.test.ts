import { OpenCtiBridge, unwrap } from '../open-cti-bridge';
import { OpenCtiError } from '../open-cti-error';
import { fakeOpenCti } from './fake-opencti';

describe('OpenCtiBridge', () => {
  it('resolves with returnValue and passes exactly one argument object', async () => {
    const fake = fakeOpenCti();
    fake.reply('getCallCenterSettings', {
      success: true,
      returnValue: { '/reqGeneralInfo/reqAdapterUrl': 'https://x' },
      errors: null,
    });
    const bridge = new OpenCtiBridge({ resolveApi: () => fake.api });
    await expect(bridge.getCallCenterSettings()).resolves.toEqual({ '/reqGeneralInfo/reqAdapterUrl': 'https://x' });
    await bridge.screenPop('sobject', { recordId: '003000000000001AAA' });
    expect(fake.calls[1]).toEqual({
      method: 'screenPop',
      args: { type: 'sobject', params: { recordId: '003000000000001AAA' } },
    });
  });

  it('rejects with OpenCtiError carrying the first error code', async () => {
    const fake = fakeOpenCti();
    fake.reply('screenPop', {
      success: false,
      returnValue: null,
      errors: [{ code: 'INVALID_PARAM', description: 'searchString must be at least 3 characters', details: null }],
    });
    const bridge = new OpenCtiBridge({ resolveApi: () => fake.api });
    const error = await bridge.screenPop('search', { searchString: 'ab' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenCtiError);
    expect(error).toMatchObject({
      code: 'INVALID_PARAM',
      method: 'screenPop',
      message: 'screenPop: searchString must be at least 3 characters',
    });
  });

  it('maps unknown codes to GENERIC_ERROR and a missing result to GENERIC_ERROR', () => {
    expect(() => unwrap('x', { success: false, returnValue: null, errors: [{ code: 'WHAT' }] })).toThrow(
      expect.objectContaining({ code: 'GENERIC_ERROR' }),
    );
    expect(() => unwrap('x', undefined)).toThrow(expect.objectContaining({ code: 'GENERIC_ERROR' }));
    expect(unwrap('x', { success: true, returnValue: 7, errors: null })).toBe(7);
  });

  it('reads sforce.opencti lazily and rejects NOT_LOADED when absent', async () => {
    const holder: { api?: ReturnType<typeof fakeOpenCti>['api'] } = {};
    const bridge = new OpenCtiBridge({ resolveApi: () => holder.api });
    expect(bridge.isLoaded()).toBe(false);
    await expect(bridge.enableClickToDial()).rejects.toMatchObject({ code: 'NOT_LOADED' });
    holder.api = fakeOpenCti().api;
    await expect(bridge.enableClickToDial()).resolves.toBeUndefined();
  });

  it('reads window.sforce.opencti by default', async () => {
    const fake = fakeOpenCti();
    (globalThis as { sforce?: unknown }).sforce = { opencti: fake.api };
    try {
      await new OpenCtiBridge().notifyInitializationComplete();
      expect(fake.calls.map((c) => c.method)).toEqual(['notifyInitializationComplete']);
    } finally {
      delete (globalThis as { sforce?: unknown }).sforce;
    }
  });

  it('times out when the console never answers', async () => {
    jest.useFakeTimers();
    try {
      const fake = fakeOpenCti();
      fake.reply('refreshView', 'never');
      const promise = new OpenCtiBridge({ resolveApi: () => fake.api, timeoutMs: 1000 }).refreshView();
      jest.advanceTimersByTime(1000);
      await expect(promise).rejects.toMatchObject({ code: 'TIMEOUT' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('turns a synchronous throw of opencti into a rejection', async () => {
    const api = {
      enableClickToDial: () => {
        throw new Error('Failed to initialize Open CTI');
      },
    } as never;
    await expect(new OpenCtiBridge({ resolveApi: () => api }).enableClickToDial()).rejects.toMatchObject({
      code: 'GENERIC_ERROR',
      message: expect.stringContaining('Failed to initialize Open CTI'),
    });
  });

  it('validates the panel height range locally', async () => {
    const fake = fakeOpenCti();
    const bridge = new OpenCtiBridge({ resolveApi: () => fake.api });
    await expect(bridge.setSoftphonePanelHeight(100)).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    await bridge.setSoftphonePanelHeight(400);
    expect(fake.calls).toEqual([{ method: 'setSoftphonePanelHeight', args: { heightPX: 400 } }]);
  });
});
