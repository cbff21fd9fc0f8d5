import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway } from '../../__tests__/support/fake-crm-gateway';
import { FakeMessageStore } from '../../__tests__/support/fake-message-store';
import { ANN, BOB, CARLA } from '../../__tests__/support/sample-world';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { MessagingService } from '../messaging-service';

const ANN_NUMBER = '+16505550101';
const STONE_NUMBER = '+16505550102';
const UNKNOWN = '+16505550177';

/** Note ids of this file: `note-` and 32 digits, unique over the file (a reload's page makes new ones). */
let noteSeq = 0;

function setup(
  options: {
    autoLogSms?: boolean;
    smsNotesPrompt?: boolean;
    kv?: MemoryKeyValueStore;
    clock?: FakeClock;
    /** RingCentral's message store of an earlier page (a reload: the history stays in RingCentral). */
    store?: FakeMessageStore;
  } = {},
) {
  const clock = options.clock ?? new FakeClock(Date.parse('2026-12-05T15:00:00.000Z'));
  const store = options.store ?? new FakeMessageStore(() => clock.now());
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
    noteId: () => `note-${String(++noteSeq).padStart(32, '0')}`,
    // The agent is in UTC−8 (Pacific): the day of a message is the agent's day.
    utcOffsetMinutes: () => -480,
    settings: () => ({
      dncSmsMode: 'off',
      defaultRegion: 'US',
      autoLogSms: options.autoLogSms ?? true,
      personAccountAssociation: 'name',
      autoFillRelatedTo: true,
      smsNotesPrompt: options.smsNotesPrompt ?? false,
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

  describe('the agent’s note after sending (setting smsNotesPrompt)', () => {
    /** The texts of the day's Task, `direction:text`, in order. */
    const taskLines = (t: ReturnType<typeof setup>) =>
      [...t.crm.smsTasks.values()].map((task) => task.messages.map((m) => `${m.direction}:${m.text}`));

    async function sendTo(t: ReturnType<typeof setup>, text: string): Promise<void> {
      await t.service.openNumber(ANN_NUMBER);
      await t.flush();
      t.service.setDraft(text);
      await t.service.send();
    }

    it('a saved note goes into the day’s one Task after the message it follows, once, as text', async () => {
      const t = setup({ smsNotesPrompt: true });
      await t.service.start();
      t.store.inbound(ANN_NUMBER, 'Is my order ready?');
      await t.flush(3000);
      await sendTo(t, 'Yes, it ships today');
      expect(t.state().thread?.notePrompt).toEqual({ day: '2026-12-05', error: null, maxLength: 1000 });
      // The agent keeps texting while the prompt is open: the prompt stays as it is.
      t.service.setDraft('Tracking number follows');
      await t.service.send();
      expect(t.state().thread?.notePrompt).not.toBeNull();
      t.service.saveNote('  <b>Promised</b> delivery <script>x()</script>\n  by 5 pm  ');
      expect(t.state().thread?.notePrompt).toBeNull();
      await t.flush(3000);
      expect(taskLines(t)).toEqual([
        [
          'inbound:Is my order ready?',
          'outbound:Yes, it ships today',
          'outbound:Tracking number follows',
          'note:<b>Promised</b> delivery <script>x()</script>\n  by 5 pm',
        ],
      ]);
      // Every later log of the day carries the note again (same id); the Task holds it once.
      t.store.inbound(ANN_NUMBER, 'Thanks!');
      await t.flush(3000);
      const last = (t.crm.requests.at(-1)?.request as { logs: { messages: { id: string; direction: string }[] }[] })
        .logs[0];
      expect(last?.messages.filter((m) => m.direction === 'note').map((m) => m.id)).toEqual([
        expect.stringMatching(/^note-\d{32}$/),
      ]);
      expect(taskLines(t)[0]?.filter((line) => line.startsWith('note:'))).toHaveLength(1);
      expect(taskLines(t)[0]?.at(-1)).toBe('inbound:Thanks!');
    });

    it('Skip, an empty note and a note over 1000 characters save nothing; the prompt says why', async () => {
      const t = setup({ smsNotesPrompt: true });
      await t.service.start();
      await sendTo(t, 'Hello');
      t.service.saveNote('   \n ');
      expect(t.state().thread?.notePrompt?.error?.message).toBe('Type a note, or Skip.');
      t.service.saveNote('x'.repeat(1001));
      expect(t.state().thread?.notePrompt?.error).toEqual({
        code: 'NOTE_TOO_LONG',
        params: [1000, 1001],
        message: 'A note holds at most 1000 characters (this one has 1001). Shorten it to save it.',
      });
      t.service.skipNote();
      expect(t.state().thread?.notePrompt).toBeNull();
      await t.flush(3000);
      expect(taskLines(t)).toEqual([['outbound:Hello']]);
      // The next send offers a prompt again; a note of exactly 1000 characters is saved.
      await sendTo(t, 'Again');
      t.service.saveNote('y'.repeat(1000));
      await t.flush(3000);
      expect(taskLines(t)[0]?.at(-1)).toBe(`note:${'y'.repeat(1000)}`);
    });

    it('with the setting off no prompt shows and a note cannot be saved', async () => {
      const t = setup();
      await t.service.start();
      await sendTo(t, 'Hello');
      expect(t.state().thread?.notePrompt).toBeNull();
      t.service.saveNote('ignored');
      await t.flush(3000);
      expect(taskLines(t)).toEqual([['outbound:Hello']]);
    });

    it('auto-log off: the note waits with the day’s log, survives a reload, and Log logs it with the messages', async () => {
      const kv = new MemoryKeyValueStore();
      const t = setup({ autoLogSms: false, smsNotesPrompt: true, kv });
      await t.service.start();
      await sendTo(t, 'Hello');
      t.service.saveNote('Wants a call on Monday');
      await t.flush(3000);
      expect(t.crm.count('upsertSmsLogs')).toBe(0);
      expect(t.state().thread?.log?.notesWaiting).toBe(1);
      t.service.dispose();
      const again = setup({ autoLogSms: false, smsNotesPrompt: true, kv, clock: t.clock, store: t.store });
      await again.service.start();
      await again.service.openNumber(ANN_NUMBER);
      await again.flush();
      expect(again.state().thread?.log?.notesWaiting).toBe(1);
      await again.service.logThread();
      await again.flush();
      expect(taskLines(again)).toEqual([['outbound:Hello', 'note:Wants a call on Monday']]);
      expect(again.state().thread?.log?.notesWaiting).toBe(0);
    });

    it('a note whose log could not be sent survives a reload in the outbox entry and is written once', async () => {
      const kv = new MemoryKeyValueStore();
      const t = setup({ smsNotesPrompt: true, kv });
      await t.service.start();
      await sendTo(t, 'Hello');
      t.crm.failNext('upsertSmsLogs', 'NETWORK');
      t.service.saveNote('Kept across the reload');
      await t.flush(3000);
      expect(t.crm.smsTasks.size).toBe(0);
      t.service.dispose();
      const again = setup({ smsNotesPrompt: true, kv, clock: t.clock, store: t.store });
      await again.service.start();
      await again.flush(5000);
      again.store.inbound(ANN_NUMBER, 'Later that day');
      await again.flush(3000);
      expect(taskLines(again)).toEqual([['outbound:Hello', 'note:Kept across the reload', 'inbound:Later that day']]);
    });
  });
});
