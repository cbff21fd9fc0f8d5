import { FakeClock } from '../../../core/__tests__/support/fake-clock';
import { FakeCtiHost } from '../../../core/__tests__/support/fake-cti-host';
import {
  FakeTabAttention,
  FakeTabBrowser,
  settleTabs,
  type FakeTabChannel,
  type FakeTabLock,
} from '../../../core/__tests__/support/fake-tabs';
import type { MessagesState, ThreadView } from '../../../core/messaging/messages-state';
import type { SmsThreadRequest } from '../../../core/ports/sms-thread-request-port';
import { TabCoordinator } from '../../../core/tabs/tab-coordinator';
import type { MessagesAccess, MessagesController } from '../../../ui/messages-controller';
import type { SoftphoneController } from '../../../ui/softphone-controller';
import { startEngine } from '../../../core/engine/__tests__/engine-harness';
import { EngineController } from '../../engine-controller';
import { FollowerMessages } from '../follower-messages';
import { startFollowerTab } from '../follower-tab';
import { serveTabs, type SoftphoneTabs } from '../tabs-entry';

const EMPTY: MessagesState = {
  status: 'ready',
  problem: null,
  conversations: [],
  moreConversations: false,
  loadingConversations: false,
  unreadTotal: 0,
  senders: [],
  sender: '+16505550100',
  thread: null,
  unresolved: [],
  autoLog: true,
  notices: [],
};

function thread(id: string, draft = ''): ThreadView {
  return { id, draft, messages: [], name: id } as unknown as ThreadView;
}

/** The owner's Messages feature: records every command; `open` shows the thread; `send` can be held. */
class FakeMessages implements MessagesController {
  state: MessagesState = EMPTY;
  readonly ran: { name: string; args: unknown[] }[] = [];
  readonly viewers = new Set<string>();
  holdSend: Promise<void> | null = null;
  private readonly listeners = new Set<(s: MessagesState) => void>();

  constructor(readonly name = 'owner') {}

  set(next: Partial<MessagesState>): void {
    this.state = { ...this.state, ...next };
    for (const l of [...this.listeners]) l(this.state);
  }
  getState(): MessagesState {
    return this.state;
  }
  subscribe(listener: (s: MessagesState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private record(name: string, args: unknown[]): void {
    this.ran.push({ name, args });
  }
  async loadMoreConversations(): Promise<void> {
    this.record('loadMoreConversations', []);
  }
  async open(id: string): Promise<void> {
    this.record('open', [id]);
    this.set({ thread: thread(id, this.state.thread?.id === id ? this.state.thread.draft : '') });
  }
  async openNumber(number: string, context: unknown = null): Promise<string> {
    this.record('openNumber', [number, context]);
    if (!number.startsWith('+')) throw new Error(`${number} is not a phone number that can receive text messages.`);
    return `new:${number}`;
  }
  close(): void {
    this.record('close', []);
  }
  setViewing(viewing: boolean, viewer = ''): void {
    this.record('setViewing', [viewing, viewer]);
    if (viewing) this.viewers.add(viewer);
    else this.viewers.delete(viewer);
  }
  async loadOlder(): Promise<void> {
    this.record('loadOlder', []);
  }
  setDraft(text: string): void {
    this.record('setDraft', [text]);
    if (this.state.thread) this.set({ thread: { ...this.state.thread, draft: text } });
  }
  chooseSender(n: string): void {
    this.record('chooseSender', [n]);
  }
  chooseRecord(id: string): void {
    this.record('chooseRecord', [id]);
  }
  async logThread(): Promise<void> {
    this.record('logThread', []);
  }
  retryMatch(): void {
    this.record('retryMatch', []);
  }
  async send(): Promise<void> {
    this.record('send', []);
    if (this.holdSend) await this.holdSend;
  }
  async sendAnyway(): Promise<void> {
    this.record('sendAnyway', []);
  }
  saveNote(text: string): void {
    this.record('saveNote', [text]);
  }
  skipNote(): void {
    this.record('skipNote', []);
  }
  dismissNotice(id: number): void {
    this.record('dismissNotice', [id]);
  }
  async listTemplates(search: string) {
    this.record('listTemplates', [search]);
    return { templates: [{ id: 't1', name: 'Hello', body: 'Hi {FirstName}', filled: 'Hi Ann', missing: [] }] } as never;
  }
}

describe('Messages in a follower tab (ADR 0028, fifth amendment)', () => {
  let browser: FakeTabBrowser;
  let clock: FakeClock;

  beforeEach(() => {
    browser = new FakeTabBrowser();
    clock = new FakeClock();
  });

  /** Each tab's lock and channel, to crash it. */
  const parts = new Map<TabCoordinator, { lock: FakeTabLock; channel: FakeTabChannel }>();

  /** The tab's renderer crashes: its channel goes silent and the browser releases its lock. */
  function crash(coordinator: TabCoordinator): void {
    parts.get(coordinator)!.channel.crash();
    parts.get(coordinator)!.lock.release();
  }

  async function tab(id: string): Promise<TabCoordinator> {
    const lock = browser.lock();
    const channel = browser.channel();
    const coordinator = new TabCoordinator({
      lock,
      channel,
      attention: new FakeTabAttention(),
      tabId: id,
      clock,
    });
    parts.set(coordinator, { lock, channel });
    await coordinator.start();
    await settleTabs();
    return coordinator;
  }

  /**
   * An owner tab serving a controller whose Messages feature is `messages` (loaded on first use); `state`: the
   * softphone state it serves (default: a stand-in the tabs only pass along).
   */
  function serve(
    coordinator: TabCoordinator,
    messages: FakeMessages,
    base: Pick<SoftphoneController, 'state' | 'subscribe'> = {
      state: { calls: [] } as never,
      subscribe: () => () => undefined,
    },
  ): { loads: number } {
    const counter = { loads: 0 };
    const access: MessagesAccess = {
      load: async () => {
        counter.loads += 1;
        return messages;
      },
      onShow: () => () => undefined,
    };
    const controller = {
      get state() {
        return base.state;
      },
      subscribe: (listener: never) => base.subscribe(listener),
      messages: access,
    } as unknown as SoftphoneController;
    serveTabs({ coordinator, attention: { touch: () => undefined } } as unknown as SoftphoneTabs, controller, {
      attach: () => undefined,
    } as never);
    return counter;
  }

  function follower(coordinator: TabCoordinator): FollowerMessages {
    const proxy = new FollowerMessages({ coordinator, clock });
    coordinator.follow({
      state: () => undefined,
      hostCall: async () => undefined,
      messages: (state) => proxy.receive(state),
    });
    return proxy;
  }

  it("loads the owner's Messages feature and mirrors its state; commands run in the owner and answer", async () => {
    const a = await tab('a');
    const owned = new FakeMessages();
    owned.set({ conversations: [{ id: 'c1', unread: 2 } as never], unreadTotal: 2 });
    const served = serve(a, owned);
    const b = await tab('b');
    const proxy = follower(b);
    await settleTabs();

    await expect(proxy.load()).resolves.toBe(proxy);
    expect(served.loads).toBe(1);
    expect(proxy.getState().unreadTotal).toBe(2);
    expect(proxy.getState().conversations.map((c) => c.id)).toEqual(['c1']);

    const states: MessagesState[] = [];
    proxy.subscribe((s) => states.push(s));
    await proxy.open('c1');
    await settleTabs();
    expect(owned.ran).toContainEqual({ name: 'open', args: ['c1'] });
    expect(proxy.getState().thread?.id).toBe('c1');
    expect(states.at(-1)?.thread?.id).toBe('c1');

    // A query answers with its value; the owner's refusal reaches the follower as the error to show.
    await expect(proxy.listTemplates('hel')).resolves.toMatchObject({ templates: [{ id: 't1', filled: 'Hi Ann' }] });
    await expect(proxy.openNumber('+16505550101')).resolves.toBe('new:+16505550101');
    await expect(proxy.openNumber('555')).rejects.toThrow('555 is not a phone number that can receive text messages.');
  });

  it("refuses a follower's command with arguments the command does not take, and an unknown one", async () => {
    const a = await tab('a');
    const owned = new FakeMessages();
    serve(a, owned);
    const b = await tab('b');
    follower(b);
    await settleTabs();
    await expect(b.command('messages.open', [42])).rejects.toThrow(/not understood/);
    await expect(b.command('messages.dispose', [])).rejects.toThrow(/Unknown command messages\.dispose/);
    expect(owned.ran.filter((r) => r.name === 'open')).toEqual([]);
  });

  it('each tab showing the Messages tab is a viewer of the one feature; a follower that closes stops viewing', async () => {
    const a = await tab('a');
    const owned = new FakeMessages();
    serve(a, owned);
    const b = await tab('b');
    const proxy = follower(b);
    await settleTabs();
    await proxy.load();
    owned.setViewing(true); // the owner's own panel
    proxy.setViewing(true);
    await settleTabs();
    expect([...owned.viewers].sort()).toEqual(['', 'tab:b']);
    proxy.setViewing(false);
    await settleTabs();
    expect([...owned.viewers]).toEqual(['']);
    proxy.setViewing(true);
    await settleTabs();
    b.close();
    await settleTabs();
    expect([...owned.viewers]).toEqual(['']);
  });

  it('keeps the draft typed in the follower until the owner applied it (no keystroke lost to an echo)', async () => {
    const a = await tab('a');
    const owned = new FakeMessages();
    serve(a, owned);
    const b = await tab('b');
    const proxy = follower(b);
    await settleTabs();
    await proxy.load();
    await proxy.open('c1');
    await settleTabs();
    proxy.setDraft('H');
    proxy.setDraft('He');
    proxy.setDraft('Hel');
    // Before any echo, and while the owner's state still says "H" or "He": what the agent typed.
    expect(proxy.getState().thread?.draft).toBe('Hel');
    await settleTabs();
    expect(owned.ran.filter((r) => r.name === 'setDraft').map((r) => r.args[0])).toEqual(['H', 'He', 'Hel']);
    expect(proxy.getState().thread?.draft).toBe('Hel');
    // A draft changed in the owner (a send cleared it) shows once nothing typed here is in flight.
    owned.set({ thread: thread('c1', '') });
    await settleTabs();
    expect(proxy.getState().thread?.draft).toBe('');
  });

  it('the owner tab goes away during a send: the follower says so and the send is not repeated at the next owner', async () => {
    const a = await tab('a');
    const owned = new FakeMessages();
    owned.holdSend = new Promise<void>(() => undefined); // RingCentral has not answered when the tab goes
    serve(a, owned);
    const b = await tab('b');
    const c = await tab('c');
    const proxy = follower(c);
    b.follow({ state: () => undefined, hostCall: async () => undefined });
    await settleTabs();
    await proxy.load();
    await proxy.open('c1');
    const sending = proxy.send();
    await settleTabs();
    expect(owned.ran.filter((r) => r.name === 'send')).toHaveLength(1);

    a.close(); // the owner's tab closes (`pagehide`): bye, lock released
    await settleTabs();
    expect(b.role).toEqual({ name: 'owner', promoted: true });
    const next = new FakeMessages('next');
    serve(b, next);
    await sending; // never rejects: the failure is a notice
    await settleTabs();
    expect(next.ran.filter((r) => r.name === 'send')).toEqual([]);
    const notice = proxy.getState().notices.find((n) => n.code === 'SMS_TAB_REQUEST_FAILED');
    expect(notice).toMatchObject({ level: 'error', params: [{ message: expect.stringMatching(/closed/) }] });
    // The notice is this tab's: dismissed here, nothing is sent for it.
    proxy.dismissNotice(notice!.id);
    expect(proxy.getState().notices.some((n) => n.code === 'SMS_TAB_REQUEST_FAILED')).toBe(false);
    expect(next.ran.some((r) => r.name === 'dismissNotice')).toBe(false);
  });

  it('after a take-over: a request that may be done twice is sent again to the new owner, whose state the follower then shows', async () => {
    const a = await tab('a');
    const owned = new FakeMessages();
    serve(a, owned);
    const b = await tab('b');
    const c = await tab('c');
    const proxy = follower(c);
    b.follow({ state: () => undefined, hostCall: async () => undefined });
    await settleTabs();
    await proxy.load();
    proxy.setViewing(true);
    await settleTabs();

    // The owner's renderer crashes with a request in flight: no goodbye, no answer; the browser releases its lock.
    parts.get(a)!.channel.crash();
    const opening = proxy.loadOlder();
    await settleTabs();
    parts.get(a)!.lock.release();
    await settleTabs();
    expect(b.role).toEqual({ name: 'owner', promoted: true });
    const next = new FakeMessages('next');
    next.set({ conversations: [{ id: 'c9', unread: 0 } as never] });
    serve(b, next);
    await settleTabs();
    // The owner that crashed never answers: the request times out, then goes to the new owner.
    clock.advance(30_000);
    await settleTabs();
    await opening;
    expect(next.ran.filter((r) => r.name === 'loadOlder')).toHaveLength(1);
    // The follower asked the new owner for its feature and said it shows the Messages tab; it shows the new state.
    expect(next.viewers.has('tab:c')).toBe(true);
    expect(proxy.getState().conversations.map((x) => x.id)).toEqual(['c9']);
    expect(proxy.getState().notices).toEqual([]);
  });

  it('the owner crashes and no new owner serves in time: the request fails with a notice, nothing is sent twice', async () => {
    const a = await tab('a');
    const owned = new FakeMessages();
    serve(a, owned);
    const b = await tab('b'); // next in the lock's line, but it never starts serving (still starting)
    b.follow({ state: () => undefined, hostCall: async () => undefined });
    const c = await tab('c');
    const proxy = new FollowerMessages({ coordinator: c, clock, takeOverWaitMs: 5_000 });
    c.follow({ state: () => undefined, hostCall: async () => undefined, messages: (s) => proxy.receive(s) });
    await settleTabs();
    await proxy.load();
    parts.get(a)!.channel.crash();
    const pending = proxy.open('c1');
    await settleTabs();
    crash(a);
    await settleTabs();
    expect(b.role).toEqual({ name: 'owner', promoted: true });
    clock.advance(30_000); // the crashed owner's answer never comes
    await settleTabs();
    clock.advance(5_000); // nor a new owner's announcement
    await pending;
    expect(proxy.getState().notices.map((n) => n.code)).toEqual(['SMS_TAB_REQUEST_FAILED']);
    expect(proxy.getState().notices[0]!.params).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/did not answer/) }),
    ]);
    expect(owned.ran.filter((r) => r.name === 'open')).toEqual([]);
  });

  it("a follower tab's Messages tab loads its chunk on first use and mirrors the owner", async () => {
    const a = await tab('a');
    const owned = new FakeMessages();
    owned.set({ unreadTotal: 3 });
    const engine = new EngineController({ engine: (await startEngine()).engine });
    serve(a, owned, engine);
    const b = await tab('b');
    let imports = 0;
    const controller = await startFollowerTab({
      coordinator: b,
      host: new FakeCtiHost(),
      importMessages: async () => {
        imports += 1;
        return { FollowerMessages };
      },
    });
    await settleTabs();
    expect(imports).toBe(0);
    const messages = await controller.messages!.load();
    await controller.messages!.load();
    expect(imports).toBe(1);
    expect(messages.getState().unreadTotal).toBe(3);
    owned.set({ unreadTotal: 0 });
    await settleTabs();
    expect(messages.getState().unreadTotal).toBe(0);
  });

  describe("a record's Send SMS in a follower tab (ADR 0028, sixth amendment)", () => {
    /** A Send SMS route as `SmsThreadRouting` gives it: one handler, stopped with the follower. */
    function threads() {
      const route = {
        handler: null as ((request: SmsThreadRequest) => void) | null,
        stopped: 0,
        route(handler: (request: SmsThreadRequest) => void) {
          route.handler = handler;
          return () => {
            if (route.handler === handler) route.handler = null;
          };
        },
        async stop() {
          route.stopped += 1;
        },
      };
      return route;
    }
    const ANN_REQUEST: SmsThreadRequest = {
      number: '+16505550101',
      recordId: '003000000000001AAA',
      recordName: 'Ann Customer',
      objectType: 'Contact',
    };

    it('opens the conversation with the record through the owner, and shows the Messages tab in this tab', async () => {
      const a = await tab('a');
      const owned = new FakeMessages();
      serve(a, owned, new EngineController({ engine: (await startEngine()).engine }));
      const b = await tab('b');
      const route = threads();
      const follower = await startFollowerTab({ coordinator: b, host: new FakeCtiHost(), smsThreads: route });
      let shown = 0;
      follower.messages!.onShow(() => (shown += 1));
      route.handler!(ANN_REQUEST);
      await settleTabs();
      await settleTabs();
      expect(owned.ran.filter((r) => r.name === 'openNumber')).toEqual([
        {
          name: 'openNumber',
          args: ['+16505550101', { recordId: '003000000000001AAA', objectType: 'Contact', name: 'Ann Customer' }],
        },
      ]);
      expect(shown).toBe(1);
    });

    it('a number the owner refuses shows nothing new here and is reported; the tab stays usable', async () => {
      const a = await tab('a');
      const owned = new FakeMessages();
      serve(a, owned, new EngineController({ engine: (await startEngine()).engine }));
      const b = await tab('b');
      const route = threads();
      const follower = await startFollowerTab({ coordinator: b, host: new FakeCtiHost(), smsThreads: route });
      let shown = 0;
      follower.messages!.onShow(() => (shown += 1));
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      route.handler!({ ...ANN_REQUEST, number: '555', recordId: null, recordName: null, objectType: null });
      await settleTabs();
      await settleTabs();
      expect(shown).toBe(0);
      expect(warn).toHaveBeenCalledWith('Send SMS: the thread could not be opened', expect.any(Error));
      warn.mockRestore();
    });

    it('stops with the follower (this tab takes the phone over: its own page extras subscribe then)', async () => {
      const a = await tab('a');
      serve(a, new FakeMessages(), new EngineController({ engine: (await startEngine()).engine }));
      const b = await tab('b');
      const route = threads();
      const follower = await startFollowerTab({ coordinator: b, host: new FakeCtiHost(), smsThreads: route });
      follower.stop();
      expect(route.handler).toBeNull();
      expect(route.stopped).toBe(1);
    });
  });
});
