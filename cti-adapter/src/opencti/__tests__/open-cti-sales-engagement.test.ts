import { OpenCtiBridge } from '../open-cti-bridge';
import type { OpenCtiApi } from '../open-cti-api';
import { OpenCtiSalesEngagement, workStartOf } from '../open-cti-sales-engagement';
import { fakeOpenCti } from './fake-opencti';

describe('OpenCtiSalesEngagement (hvs.onWorkStart / hvs.completeWork)', () => {
  it('forwards work starts with a work id and a number; drops the others', async () => {
    const fake = fakeOpenCti();
    const port = new OpenCtiSalesEngagement(new OpenCtiBridge({ resolveApi: () => fake.api }));
    const seen: unknown[] = [];
    const off = await port.onWorkStart((work) => seen.push(work));
    fake.fire('hvs.onWorkStart', { workId: '0Zx1', completeWorkWhen: 'TaskSaved', attributes: { to: '+16505550101' } });
    fake.fire('hvs.onWorkStart', { workId: '', attributes: { to: '+16505550101' } });
    fake.fire('hvs.onWorkStart', { workId: '0Zx2', attributes: {} });
    fake.fire('hvs.onWorkStart', JSON.stringify({ workId: '0Zx3', attributes: { to: ' 650 555 0103 ' } }));
    off();
    fake.fire('hvs.onWorkStart', { workId: '0Zx4', attributes: { to: '+16505550104' } });
    expect(seen).toEqual([
      { workId: '0Zx1', completeWorkWhen: 'TaskSaved', to: '+16505550101' },
      { workId: '0Zx3', completeWorkWhen: 'TaskSaved', to: '650 555 0103' },
    ]);
  });

  it('completeWork sends {workId, attributes: {disposition, taskId, wasConnected}} and rejects with the console error', async () => {
    const fake = fakeOpenCti();
    const port = new OpenCtiSalesEngagement(new OpenCtiBridge({ resolveApi: () => fake.api }));
    await port.completeWork('0Zx1', {
      disposition: 'Left Voicemail',
      taskId: '00T000000000001AAA',
      wasConnected: false,
    });
    expect(fake.calls.at(-1)).toEqual({
      method: 'hvs.completeWork',
      args: {
        workId: '0Zx1',
        attributes: { disposition: 'Left Voicemail', taskId: '00T000000000001AAA', wasConnected: false },
      },
    });
    fake.reply('hvs.completeWork', {
      success: false,
      returnValue: null,
      errors: [{ code: 'INVALID_PARAM', description: 'workId is unknown' }],
    });
    await expect(
      port.completeWork('0Zx9', { disposition: 'Unqualified', taskId: '00T000000000002AAA', wasConnected: true }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('an Open CTI library without hvs (below API 46) rejects instead of throwing', async () => {
    const fake = fakeOpenCti();
    const api = { ...fake.api, hvs: undefined } as OpenCtiApi;
    const port = new OpenCtiSalesEngagement(new OpenCtiBridge({ resolveApi: () => api }));
    await expect(port.onWorkStart(() => undefined)).rejects.toMatchObject({ code: 'GENERIC_ERROR' });
    await expect(
      port.completeWork('0Zx1', { disposition: 'Unqualified', taskId: '00T000000000002AAA', wasConnected: true }),
    ).rejects.toMatchObject({ code: 'GENERIC_ERROR' });
  });

  it('workStartOf defaults completeWorkWhen to TaskSaved', () => {
    expect(workStartOf({ workId: 'w', attributes: { to: '1' } })).toEqual({
      workId: 'w',
      completeWorkWhen: 'TaskSaved',
      to: '1',
    });
    expect(workStartOf({ workId: 'w', attributes: 'x' })).toBeNull();
  });
});
