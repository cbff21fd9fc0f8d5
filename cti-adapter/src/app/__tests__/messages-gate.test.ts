import { TypedEmitter } from '../../core/support/typed-emitter';
import { DEFAULT_SETTINGS } from '../../core/settings/settings';
import { MemoryKeyValueStore } from '../../core/ports/key-value-store';
import type { RingCentralSubscriptionEventMap } from '../../ringcentral/subscriptions/ringcentral-subscription';
import { MessagesLoader, type MessagesEntry } from '../messages-loader';
import { messagesGate } from '../messages-gate';

type Events = Pick<RingCentralSubscriptionEventMap, 'messages' | 'state'>;

function setup(options: { failImports?: number } = {}) {
  const events = new TypedEmitter<Events>();
  const received: string[] = [];
  const opened: unknown[] = [];
  let loaderImports = 0;
  let failures = options.failImports ?? 0;
  const service = {
    openNumber: async (number: string, context: unknown) => {
      opened.push([number, context]);
      return `new:${number}`;
    },
  };
  const entry: MessagesEntry = {
    startMessagesFeature(deps) {
      deps.events.on('messages', (e) =>
        received.push(e.kind === 'instant' ? `instant ${String(e.message.id)}` : 'store'),
      );
      return { service: service as never, dispose: () => undefined };
    },
  };
  const gate = messagesGate({
    crm: { matchNumbers: async () => [], invoke: async () => ({}) },
    kv: new MemoryKeyValueStore(),
    settings: () => DEFAULT_SETTINGS,
    onUnread: () => undefined,
    importEntry: async () => entry,
    importLoader: async () => {
      loaderImports += 1;
      if (failures > 0) {
        failures -= 1;
        throw new Error('chunk 404');
      }
      return { MessagesLoader };
    },
  });
  const session = { api: {} as never, events };
  return { gate, events, session, received, opened, service, loaderImports: () => loaderImports };
}

describe('messagesGate (the first-paint side of the Messages tab, ADR 0026)', () => {
  it('imports nothing until the session, the tab or a Send SMS needs the loader', () => {
    const t = setup();
    const off = t.gate.access.onShow(() => undefined);
    off();
    t.gate.attach(null);
    expect(t.loaderImports()).toBe(0);
  });

  it('once ready, attaches the session at once: the events from the sign-in on reach the feature, in order', async () => {
    const t = setup();
    await t.gate.ready();
    t.gate.attach(t.session);
    t.events.emit('messages', { kind: 'instant', message: { id: 1 } });
    t.events.emit('messages', { kind: 'store', changes: [] });
    expect(await t.gate.access.load()).toBe(t.service);
    t.events.emit('messages', { kind: 'instant', message: { id: 2 } });
    expect(t.received).toEqual(['instant 1', 'store', 'instant 2']);
    expect(t.loaderImports()).toBe(1);
  });

  it('a session attached before the loader arrived is handed to it when it does', async () => {
    const t = setup();
    t.gate.attach(t.session);
    expect(await t.gate.access.load()).toBe(t.service);
    expect(t.loaderImports()).toBe(1);
  });

  it('opens a thread for a record and asks the app, whose listener came before the loader, to show the tab', async () => {
    const t = setup();
    let shown = 0;
    t.gate.access.onShow(() => (shown += 1));
    t.gate.attach(t.session);
    const context = { recordId: '003000000000001AAA', objectType: 'Contact', name: 'Ann Lee' };
    await expect(t.gate.openThread('(650) 555-0123', context)).resolves.toBe('new:(650) 555-0123');
    expect(t.opened).toEqual([['(650) 555-0123', context]]);
    expect(shown).toBe(1);
  });

  it('a loader chunk that cannot load gives the message to reload and is tried again on the next use', async () => {
    const t = setup({ failImports: 1 });
    t.gate.attach(t.session);
    await expect(t.gate.access.load()).rejects.toThrow(
      'The softphone could not load part of its screen (messages: chunk 404). Reload the page.',
    );
    expect(await t.gate.access.load()).toBe(t.service);
    expect(t.loaderImports()).toBe(2);
  });
});
