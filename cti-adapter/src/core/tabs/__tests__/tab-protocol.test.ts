import { readTabMessage } from '../tab-protocol';

describe('readTabMessage (ADR 0028): a tab acts only on messages of its protocol version and known shape', () => {
  it('reads every known kind of version 1', () => {
    const good = [
      { v: 1, kind: 'hello', from: 'b' },
      { v: 1, kind: 'owner', from: 'a' },
      { v: 1, kind: 'state', from: 'a', seq: 3, state: { phase: 'ready' } },
      { v: 1, kind: 'command', from: 'b', to: 'a', id: 1, name: 'answer', args: ['c1'] },
      { v: 1, kind: 'host-call', from: 'a', to: 'b', id: 2, method: 'screenPop', args: [] },
      { v: 1, kind: 'result', from: 'a', to: 'b', id: 1, ok: true },
      { v: 1, kind: 'result', from: 'a', to: 'b', id: 1, ok: false, error: 'x', reason: 'TAB_NOT_OWNER' },
      { v: 1, kind: 'host-event', from: 'b', event: 'navigation', payload: { recordId: '003X' } },
      { v: 1, kind: 'attention', from: 'b', visible: true, focusedAt: 0 },
      { v: 1, kind: 'sign-in-offer', from: 'a', url: 'https://platform.ringcentral.com/restapi/oauth/authorize?x=1' },
      { v: 1, kind: 'sign-in-offer', from: 'a', url: null },
      { v: 1, kind: 'sign-in', from: 'b', to: 'a', id: 4, code: 'code-1', state: 's' },
      { v: 1, kind: 'messages', from: 'a', seq: 2, state: { status: 'ready', conversations: [] } },
      { v: 1, kind: 'bye', from: 'a' },
    ];
    for (const message of good) expect(readTabMessage(message)).toBe(message);
  });

  it('ignores another version, a missing sender, an unknown kind and foreign data', () => {
    expect(readTabMessage({ v: 2, kind: 'hello', from: 'b' })).toBeNull();
    expect(readTabMessage({ kind: 'hello', from: 'b' })).toBeNull();
    expect(readTabMessage({ v: 1, kind: 'hello', from: '' })).toBeNull();
    expect(readTabMessage({ v: 1, kind: 'proxy', from: 'b', url: '/restapi/v1.0/account/~' })).toBeNull();
    expect(readTabMessage('hello')).toBeNull();
    expect(readTabMessage(null)).toBeNull();
    expect(readTabMessage([1])).toBeNull();
  });

  it('ignores malformed messages of known kinds', () => {
    const bad = [
      { v: 1, kind: 'state', from: 'a', seq: 1.5, state: {} },
      { v: 1, kind: 'command', from: 'b', to: 'a', id: 1, name: 'answer', args: 'c1' },
      { v: 1, kind: 'host-call', from: 'a', to: 'b', id: 2, method: 'eval', args: [] },
      { v: 1, kind: 'result', from: 'a', to: 'b', id: 1 },
      { v: 1, kind: 'result', from: 'a', to: 'b', id: 1, ok: false, reason: 7 },
      { v: 1, kind: 'host-event', from: 'b', event: 'navigation', payload: 'x' },
      { v: 1, kind: 'attention', from: 'b', visible: 'yes', focusedAt: 0 },
      // An offer must be an https authorize page: never a script URL for a popup.
      { v: 1, kind: 'sign-in-offer', from: 'a', url: 'javascript:alert(1)' },
      { v: 1, kind: 'sign-in-offer', from: 'a', url: 'http://platform.ringcentral.com/restapi/oauth/authorize' },
      { v: 1, kind: 'sign-in-offer', from: 'a' },
      { v: 1, kind: 'sign-in', from: 'b', to: 'a', id: 4, code: '', state: 's' },
      { v: 1, kind: 'sign-in', from: 'b', to: 'a', id: 4, code: 'c', state: 7 },
      { v: 1, kind: 'sign-in', from: 'b', id: 4, code: 'c', state: 's' },
      { v: 1, kind: 'messages', from: 'a', seq: 0.5, state: {} },
      { v: 1, kind: 'messages', from: 'a', seq: 1, state: 'ready' },
    ];
    for (const message of bad) expect(readTabMessage(message)).toBeNull();
  });
});
