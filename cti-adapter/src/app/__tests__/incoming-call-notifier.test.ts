import { IncomingCallNotifier, type NotificationApi } from '../incoming-call-notifier';
import { callView, softphoneState } from '../../ui/softphone/__tests__/support/softphone-fixtures';

function fakeApi(permission: 'default' | 'granted' | 'denied' = 'granted') {
  const shown: { title: string; body: string; tag: string; closed: boolean; click: () => void }[] = [];
  const api: NotificationApi = {
    permission: () => permission,
    show(title, options, onClick) {
      const entry = { title, ...options, closed: false, click: onClick };
      shown.push(entry);
      return {
        close: () => {
          entry.closed = true;
        },
      };
    },
  };
  return { api, shown };
}

const RINGING = softphoneState({ calls: [callView({ displayName: 'Ann Lee' })] });

describe('IncomingCallNotifier', () => {
  it('notifies a call that starts ringing while the page is hidden, once, and closes it when it stops ringing', () => {
    const { api, shown } = fakeApi();
    const clicked: string[] = [];
    const notifier = new IncomingCallNotifier({ api, isHidden: () => true, onClick: (id) => clicked.push(id) });
    notifier.update(RINGING);
    notifier.update(RINGING);
    expect(shown.map(({ title, body, tag }) => ({ title, body, tag }))).toEqual([
      { title: 'Incoming call', body: 'Ann Lee · (650) 555-0101', tag: 'softphone-call-1' },
    ]);
    shown[0]?.click();
    expect(clicked).toEqual(['call-1']);
    notifier.update(softphoneState({ calls: [callView({ call: { state: 'connected', answeredAt: 1 } })] }));
    expect(shown[0]?.closed).toBe(true);
  });

  it('says "Call waiting" for a call that rings during another, with the call queue', () => {
    const { api, shown } = fakeApi();
    const notifier = new IncomingCallNotifier({ api, isHidden: () => true, onClick: () => undefined });
    notifier.update(
      softphoneState({
        calls: [
          callView({ displayName: 'Dan Brown', call: { callId: 'call-2', queueName: 'Gold Queue' } }),
          callView({ call: { callId: 'call-1', state: 'held', answeredAt: 1 } }),
        ],
      }),
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: 'Call waiting', body: 'Dan Brown · (650) 555-0101 · via Gold Queue' });
  });

  it('shows nothing while the page is visible, when notifications are not allowed, or without the API', () => {
    const visible = fakeApi();
    new IncomingCallNotifier({ api: visible.api, isHidden: () => false, onClick: () => undefined }).update(RINGING);
    const denied = fakeApi('denied');
    new IncomingCallNotifier({ api: denied.api, isHidden: () => true, onClick: () => undefined }).update(RINGING);
    expect([...visible.shown, ...denied.shown]).toEqual([]);
    expect(() =>
      new IncomingCallNotifier({ api: null, isHidden: () => true, onClick: () => undefined }).update(RINGING),
    ).not.toThrow();
  });

  it('a call first rung while visible is not notified later when the agent switches tabs', () => {
    const { api, shown } = fakeApi();
    let hidden = false;
    const notifier = new IncomingCallNotifier({ api, isHidden: () => hidden, onClick: () => undefined });
    notifier.update(RINGING);
    hidden = true;
    notifier.update(RINGING);
    expect(shown).toEqual([]);
  });

  it('a notification the browser refuses to show is no failure', () => {
    const api: NotificationApi = {
      permission: () => 'granted',
      show: () => {
        throw new TypeError('Illegal constructor');
      },
    };
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() =>
      new IncomingCallNotifier({ api, isHidden: () => true, onClick: () => undefined }).update(RINGING),
    ).not.toThrow();
    warn.mockRestore();
  });
});
