import { FakeClock, settle } from '../../__tests__/support/fake-clock';
import { FakeCrmGateway, match } from '../../__tests__/support/fake-crm-gateway';
import { FakeMessageStore } from '../../__tests__/support/fake-message-store';
import { ANN, BOB, CARLA, DAN } from '../../__tests__/support/sample-world';
import { MemoryKeyValueStore } from '../../ports/key-value-store';
import { MessageStoreError } from '../../ports/message-store-port';
import type { SmsTemplateGateway, SmsTemplateList } from '../../ports/sms-template-port';
import { CrmError } from '../../crm/crm-error';
import type { MessagesState } from '../messages-state';
import { MessagingService } from '../messaging-service';

const ANN_NUMBER = '+16505550101';
const STONE_NUMBER = '+16505550102';
const DAN_NUMBER = '+16505550103';

function setup(
  options: {
    kv?: MemoryKeyValueStore;
    conversationsPerPage?: number;
    messagesPerPage?: number;
    templates?: Pick<SmsTemplateGateway, 'list'>;
  } = {},
) {
  const clock = new FakeClock();
  const store = new FakeMessageStore(() => clock.now());
  const crm = new FakeCrmGateway();
  const kv = options.kv ?? new MemoryKeyValueStore();
  crm.setMatches(ANN_NUMBER, [{ ...ANN, sms: { phoneNumber: null, allowed: true } }]);
  crm.setMatches(STONE_NUMBER, [
    { ...BOB, sms: { phoneNumber: null, allowed: true } },
    { ...CARLA, sms: { phoneNumber: null, allowed: false } },
  ]);
  crm.setMatches(DAN_NUMBER, [DAN]);
  const service = new MessagingService({
    store,
    crm,
    kv,
    clock,
    settings: () => ({
      dncSmsMode: 'off',
      defaultRegion: 'US',
      autoLogSms: false,
      personAccountAssociation: 'name',
      autoFillRelatedTo: true,
      smsNotesPrompt: false,
    }),
    ...(options.conversationsPerPage ? { conversationsPerPage: options.conversationsPerPage } : {}),
    ...(options.messagesPerPage ? { messagesPerPage: options.messagesPerPage } : {}),
    ...(options.templates ? { templates: options.templates } : {}),
  });
  const states: MessagesState[] = [];
  const unread: number[] = [];
  service.subscribe((s) => states.push(s));
  service.on('unread', (n) => unread.push(n));
  /** Lets answers and the 0-ms match timer run. */
  const flush = async () => {
    for (let i = 0; i < 5; i += 1) {
      await settle(20);
      clock.advance(0);
    }
    await settle(20);
  };
  return { clock, store, crm, kv, service, states, unread, flush, state: () => service.getState() };
}

describe('MessagingService (issue 12: conversations, threads, compose, matching, consent)', () => {
  it('starts with the conversations newest first, names from one matchNumbers per 10 numbers (SMS facts asked), and the unread badge', async () => {
    const t = setup();
    t.store.inbound(ANN_NUMBER, 'Is my order ready?', { ageMs: 60_000, silent: true });
    t.store.outbound(DAN_NUMBER, 'Your quote is attached', 120_000);
    for (let i = 0; i < 10; i += 1)
      t.store.inbound(`+1650555${String(2000 + i)}`, `hello ${i}`, { ageMs: 300_000 + i, silent: true, read: true });
    await t.service.start();
    await t.flush();
    const state = t.state();
    expect(state.status).toBe('ready');
    expect(state.conversations).toHaveLength(12);
    expect(state.conversations.slice(0, 2).map((c) => [c.name, c.lastText, c.unread])).toEqual([
      ['Ann Lee', 'Is my order ready?', 1],
      ['Dan Ortiz', 'Your quote is attached', 0],
    ]);
    expect(state.unreadTotal).toBe(1);
    expect(t.unread.at(-1)).toBe(1);
    expect(state.sender).toBe('+16505550100');
    const requests = t.crm.requests.filter((r) => r.endpoint === 'matchNumbers');
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => (r.request as { numbers: unknown[]; sms: boolean }).numbers.length)).toEqual([10, 2]);
    expect(requests.every((r) => (r.request as { sms?: boolean }).sms === true)).toBe(true);
  });

  it('shows an inbound SMS at once at the top with its unread count; opening the thread marks it read', async () => {
    const t = setup();
    await t.service.start();
    await t.flush();
    t.store.inbound(ANN_NUMBER, 'Are you there?');
    await t.flush();
    expect(t.state().conversations[0]).toMatchObject({ name: 'Ann Lee', lastText: 'Are you there?', unread: 1 });
    expect(t.state().unreadTotal).toBe(1);
    t.service.setViewing(true);
    await t.service.open(t.state().conversations[0]?.id ?? '');
    await t.flush();
    expect(t.state().thread?.messages.map((m) => m.text)).toEqual(['Are you there?']);
    expect(t.store.count('markRead')).toBe(1);
    expect(t.state().unreadTotal).toBe(0);
    expect(t.unread).toEqual([0, 1, 0]);
    // A message into the open thread while the tab is on screen is read at once; off screen it stays unread.
    t.store.inbound(ANN_NUMBER, 'Hello?');
    await t.flush();
    expect(t.state().unreadTotal).toBe(0);
    t.service.setViewing(false);
    t.store.inbound(ANN_NUMBER, 'Anyone?');
    await t.flush();
    expect(t.state().unreadTotal).toBe(1);
  });

  it('is on screen while any viewer shows it (several tabs, ADR 0028): read marks once, stop when the last one leaves', async () => {
    const t = setup();
    await t.service.start();
    await t.flush();
    t.store.inbound(ANN_NUMBER, 'Are you there?');
    await t.flush();
    t.service.setViewing(true); // this page's panel
    t.service.setViewing(true, 'tab:b'); // a follower tab's
    await t.service.open(t.state().conversations[0]?.id ?? '');
    await t.flush();
    expect(t.store.count('markRead')).toBe(1);
    // This page's panel leaves; the follower still shows the tab: a new message is read at once.
    t.service.setViewing(false);
    t.store.inbound(ANN_NUMBER, 'Hello?');
    await t.flush();
    expect(t.state().unreadTotal).toBe(0);
    t.service.setViewing(false, 'tab:b');
    t.store.inbound(ANN_NUMBER, 'Anyone?');
    await t.flush();
    expect(t.state().unreadTotal).toBe(1);
  });

  it('pages a long thread and the conversation list backwards on demand, oldest message first, without a date cap', async () => {
    const t = setup({ messagesPerPage: 100, conversationsPerPage: 2 });
    for (let i = 0; i < 250; i += 1)
      t.store.inbound(ANN_NUMBER, `m${i}`, { ageMs: (250 - i) * 86_400_000, silent: true, read: true });
    t.store.inbound(STONE_NUMBER, 'stone', { ageMs: 1000, silent: true, read: true });
    t.store.inbound(DAN_NUMBER, 'dan', { ageMs: 2000, silent: true, read: true });
    await t.service.start();
    await t.flush();
    expect(t.state().conversations.map((c) => c.lastText)).toEqual(['stone', 'dan']);
    expect(t.state().moreConversations).toBe(true);
    await t.service.loadMoreConversations();
    expect(t.state().conversations.map((c) => c.lastText)).toEqual(['stone', 'dan', 'm249']);
    expect(t.state().moreConversations).toBe(false);
    await t.service.open(t.state().conversations[2]?.id ?? '');
    expect(t.state().thread?.messages).toHaveLength(100);
    expect(t.state().thread?.messages[0]?.text).toBe('m150');
    expect(t.state().thread?.moreOlder).toBe(true);
    await t.service.loadOlder();
    await t.service.loadOlder();
    const thread = t.state().thread;
    expect(thread?.messages).toHaveLength(250);
    expect(thread?.messages[0]?.text).toBe('m0');
    expect(thread?.messages.at(-1)?.text).toBe('m249');
    expect(thread?.moreOlder).toBe(false);
    const untils = t.store.requests
      .filter((r) => r.method === 'listThread')
      .map((r) => (r.request as { until: string }).until);
    expect(new Set(untils).size).toBe(1);
  });

  it('sends the draft once: Send refused while in flight, the draft kept until RingCentral took it, delivery status followed', async () => {
    const t = setup();
    t.store.inbound(ANN_NUMBER, 'Hi', { silent: true, read: true });
    await t.service.start();
    await t.flush();
    await t.service.open(t.state().conversations[0]?.id ?? '');
    await t.flush();
    t.service.setDraft('Your order shipped today');
    expect(t.state().thread).toMatchObject({ blockedReason: null, composition: { segments: 1, encoding: 'GSM-7' } });
    t.store.holdSends();
    const first = t.service.send();
    await t.flush();
    expect(t.state().thread).toMatchObject({
      sending: true,
      blockedReason: { code: 'SENDING', params: [] },
      draft: 'Your order shipped today',
    });
    await t.service.send();
    expect(t.store.count('send')).toBe(1);
    const sent: string[] = [];
    t.service.on('sent', (e) => sent.push(e.message.text));
    t.store.release();
    await first;
    await t.flush();
    expect(t.state().thread).toMatchObject({ sending: false, draft: '', sendError: null });
    expect(sent).toEqual(['Your order shipped today']);
    const id = t.state().thread?.messages.at(-1)?.id ?? '';
    expect(t.state().thread?.messages.at(-1)).toMatchObject({ direction: 'Outbound', status: 'Queued' });
    t.store.setStatus(id, 'Delivered');
    await t.flush();
    expect(t.state().thread?.messages.at(-1)?.status).toBe('Delivered');
    t.store.setStatus(id, 'DeliveryFailed', 'SMS-RC-413');
    await t.flush();
    expect(t.state().thread?.messages.at(-1)).toMatchObject({ status: 'DeliveryFailed', errorCode: 'SMS-RC-413' });
  });

  it('429: keeps the draft and blocks Send until Retry-After has passed; nothing is resent by itself', async () => {
    const t = setup();
    await t.service.start();
    await t.service.openNumber('(650) 555-0101');
    await t.flush();
    t.service.setDraft('Hello');
    t.store.failSend(new MessageStoreError('RATE_LIMITED', 'limited', 'CMN-301', 30));
    await t.service.send();
    expect(t.state().thread).toMatchObject({ draft: 'Hello', retryAt: t.clock.now() + 30_000 });
    expect(t.state().thread?.sendError).toMatchObject({ code: 'SEND_RATE_LIMITED', params: [30] });
    expect(t.state().thread?.sendError?.message).toMatch(/send again in 30 s/);
    expect(t.state().thread?.blockedReason?.message).toMatch(/limiting/);
    t.clock.advance(30_000);
    await t.flush();
    expect(t.state().thread).toMatchObject({ retryAt: null, blockedReason: null, sendError: null });
    expect(t.store.count('send')).toBe(1);
  });

  it('a lost answer (5xx) for a message RingCentral did take is found in the store: sent once, draft cleared', async () => {
    const t = setup();
    await t.service.start();
    await t.service.openNumber(ANN_NUMBER);
    await t.flush();
    t.service.setDraft('Confirmed for 3 pm');
    t.store.acceptThenLoseAnswer(new MessageStoreError('UNAVAILABLE', 'bad gateway'));
    await t.service.send();
    await t.flush();
    expect(t.store.count('send')).toBe(1);
    expect(t.store.all().filter((m) => m.text === 'Confirmed for 3 pm')).toHaveLength(1);
    expect(t.state().thread).toMatchObject({ draft: '', sendError: null });
    expect(t.state().thread?.messages.map((m) => m.text)).toEqual(['Confirmed for 3 pm']);
    expect(t.state().thread?.id).toBe(t.store.conversationIdFor(ANN_NUMBER));
  });

  it('a failure RingCentral did not take keeps the draft and says so; when the store cannot be checked it says it is unknown', async () => {
    const t = setup();
    await t.service.start();
    await t.service.openNumber(ANN_NUMBER);
    await t.flush();
    t.service.setDraft('Ping');
    t.store.failSend(new MessageStoreError('NETWORK', 'offline'));
    await t.service.send();
    expect(t.state().thread).toMatchObject({ draft: 'Ping' });
    expect(t.state().thread?.sendError?.message).toMatch(/did not take the message/);
    t.store.failSend(new MessageStoreError('UNAVAILABLE', 'down'));
    t.store.syncFailures = 1;
    await t.service.send();
    expect(t.state().thread?.sendError?.message).toMatch(/whether the message was sent is not known/);
    t.store.failSend(new MessageStoreError('REFUSED', 'bad', 'MSG-304'));
    await t.service.send();
    expect(t.state().thread?.sendError?.message).toMatch(/longer than 1000/);
    expect(t.state().thread?.draft).toBe('Ping');
    expect(t.store.all()).toHaveLength(0);
  });

  it('consent: an opted-out Contact blocks sending with the reason; several matches block until the agent chooses', async () => {
    const t = setup();
    t.crm.setMatches(ANN_NUMBER, [{ ...ANN, sms: { phoneNumber: null, allowed: false } }]);
    await t.service.start();
    await t.service.openNumber(ANN_NUMBER);
    await t.flush();
    t.service.setDraft('Hi');
    expect(t.state().thread?.blockedReason?.message).toBe(
      'Ann Lee has not agreed to receive text messages (Send SMS is unchecked on the Contact).',
    );
    await t.service.send();
    expect(t.store.count('send')).toBe(0);
    expect(t.state().thread?.sendError?.message).toMatch(/has not agreed/);

    await t.service.openNumber(STONE_NUMBER);
    await t.flush();
    t.service.setDraft('Hi');
    expect(t.state().thread).toMatchObject({ matchState: 'several', name: '(650) 555-0102' });
    expect(t.state().thread?.blockedReason).toMatchObject({ code: 'NOT_AGREED_SEVERAL', params: ['Carla Stone'] });
    expect(t.state().thread?.blockedReason?.message).toMatch(/Several records share this number and Carla Stone/);
    t.service.chooseRecord(BOB.id);
    expect(t.state().thread).toMatchObject({ blockedReason: null, name: 'Bob Stone', recordId: BOB.id });
  });

  it('consent: a Contact with an SMS Number is texted there only; a Lead without SMS facts never blocks', async () => {
    const t = setup();
    t.crm.setMatches(ANN_NUMBER, [{ ...ANN, sms: { phoneNumber: '650-555-0199', allowed: true } }]);
    await t.service.start();
    await t.service.openNumber(ANN_NUMBER);
    await t.flush();
    t.service.setDraft('Hi');
    expect(t.state().thread?.consent).toMatchObject({ allowed: false, useNumber: '+16505550199' });
    await t.service.openNumber(DAN_NUMBER);
    await t.flush();
    t.service.setDraft('Hi');
    expect(t.state().thread?.blockedReason).toBeNull();
  });

  it('a failed match blocks sending with a retry; the retry matches again', async () => {
    const t = setup();
    await t.service.start();
    t.crm.failNext('matchNumbers', 'NETWORK');
    await t.service.openNumber(ANN_NUMBER);
    await t.flush();
    t.service.setDraft('Hi');
    expect(t.state().thread?.blockedReason).toMatchObject({ code: 'CONSENT_UNCHECKED', params: [{ code: 'NETWORK' }] });
    expect(t.state().thread?.blockedReason?.message).toMatch(/Consent could not be checked/);
    t.service.retryMatch();
    await t.flush();
    expect(t.state().thread).toMatchObject({ blockedReason: null, name: 'Ann Lee' });
  });

  it('Send SMS from a record: the record is the conversation’s Who; a number that is no phone number is refused', async () => {
    const t = setup();
    await t.service.start();
    await t.service.openNumber(STONE_NUMBER, { recordId: CARLA.id, objectType: 'Contact', name: 'Carla Stone' });
    await t.flush();
    expect(t.state().thread).toMatchObject({ recordId: CARLA.id, name: 'Carla Stone' });
    t.service.setDraft('Hi');
    expect(t.state().thread?.blockedReason?.message).toMatch(/Carla Stone has not agreed/);
    await expect(t.service.openNumber('call me')).rejects.toThrow(/not a phone number/);
  });

  it('keeps drafts, the sender and the record chosen per number in the agent’s storage across a reload', async () => {
    const kv = new MemoryKeyValueStore();
    const t = setup({ kv });
    await t.service.start();
    await t.service.openNumber(STONE_NUMBER);
    await t.flush();
    t.service.chooseRecord(BOB.id);
    t.service.setDraft('Half-written');
    t.service.dispose();
    const again = setup({ kv });
    await again.service.start();
    await again.service.openNumber(STONE_NUMBER);
    await again.flush();
    expect(again.state().thread).toMatchObject({ draft: 'Half-written', recordId: BOB.id });
    kv.set('softphone.sms.state', '{"drafts": 4}');
    const broken = setup({ kv });
    expect(broken.state().thread).toBeNull();
    expect(kv.get('softphone.sms.state')).toBeNull();
  });

  it('after events were lost (subscription recovered without its buffer) it syncs the changes', async () => {
    const t = setup();
    await t.service.start();
    await t.flush();
    t.store.inbound(BOB.phone === '' ? '' : STONE_NUMBER, 'missed while offline', { silent: true });
    expect(t.state().conversations).toHaveLength(0);
    t.store.emitLost();
    await t.flush();
    expect(t.state().conversations.map((c) => c.lastText)).toEqual(['missed while offline']);
    expect(t.state().unreadTotal).toBe(1);
  });

  it('counts segments: GSM-7 up to 160, UCS-2 for emoji; blank and over-1000-character drafts cannot be sent', async () => {
    const t = setup();
    t.crm.setMatches(ANN_NUMBER, [match({ ...ANN })]);
    await t.service.start();
    await t.service.openNumber(ANN_NUMBER);
    await t.flush();
    t.service.setDraft('a'.repeat(161));
    expect(t.state().thread?.composition).toMatchObject({ encoding: 'GSM-7', segments: 2, length: 161 });
    t.service.setDraft('On my way 🚗');
    expect(t.state().thread?.composition).toMatchObject({ encoding: 'UCS-2', segments: 1, unicodeCharacters: ['🚗'] });
    t.service.setDraft('   ');
    expect(t.state().thread?.blockedReason?.message).toBe('Type a message.');
    t.service.setDraft('x'.repeat(1001));
    expect(t.state().thread?.blockedReason).toMatchObject({ code: 'TEXT_TOO_LONG', params: [1000, 1001] });
    expect(t.state().thread?.blockedReason?.message).toMatch(/at most 1000 characters \(this one has 1001\)/);
  });

  it('lists SMS templates filled for the open conversation’s record, with the search trimmed to 80 characters', async () => {
    const answer: SmsTemplateList = {
      templates: [
        {
          id: 'a01000000000001AAA',
          name: 'Renewal',
          body: 'Hi {FirstName}',
          scope: 'org',
          category: null,
          active: true,
          canEdit: false,
          filled: 'Hi Ann',
          missing: [],
        },
      ],
      canManageOrg: false,
    };
    const list = jest.fn<Promise<SmsTemplateList>, [unknown]>().mockResolvedValue(answer);
    const t = setup({ templates: { list } });
    await t.service.start();
    await t.flush();
    await expect(t.service.listTemplates('')).resolves.toBe(answer);
    expect(list).toHaveBeenLastCalledWith({ recordId: null });
    await t.service.openNumber(ANN_NUMBER);
    await t.flush();
    await t.service.listTemplates(`  ${'r'.repeat(100)}  `);
    expect(list).toHaveBeenLastCalledWith({ search: 'r'.repeat(80), recordId: ANN.id });
    // Several records match and none is chosen: no record fills the placeholders.
    await t.service.openNumber(STONE_NUMBER);
    await t.flush();
    await t.service.listTemplates('renewal');
    expect(list).toHaveBeenLastCalledWith({ search: 'renewal', recordId: null });
  });

  it('a template list that fails rejects with a message to show; without a template gateway it says so', async () => {
    const list = jest.fn().mockRejectedValue(new CrmError('NETWORK', 'Salesforce did not answer'));
    const t = setup({ templates: { list } });
    await t.service.start();
    await t.flush();
    const before = t.state();
    await expect(t.service.listTemplates('x')).rejects.toThrow(
      'Salesforce could not list your SMS templates (Salesforce did not answer). Try again.',
    );
    expect(t.state()).toBe(before);
    await expect(setup().service.listTemplates('x')).rejects.toThrow('SMS templates are not available here.');
  });
});
