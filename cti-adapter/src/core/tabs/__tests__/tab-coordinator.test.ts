import { FakeClock } from '../../__tests__/support/fake-clock';
import {
  FakeTabAttention,
  FakeTabBrowser,
  type FakeTabChannel,
  type FakeTabLock,
  settleTabs,
} from '../../__tests__/support/fake-tabs';
import { TypedEmitter } from '../../support/typed-emitter';
import { TabCoordinator, type TabOwnerSource } from '../tab-coordinator';
import type { TabHostMethod } from '../tab-protocol';
import type { TabRole } from '../tab-role';

interface Tab {
  coordinator: TabCoordinator;
  lock: FakeTabLock;
  channel: FakeTabChannel;
  attention: FakeTabAttention;
  roles: TabRole[];
  states: unknown[];
  hostCalls: { method: TabHostMethod; args: readonly unknown[] }[];
}

/** A state source standing in for the engine: a counter and the commands it ran. */
class Source implements TabOwnerSource {
  state = { phase: 'ready', calls: [] as string[] };
  readonly ran: { name: string; args: readonly unknown[] }[] = [];
  readonly hostEvents: { event: string; payload: unknown }[] = [];
  private readonly changes = new TypedEmitter<{ change: void }>();

  snapshot(): unknown {
    return this.state;
  }
  subscribe(listener: () => void): () => void {
    return this.changes.on('change', listener);
  }
  set(state: Source['state']): void {
    this.state = state;
    this.changes.emit('change', undefined);
  }
  async execute(name: string, args: readonly unknown[]): Promise<unknown> {
    this.ran.push({ name, args });
    if (name === 'saveLog') throw new Error('Not saved: the Task is locked');
    if (name === 'answer') this.set({ ...this.state, calls: [] });
    return name === 'logPastCall' ? 'history:1' : undefined;
  }
  hostEvent(event: string, payload: unknown): void {
    this.hostEvents.push({ event, payload });
  }
}

describe('TabCoordinator (ADR 0028)', () => {
  let browser: FakeTabBrowser;
  let clock: FakeClock;

  beforeEach(() => {
    browser = new FakeTabBrowser();
    clock = new FakeClock();
  });

  async function openTab(id: string, attention = new FakeTabAttention()): Promise<Tab> {
    const lock = browser.lock();
    const channel = browser.channel();
    const coordinator = new TabCoordinator({ lock, channel, attention, tabId: id, clock });
    const tab: Tab = { coordinator, lock, channel, attention, roles: [], states: [], hostCalls: [] };
    coordinator.on('role', (role) => tab.roles.push(role));
    await coordinator.start();
    await settleTabs();
    return tab;
  }

  function follow(tab: Tab): void {
    tab.coordinator.follow({
      state: (state) => tab.states.push(state),
      hostCall: async (method, args) => {
        tab.hostCalls.push({ method, args });
        if (method === 'getAppViewInfo') return { recordId: '001A' };
        return undefined;
      },
    });
  }

  it('elects exactly one owner among several tabs; the others follow it', async () => {
    const a = await openTab('a');
    const b = await openTab('b');
    const c = await openTab('c');
    a.coordinator.serve(new Source());
    follow(b);
    follow(c);
    await settleTabs();
    expect(a.coordinator.role).toEqual({ name: 'owner', promoted: false });
    expect(b.coordinator.role).toEqual({ name: 'follower', ownerId: 'a' });
    expect(c.coordinator.role).toEqual({ name: 'follower', ownerId: 'a' });
    expect(browser.holderOf()).toBe(a.lock);
  });

  it('mirrors every state of the owner into each follower, newest last, including to a follower that starts late', async () => {
    const a = await openTab('a');
    const source = new Source();
    a.coordinator.serve(source);
    source.set({ phase: 'ready', calls: ['ringing-1'] });
    const b = await openTab('b');
    follow(b);
    await settleTabs();
    expect(b.states.at(-1)).toEqual({ phase: 'ready', calls: ['ringing-1'] });
    source.set({ phase: 'ready', calls: ['connected-1'] });
    await settleTabs();
    expect(b.states.at(-1)).toEqual({ phase: 'ready', calls: ['connected-1'] });
  });

  it('never applies an older snapshot after a newer one', async () => {
    const a = await openTab('a');
    a.coordinator.serve(new Source());
    const b = await openTab('b');
    follow(b);
    await settleTabs();
    const before = b.states.length;
    // A delayed copy of an old snapshot (seq 1) arriving after newer ones.
    b.channel.receive({ v: 1, kind: 'state', from: 'a', seq: 1, state: { phase: 'old' } });
    expect(b.states.length).toBe(before);
  });

  it("carries out a follower's command in the owner and answers it; the owner's error reaches the follower", async () => {
    const a = await openTab('a');
    const source = new Source();
    a.coordinator.serve(source);
    const b = await openTab('b');
    follow(b);
    await settleTabs();
    await expect(b.coordinator.command('answer', ['c1'])).resolves.toBeUndefined();
    expect(source.ran).toEqual([{ name: 'answer', args: ['c1'] }]);
    await expect(b.coordinator.command('logPastCall', ['r1'])).resolves.toBe('history:1');
    await expect(b.coordinator.command('saveLog', ['c1'])).rejects.toThrow('Not saved: the Task is locked');
  });

  it('rejects a command while no owner is known, and one whose owner never answers', async () => {
    const a = await openTab('a'); // holds the lock but serves nothing yet and never answers
    const b = await openTab('b');
    await expect(b.coordinator.command('answer', ['c1'])).rejects.toThrow(/starting in another tab/);
    b.channel.receive({ v: 1, kind: 'owner', from: 'a' });
    a.channel.crash(); // silent
    const pending = b.coordinator.command('answer', ['c1']);
    clock.advance(30_000);
    await expect(pending).rejects.toThrow(/did not answer/);
  });

  it('promotes the next follower when the owner tab closes; pending commands fail with a message; the others follow the new owner', async () => {
    const a = await openTab('a');
    const source = new Source();
    a.coordinator.serve(source);
    const b = await openTab('b');
    const c = await openTab('c');
    follow(b);
    follow(c);
    await settleTabs();
    // The owner crashes: no goodbye, its lock is released by the browser.
    a.channel.crash();
    const pending = c.coordinator.command('hangup', ['c1']);
    a.lock.release();
    await settleTabs();
    expect(b.coordinator.role).toEqual({ name: 'owner', promoted: true });
    expect(b.roles.at(-1)).toEqual({ name: 'owner', promoted: true });
    const next = new Source();
    next.state = { phase: 'starting', calls: [] };
    b.coordinator.serve(next);
    await settleTabs();
    await expect(pending).rejects.toThrow(/closed\. Try again/);
    expect(c.coordinator.role).toEqual({ name: 'follower', ownerId: 'b' });
    expect(c.states.at(-1)).toEqual({ phase: 'starting', calls: [] });
    await expect(c.coordinator.command('answer', ['c2'])).resolves.toBeUndefined();
    expect(next.ran).toEqual([{ name: 'answer', args: ['c2'] }]);
  });

  it('a closing owner says goodbye: followers stop sending to it until the next owner announces itself', async () => {
    const a = await openTab('a');
    a.coordinator.serve(new Source());
    const b = await openTab('b');
    const c = await openTab('c');
    follow(b);
    follow(c);
    await settleTabs();
    a.coordinator.close();
    await settleTabs();
    expect(browser.holderOf()).toBe(b.lock);
    expect(c.coordinator.role).toEqual({ name: 'follower', ownerId: null });
    b.coordinator.serve(new Source());
    await settleTabs();
    expect(c.coordinator.role).toEqual({ name: 'follower', ownerId: 'b' });
  });

  it("knows which tab the agent looks at: visible before hidden, then the last focused; the owner's own on a tie", async () => {
    const ownerAttention = new FakeTabAttention({ visible: true, focusedAt: 100 });
    const a = await openTab('a', ownerAttention);
    a.coordinator.serve(new Source());
    const bAttention = new FakeTabAttention({ visible: true, focusedAt: 50 });
    const b = await openTab('b', bAttention);
    follow(b);
    await settleTabs();
    expect(a.coordinator.activeTab()).toBe('a');
    bAttention.set({ visible: true, focusedAt: 200 });
    await settleTabs();
    expect(a.coordinator.activeTab()).toBe('b');
    ownerAttention.set({ visible: false, focusedAt: 300 });
    expect(a.coordinator.activeTab()).toBe('b');
    bAttention.set({ visible: false, focusedAt: 200 });
    await settleTabs();
    expect(a.coordinator.activeTab()).toBe('a');
    b.coordinator.close();
    await settleTabs();
    expect(a.coordinator.followers()).toEqual([]);
  });

  it("carries out a host call in the follower's tab and answers it", async () => {
    const a = await openTab('a');
    a.coordinator.serve(new Source());
    const b = await openTab('b');
    follow(b);
    await settleTabs();
    await expect(a.coordinator.callHost('b', 'getAppViewInfo', [])).resolves.toEqual({ recordId: '001A' });
    await a.coordinator.callHost('b', 'screenPop', [{ kind: 'record', recordId: '003X' }]);
    expect(b.hostCalls).toEqual([
      { method: 'getAppViewInfo', args: [] },
      { method: 'screenPop', args: [{ kind: 'record', recordId: '003X' }] },
    ]);
  });

  it("passes a follower's click-to-dial to the owner's source", async () => {
    const a = await openTab('a');
    const source = new Source();
    a.coordinator.serve(source);
    const b = await openTab('b');
    follow(b);
    b.coordinator.sendHostEvent('click-to-dial', { number: '+14155550100', recordId: '003X' });
    await settleTabs();
    expect(source.hostEvents).toEqual([
      { event: 'click-to-dial', payload: { number: '+14155550100', recordId: '003X' } },
    ]);
  });

  it('ignores messages addressed to another tab and foreign data on the channel', async () => {
    const a = await openTab('a');
    const source = new Source();
    a.coordinator.serve(source);
    a.channel.receive({ v: 1, kind: 'command', from: 'b', to: 'z', id: 1, name: 'answer', args: [] });
    a.channel.receive({ hello: 'world' });
    a.channel.receive({ v: 9, kind: 'command', from: 'b', to: 'a', id: 1, name: 'answer', args: [] });
    await settleTabs();
    expect(source.ran).toEqual([]);
  });

  it("offers the owner's sign-in to every follower, also one that starts late, and withdraws it", async () => {
    const a = await openTab('a');
    a.coordinator.serve(new Source());
    const b = await openTab('b');
    follow(b);
    await settleTabs();
    expect(b.coordinator.signInOffer).toBeNull();
    a.coordinator.offerSignIn('https://rc.example/restapi/oauth/authorize?state=s1');
    const c = await openTab('c');
    follow(c);
    await settleTabs();
    expect(b.coordinator.signInOffer).toBe('https://rc.example/restapi/oauth/authorize?state=s1');
    expect(c.coordinator.signInOffer).toBe('https://rc.example/restapi/oauth/authorize?state=s1');
    a.coordinator.offerSignIn(null);
    await settleTabs();
    expect(b.coordinator.signInOffer).toBeNull();
    // Only the current owner's offer counts; a follower never offers.
    b.channel.receive({ v: 1, kind: 'sign-in-offer', from: 'z', url: 'https://evil.example/authorize' });
    expect(b.coordinator.signInOffer).toBeNull();
    b.coordinator.offerSignIn('https://rc.example/x');
    await settleTabs();
    expect(c.coordinator.signInOffer).toBeNull();
  });

  it("hands a follower's authorization response to the owner and answers it; the owner's refusal reaches the follower", async () => {
    const a = await openTab('a');
    const source = new Source();
    const received: [string, string][] = [];
    Object.assign(source, {
      signIn: async (code: string, state: string): Promise<void> => {
        received.push([code, state]);
        if (state !== 's1') throw new Error('RingCentral sign-in returned an unexpected state; please try again');
      },
    });
    a.coordinator.serve(source);
    const b = await openTab('b');
    follow(b);
    await settleTabs();
    await expect(b.coordinator.signIn('code-1', 's1')).resolves.toBeUndefined();
    await expect(b.coordinator.signIn('code-2', 'old')).rejects.toThrow(/unexpected state/);
    expect(received).toEqual([
      ['code-1', 's1'],
      ['code-2', 'old'],
    ]);
  });

  it("forgets the old owner's offer at a take-over (its verifier left with it) and refuses a sign-in without an owner", async () => {
    const a = await openTab('a');
    a.coordinator.serve(new Source());
    a.coordinator.offerSignIn('https://rc.example/restapi/oauth/authorize?state=s1');
    const b = await openTab('b');
    const c = await openTab('c');
    follow(b);
    follow(c);
    await settleTabs();
    expect(c.coordinator.signInOffer).not.toBeNull();
    a.coordinator.close();
    await settleTabs();
    expect(c.coordinator.signInOffer).toBeNull();
    await expect(c.coordinator.signIn('code-1', 's1')).rejects.toThrow(/starting in another tab/);
    b.coordinator.serve(new Source());
    b.coordinator.offerSignIn('https://rc.example/restapi/oauth/authorize?state=s2');
    await settleTabs();
    expect(c.coordinator.signInOffer).toBe('https://rc.example/restapi/oauth/authorize?state=s2');
    // A source without sign-in refuses it.
    await expect(c.coordinator.signIn('code-1', 's2')).rejects.toThrow(/not available here/);
  });

  it("mirrors the owner's Messages state to followers (also one that starts late), never an older one, never another tab's", async () => {
    const a = await openTab('a');
    a.coordinator.serve(new Source());
    a.coordinator.publishMessages({ status: 'ready', unreadTotal: 1 });
    const b = await openTab('b');
    const received: unknown[] = [];
    b.coordinator.follow({
      state: () => undefined,
      hostCall: async () => undefined,
      messages: (state) => received.push(state),
    });
    await settleTabs();
    expect(received).toEqual([{ status: 'ready', unreadTotal: 1 }]);
    a.coordinator.publishMessages({ status: 'ready', unreadTotal: 0 });
    await settleTabs();
    b.channel.receive({ v: 1, kind: 'messages', from: 'a', seq: 1, state: { status: 'old' } });
    b.channel.receive({ v: 1, kind: 'messages', from: 'x', seq: 99, state: { status: 'forged' } });
    expect(received).toEqual([
      { status: 'ready', unreadTotal: 1 },
      { status: 'ready', unreadTotal: 0 },
    ]);
    // A follower does not publish.
    b.coordinator.publishMessages({ status: 'follower' });
    await settleTabs();
    expect(received).toHaveLength(2);
  });

  it('only an owner serves', async () => {
    await openTab('a');
    const b = await openTab('b');
    expect(() => b.coordinator.serve(new Source())).toThrow(/Only the owner/);
  });
});
