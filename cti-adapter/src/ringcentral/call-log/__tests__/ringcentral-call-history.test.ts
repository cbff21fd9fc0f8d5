import { FakeApi } from '../../__tests__/support/fake-api';
import { ManualClock } from '../../__tests__/support/fake-clock';
import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import { RingCentralCallHistory, type RcCallLogRecord } from '../ringcentral-call-history';

const PATH = '/restapi/v1.0/account/~/extension/~/call-log';
const MEDIA = 'https://media.rc.test';

const record = (id: string, startTime: string, extra: Partial<RcCallLogRecord> = {}): RcCallLogRecord => ({
  id,
  sessionId: `sess-${id}`,
  telephonySessionId: `s-${id}`,
  startTime,
  duration: 42,
  direction: 'Inbound',
  result: 'Accepted',
  from: { phoneNumber: '+16505550101', name: 'LEE ANN' },
  to: { phoneNumber: '+16505550100', name: 'Alex Agent' },
  ...extra,
});

describe('RingCentralCallHistory', () => {
  it('lists the last days with view=Detailed, dateFrom and perPage; newest first; recording content URI', async () => {
    const clock = new ManualClock(Date.parse('2026-11-21T10:00:00.000Z'));
    const api = new FakeApi().on('GET', PATH, () => ({
      records: [
        record('a', '2026-11-20T09:00:00.000Z'),
        record('b', '2026-11-21T09:00:00.000Z', {
          recording: { id: 'r1', contentUri: 'https://media.rc.test/restapi/v1.0/account/1/recording/r1/content' },
        }),
      ],
    }));
    const history = new RingCentralCallHistory({ api, clock, mediaServer: MEDIA });
    const list = await history.list({ days: 7, perPage: 250 });
    expect(api.calls[0]?.query).toEqual({
      view: 'Detailed',
      dateFrom: '2026-11-14T10:00:00.000Z',
      perPage: 250,
      page: 1,
    });
    expect(list.map((r) => r.id)).toEqual(['b', 'a']);
    expect(list[0]).toEqual({
      id: 'b',
      telephonySessionId: 's-b',
      sessionId: 'sess-b',
      direction: 'Inbound',
      startTime: '2026-11-21T09:00:00.000Z',
      duration: 42,
      result: 'Accepted',
      from: { phoneNumber: '+16505550101', name: 'LEE ANN' },
      to: { phoneNumber: '+16505550100', name: 'Alex Agent' },
      recording: { id: 'r1', contentUri: 'https://media.rc.test/restapi/v1.0/account/1/recording/r1/content' },
    });
    expect(list[1]?.recording).toBeNull();
  });

  it("finalRecord: one look, no retry; the detailed legs' direction and result (a queue call's outcome, ADR 0025)", async () => {
    const clock = new ManualClock();
    const legs = [
      { direction: 'Outbound', result: 'Call connected', legType: 'Accept' },
      { direction: 'Inbound', result: 'Voicemail', legType: 'Voicemail' },
      { direction: 'Inbound', result: 'Missed', legType: 'FollowMe' },
      { result: 'no direction' },
    ];
    let answer: RcCallLogRecord[] = [];
    const api = new FakeApi().on('GET', PATH, () => ({ records: answer }));
    const history = new RingCentralCallHistory({ api, clock, mediaServer: MEDIA });
    expect(await history.finalRecord('s-q')).toBeNull();
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]?.query).toMatchObject({ telephonySessionId: 's-q', view: 'Detailed' });
    answer = [record('q', '2026-11-21T09:00:00.000Z', { result: 'Missed', legs })];
    expect((await history.finalRecord('s-q'))?.legs).toEqual([
      { direction: 'Outbound', result: 'Call connected' },
      { direction: 'Inbound', result: 'Voicemail' },
      { direction: 'Inbound', result: 'Missed' },
    ]);
  });

  it('finds the final record of a telephony session, retrying until the platform has written it', async () => {
    const clock = new ManualClock();
    let attempts = 0;
    const api = new FakeApi().on('GET', PATH, (call) => {
      attempts += 1;
      if (attempts === 1) return { records: [] };
      if (attempts === 2) throw new RingCentralApiError('Too Many Requests', 429);
      return {
        records: [
          record('x', '2026-11-21T09:59:00.000Z', { telephonySessionId: String(call.query?.['telephonySessionId']) }),
        ],
      };
    });
    const history = new RingCentralCallHistory({
      api,
      clock,
      mediaServer: MEDIA,
      lookupRetryDelaysMs: [100, 100, 100],
    });
    const found = history.findByTelephonySessionId('s-abc');
    await clock.advance(100);
    await clock.advance(100);
    await expect(found).resolves.toMatchObject({ id: 'x', telephonySessionId: 's-abc', duration: 42 });
    expect(api.calls[0]?.query).toMatchObject({ telephonySessionId: 's-abc', view: 'Detailed' });
  });

  it('gives up with null when nothing appears, and rejects on a non-transient error', async () => {
    const clock = new ManualClock();
    const empty = new RingCentralCallHistory({
      api: new FakeApi().on('GET', PATH, () => ({ records: [] })),
      clock,
      mediaServer: MEDIA,
      lookupRetryDelaysMs: [10],
    });
    const none = empty.findByTelephonySessionId('s-none');
    await clock.advance(10);
    await expect(none).resolves.toBeNull();
    const denied = new RingCentralCallHistory({
      api: new FakeApi().on('GET', PATH, () => {
        throw new RingCentralApiError(
          'In order to call this API endpoint, user needs to have [ReadCallLog] permission',
          403,
        );
      }),
      clock,
      mediaServer: MEDIA,
    });
    await expect(denied.findByTelephonySessionId('s-1')).rejects.toMatchObject({ status: 403 });
  });

  it('builds the absolute content link on the media entry point for a recording without contentUri', async () => {
    const api = new FakeApi().on('GET', PATH, () => ({
      records: [record('c', '2026-11-21T09:00:00.000Z', { recording: { id: 'r2' } })],
    }));
    const history = new RingCentralCallHistory({ api, clock: new ManualClock(), mediaServer: MEDIA });
    const [listed] = await history.list({ days: 1, perPage: 10 });
    expect(listed?.recording).toEqual({
      id: 'r2',
      contentUri: 'https://media.rc.test/restapi/v1.0/account/~/recording/r2/content',
    });
  });
});
