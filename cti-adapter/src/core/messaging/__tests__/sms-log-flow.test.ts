import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeMessageStore } from '../../__tests__/support/fake-message-store';
import { ANN, BOB, CARLA } from '../../__tests__/support/sample-world';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { MessagingService } from '../messaging-service';

const ANN_NUMBER = '+16505550101';
const STONE_NUMBER = '+16505550102';
const UNKNOWN = '+16505550177';

function setup(options: { autoLogSms?: boolean; kv?: MemoryKeyValueStore; clock?: FakeClock } = {}) {
  const clock = options.clock ?? new FakeClock(Date.parse('2026-12-05T15:00:00.000Z'));
  const store = new FakeMessageStore(() => clock.now());
  const crm = new FakeCrmGateway();
  const kv = options.kv ?? new MemoryKeyValueStore();
  crm.setMatches(ANN_NUMBER, [{ ...ANN, sms: { phoneNumber: null, allowed: true } }]);
  crm.setMatches(STONE_NUMBER, [BOB, CARLA]);
  const service = new MessagingService({
    store,
    crm,
    kv,
    clock,
    logs: crm,
    // The agent is in UTC−8 (Pacific): the day of a message is the agent's day.
    utcOffsetMinutes: () => -480,
    settings: () => ({
      dncSmsMode: 'off',
      defaultRegion: 'US',
      autoLogSms: options.autoLogSms ?? true,
      personAccountAssociation: 'name',
      autoFillRelatedTo: true,
    }),
  });
  /** Lets answers run, matches the numbers (0-ms timer), then moves time on by `ms` (the auto-log wait). */
  const flush = async (ms = 0) => {
    for (let i = 0; i < 8; i += 1) {
      await settle(30);
      clock.advance(i === 2 ? ms : 0);
    }
    await settle(30);
  };
  return { clock, store, crm, kv, service, flush, state: () => service.getState() };
}

describe('SMS logging (issue 12: one Task per conversation per agent per day, through the durable outbox)', () => {
  it('auto-logs a conversation’s day as one Task with Who/What, and appends later messages of the day to it', async () => {
    const t = setup();
    await t.service.start();
    t.store.inbound(ANN_NUMBER, '<script>alert(1)</script> is my order ready?');
    await t.flush(3000);
    expect(t.crm.count('upsertSmsLogs')).toBe(1);
    const [log] = (t.crm.requests.at(-1)?.request as { logs: Record<string, unknown>[] }).logs;
    expect(log).toMatchObject({
      conversationId: t.store.conversationIdFor(ANN_NUMBER),
      day: '2026-12-05',
      source: 'auto',
      contactNumber: ANN_NUMBER,
      contactName: 'Ann Lee',
      whoId: ANN.id,
      whatId: ANN.accountId,
      messages: [
        expect.objectContaining({ direction: 'inbound', text: '<script>alert(1)</script> is my order ready?' }),
      ],
    });
    await t.service.openNumber(ANN_NUMBER);
    t.service.setDraft('Yes, it ships today');
    await t.service.send();
    t.store.inbound(ANN_NUMBER, 'Thanks!');
    await t.flush(3000);
    expect(t.crm.smsTasks.size).toBe(1);
    const task = [...t.crm.smsTasks.values()][0];
    expect(task?.messages.map((m) => `${m.direction}:${m.text}`)).toEqual([
      'inbound:<script>alert(1)</script> is my order ready?',
      'outbound:Yes, it ships today',
      'inbound:Thanks!',
    ]);
    expect(t.state().thread?.log).toMatchObject({ day: '2026-12-05', status: 'sent', taskId: task?.id });
  });

  it('a new agent-local day is a new Task; messages of two conversations go in one request', async () => {
    const t = setup();
    await t.service.start();
    // 07:59 UTC is still the 4th of December in UTC−8.
    t.store.inbound(ANN_NUMBER, 'late last night', { ageMs: 7 * 3600_000 + 1000 });
    t.store.inbound(ANN_NUMBER, 'this morning');
    t.crm.setMatches('+16505550109', [{ ...ANN, id: '003000000000009AAA', name: 'Ann Other' }]);
    t.store.inbound('+16505550109', 'another conversation');
    await t.flush(3000);
    expect(t.crm.count('upsertSmsLogs')).toBe(1);
    expect([...t.crm.smsTasks.keys()].map((k) => k.split(':')[1]).sort()).toEqual([
      '2026-12-04',
      '2026-12-05',
      '2026-12-05',
    ]);
  });

  it('without auto-log nothing is logged until the agent presses Log; then that day’s new messages are appended', async () => {
    const t = setup({ autoLogSms: false });
    await t.service.start();
    t.store.inbound(ANN_NUMBER, 'first');
    await t.flush(3000);
    expect(t.crm.count('upsertSmsLogs')).toBe(0);
    await t.service.openNumber(ANN_NUMBER);
    await t.flush();
    await t.service.logThread();
    await t.flush();
    expect(t.crm.count('upsertSmsLogs')).toBe(1);
    t.store.inbound(ANN_NUMBER, 'second');
    await t.flush(3000);
    expect([...t.crm.smsTasks.values()][0]?.messages.map((m) => m.text)).toEqual(['first', 'second']);
  });

  it('no match or several: the day waits in Unresolved; choosing the record logs it with that Who', async () => {
    const t = setup();
    await t.service.start();
    t.store.inbound(STONE_NUMBER, 'Which Stone am I?');
    t.store.inbound(UNKNOWN, 'Who is this?');
    await t.flush(3000);
    expect(t.crm.count('upsertSmsLogs')).toBe(0);
    expect(t.state().unresolved.map((u) => [u.name, u.reason])).toEqual(
      expect.arrayContaining([
        ['(650) 555-0102', 'multiple-matches'],
        ['(650) 555-0177', 'no-match'],
      ]),
    );
    const stone = t.state().unresolved.find((u) => u.reason === 'multiple-matches');
    await t.service.openUnresolved(stone?.conversationId ?? '');
    t.service.chooseRecord(CARLA.id);
    await t.flush();
    expect(t.crm.count('upsertSmsLogs')).toBe(1);
    expect([...t.crm.smsTasks.values()][0]).toMatchObject({ whoId: CARLA.id });
    expect(t.state().unresolved.map((u) => u.reason)).toEqual(['no-match']);
    // An unknown number is logged without a Who when the agent says so.
    await t.service.openUnresolved(t.state().unresolved[0]?.conversationId ?? '');
    await t.service.logThread();
    await t.flush();
    expect(t.state().unresolved).toEqual([]);
    expect(t.crm.smsTasks.size).toBe(2);
  });

  it('a log that could not be sent survives a reload and is sent by the next page; a retry never makes a second Task', async () => {
    const kv = new MemoryKeyValueStore();
    const t = setup({ kv });
    await t.service.start();
    t.crm.failNext('upsertSmsLogs', 'NETWORK');
    t.store.inbound(ANN_NUMBER, 'kept across the reload');
    await t.flush(3000);
    expect(t.crm.smsTasks.size).toBe(0);
    t.service.dispose();
    const again = setup({ kv, clock: t.clock });
    await again.service.start();
    await again.flush(5000);
    expect([...again.crm.smsTasks.values()].map((task) => task.messages.map((m) => m.text))).toEqual([
      ['kept across the reload'],
    ]);
  });
});
