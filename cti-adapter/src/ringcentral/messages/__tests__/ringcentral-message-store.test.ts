import { TypedEmitter } from '../../../core/support/typed-emitter';
import { RingCentralApiError } from '../../rest/ringcentral-api-error';
import type { RingCentralSubscriptionEventMap } from '../../subscriptions/ringcentral-subscription';
import { FakeApi } from '../../__tests__/support/fake-api';
import { RingCentralMessageStore, toMessageStoreError, toSmsMessage } from '../ringcentral-message-store';

describe('RingCentralMessageStore (fake REST and subscription)', () => {
  function setup() {
    const api = new FakeApi();
    const events = new TypedEmitter<Pick<RingCentralSubscriptionEventMap, 'messages' | 'state'>>();
    const store = new RingCentralMessageStore({ api, events, historyStart: '2020-01-01T00:00:00.000Z' });
    const seen: string[] = [];
    store.on('message', (m) => seen.push(`message ${m.id}`));
    store.on('changed', (c) => seen.push(`changed ${c.newMessageIds.join(',')}`));
    store.on('lost', () => seen.push('lost'));
    return { api, events, store, seen };
  }

  it('passes on inbound instant SMS, SMS change notices and a recovery that lost events; ignores the rest', () => {
    const { events, seen } = setup();
    events.emit('messages', {
      kind: 'instant',
      message: { id: 7, direction: 'Inbound', conversationId: 99, subject: 'hi', from: { phoneNumber: '+1' } },
    });
    events.emit('messages', { kind: 'instant', message: { id: 8, direction: 'Outbound', conversationId: 99 } });
    events.emit('messages', { kind: 'store', changes: [{ type: 'VoiceMail', newCount: 1, newMessageIds: [5] }] });
    events.emit('messages', {
      kind: 'store',
      changes: [{ type: 'SMS', newCount: 1, updatedCount: 1, newMessageIds: [9] }],
    });
    events.emit('state', { state: 'recovered', lostEvents: false });
    events.emit('state', { state: 'recovered', lostEvents: true });
    expect(seen).toEqual(['message 7', 'changed 9', 'lost']);
  });

  it('lists with a fixed dateTo, the history start as dateFrom, SMS only; `more` from the navigation', async () => {
    const { api, store } = setup();
    api.on('GET', '/restapi/v1.0/account/~/extension/~/message-store', () => ({
      records: [
        { id: 1, conversationId: 2, direction: 'Inbound', subject: 'a', creationTime: '2026-12-01T10:00:00.000Z' },
      ],
      navigation: { nextPage: { uri: 'x' } },
    }));
    const page = await store.listThread({
      conversationId: '2',
      page: 3,
      perPage: 5000,
      until: '2026-12-06T00:00:00.000Z',
    });
    expect(page.more).toBe(true);
    expect(api.calls[0]?.query).toEqual({
      messageType: 'SMS',
      conversationId: '2',
      dateFrom: '2020-01-01T00:00:00.000Z',
      dateTo: '2026-12-06T00:00:00.000Z',
      page: 3,
      perPage: 1000,
    });
  });

  it('maps REST failures to the port: no answer → NETWORK (ambiguous), 401 → AUTH, 400 → REFUSED with the platform text', () => {
    expect(toMessageStoreError(new RingCentralApiError('fetch failed', null))).toMatchObject({
      code: 'NETWORK',
      ambiguous: true,
    });
    expect(toMessageStoreError(new RingCentralApiError('expired', 401, 'TokenExpired'))).toMatchObject({
      code: 'AUTH',
    });
    expect(toMessageStoreError(new RingCentralApiError('Text length exceeds', 400, 'MSG-304'))).toMatchObject({
      code: 'REFUSED',
      message: 'Text length exceeds',
      platformCode: 'MSG-304',
      transient: false,
    });
    expect(toMessageStoreError(new Error('boom'))).toMatchObject({ code: 'NETWORK' });
  });

  it('reads a record without status as Received (inbound) / Queued (outbound); one without an id or conversation is no SMS', () => {
    expect(toSmsMessage({ id: 1, conversation: { id: 5 }, direction: 'Inbound' })).toMatchObject({
      conversationId: '5',
      status: 'Received',
      read: true,
      text: '',
    });
    expect(toSmsMessage({ id: 1, conversationId: 5, availability: 'Deleted', readStatus: 'Unread' })).toMatchObject({
      status: 'Queued',
      deleted: true,
      read: false,
    });
    expect(toSmsMessage({ id: 1 })).toBeNull();
  });
});
