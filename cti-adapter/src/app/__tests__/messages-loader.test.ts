import { TypedEmitter } from '../../core/support/typed-emitter';
import { DEFAULT_SETTINGS } from '../../core/settings/settings';
import { MemoryKeyValueStore } from '../../core/ports/key-value-store';
import type { RingCentralSubscriptionEventMap } from '../../ringcentral/subscriptions/ringcentral-subscription';
import type { MessageEventSource } from '../../ringcentral/messages/ringcentral-message-store';
import { MessagesLoader, type MessagesEntry } from '../messages-loader';
import type { MessagesFeature, MessagesFeatureDependencies } from '../messages/messages-entry';

type Events = Pick<RingCentralSubscriptionEventMap, 'messages' | 'state'>;

function setup() {
  const events = new TypedEmitter<Events>();
  const started: MessagesFeatureDependencies[] = [];
  const received: string[] = [];
  let disposed = 0;
  let imports = 0;
  const entry: MessagesEntry = {
    startMessagesFeature(deps) {
      started.push(deps);
      const source: MessageEventSource = deps.events;
      source.on('messages', (e) => received.push(e.kind === 'instant' ? `instant ${String(e.message.id)}` : 'store'));
      source.on('state', (s) => received.push(`state ${s.state}${s.state === 'recovered' ? ` ${s.lostEvents}` : ''}`));
      return { service: null as never, dispose: () => void (disposed += 1) } satisfies MessagesFeature;
    },
  };
  const loader = new MessagesLoader({
    crm: { matchNumbers: async () => [], invoke: async () => ({}) },
    kv: new MemoryKeyValueStore(),
    settings: () => DEFAULT_SETTINGS,
    onUnread: () => undefined,
    importEntry: async () => {
      imports += 1;
      return entry;
    },
  });
  const session = { api: {} as never, events };
  return { events, loader, session, started, received, disposed: () => disposed, imports: () => imports };
}

describe('MessagesLoader (the one lazy boundary of the Messages tab, ADR 0019)', () => {
  it('keeps the message events from the sign-in until the chunk runs, then hands them over in order and forwards live ones', async () => {
    const t = setup();
    t.loader.attach(t.session);
    t.events.emit('messages', { kind: 'instant', message: { id: 1 } });
    t.events.emit('messages', { kind: 'store', changes: [] });
    expect(t.received).toEqual([]);
    await Promise.all([t.loader.load(), t.loader.load()]);
    expect(t.imports()).toBe(1);
    expect(t.received).toEqual(['instant 1', 'store']);
    t.events.emit('messages', { kind: 'instant', message: { id: 2 } });
    expect(t.received).toEqual(['instant 1', 'store', 'instant 2']);
  });

  it('tells the chunk to sync when more events came than it keeps', async () => {
    const t = setup();
    t.loader.attach(t.session);
    for (let i = 0; i < 501; i += 1) t.events.emit('messages', { kind: 'instant', message: { id: i } });
    await t.loader.load();
    expect(t.received[0]).toBe('state recovered true');
    expect(t.received).toHaveLength(501);
    expect(t.received[1]).toBe('instant 1');
  });

  it('stops the feature at sign-out and refuses to load while signed out; a new sign-in starts anew', async () => {
    const t = setup();
    await expect(t.loader.load()).rejects.toThrow(/Sign in to RingCentral/);
    t.loader.attach(t.session);
    await t.loader.load();
    t.loader.attach(null);
    expect(t.disposed()).toBe(1);
    await expect(t.loader.load()).rejects.toThrow(/Sign in/);
    t.loader.attach(t.session);
    await t.loader.load();
    expect(t.started).toHaveLength(2);
  });

  it('a chunk that cannot load is tried again on the next load, with a message to reload', async () => {
    const t = setup();
    let fail = true;
    const loader = new MessagesLoader({
      crm: { matchNumbers: async () => [], invoke: async () => ({}) },
      kv: new MemoryKeyValueStore(),
      settings: () => DEFAULT_SETTINGS,
      onUnread: () => undefined,
      importEntry: async () => {
        if (fail) throw new Error('chunk 404');
        return { startMessagesFeature: () => ({ service: null as never, dispose: () => undefined }) };
      },
    });
    loader.attach(t.session);
    await expect(loader.load()).rejects.toThrow(
      'The softphone could not load part of its screen (messages: chunk 404). Reload the page.',
    );
    fail = false;
    await expect(loader.load()).resolves.toBeDefined();
  });

  it('opens a thread from outside the tab (Send SMS on a record): loads the feature, opens the number with its record, shows the tab', async () => {
    const t = setup();
    const opened: unknown[] = [];
    const service = {
      openNumber: async (number: string, context: unknown) => {
        opened.push([number, context]);
        return 'new:+16505550123';
      },
    };
    const entry: MessagesEntry = {
      startMessagesFeature: () => ({ service: service as never, dispose: () => undefined }),
    };
    const loader = new MessagesLoader({
      crm: { matchNumbers: async () => [], invoke: async () => ({}) },
      kv: new MemoryKeyValueStore(),
      settings: () => DEFAULT_SETTINGS,
      onUnread: () => undefined,
      importEntry: async () => entry,
    });
    const access = loader.access();
    let shown = 0;
    const off = access.onShow(() => (shown += 1));
    await expect(loader.openThread('+16505550123')).rejects.toThrow('Sign in to RingCentral');
    expect(shown).toBe(0);
    loader.attach(t.session);
    const context = { recordId: '003000000000001AAA', objectType: 'Contact', name: 'Ann Lee' };
    await expect(loader.openThread('(650) 555-0123', context)).resolves.toBe('new:+16505550123');
    expect(opened).toEqual([['(650) 555-0123', context]]);
    expect(shown).toBe(1);
    expect(await access.load()).toBe(service);
    // A Messages tab opened before the sign-in's subscription gets the feature once it exists.
    loader.attach(null);
    let loaded: unknown = null;
    void access.load().then((controller) => (loaded = controller));
    await Promise.resolve();
    expect(loaded).toBeNull();
    loader.attach(t.session);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(loaded).toBe(service);
    off();
    await loader.openThread('(650) 555-0123');
    expect(shown).toBe(1);
  });
});
