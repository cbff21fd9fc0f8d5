import { readTabMessage, tabNames, TAB_PROTOCOL_VERSION } from '../tab-protocol';

describe('readTabMessage (ADR 0028)', () => {
  it('reads the messages of this version', () => {
    const state = { v: 1, kind: 'state', from: 'a', seq: 3, state: { phase: 'ready' } };
    expect(readTabMessage(state)).toEqual(state);
    const command = { v: 1, kind: 'command', from: 'b', to: 'a', id: 1, name: 'answer', args: ['c1'] };
    expect(readTabMessage(command)).toEqual(command);
    expect(readTabMessage({ v: 1, kind: 'attention', from: 'b', visible: true, focusedAt: 5 })).not.toBeNull();
  });

  it('ignores other versions, foreign messages and malformed ones', () => {
    for (const data of [
      null,
      'hello',
      [],
      { v: 2, kind: 'hello', from: 'a' },
      { kind: 'hello', from: 'a' },
      { v: 1, kind: 'hello' },
      { v: 1, kind: 'hello', from: '' },
      { v: 1, kind: 'launch', from: 'a' },
      { v: 1, kind: 'state', from: 'a', seq: '1', state: {} },
      { v: 1, kind: 'state', from: 'a', seq: 1, state: null },
      { v: 1, kind: 'command', from: 'a', to: 'b', id: 1.5, name: 'answer', args: [] },
      { v: 1, kind: 'command', from: 'a', to: 'b', id: 1, name: 'answer', args: 'c1' },
      { v: 1, kind: 'host-call', from: 'a', to: 'b', id: 1, method: 'eval', args: [] },
      { v: 1, kind: 'host-event', from: 'a', event: 'click-to-dial', payload: 'x' },
      { v: 1, kind: 'result', from: 'a', to: 'b', id: 1 },
    ]) {
      expect(readTabMessage(data)).toBeNull();
    }
  });

  it('names the lock and the channel per org, user and protocol version', () => {
    const names = tabNames('00D1', '0051');
    expect(names.lock).toContain(`v${TAB_PROTOCOL_VERSION}:00D1:0051`);
    expect(names.channel).toContain('00D1:0051');
    expect(tabNames('00D1', '0052').lock).not.toBe(names.lock);
  });
});
