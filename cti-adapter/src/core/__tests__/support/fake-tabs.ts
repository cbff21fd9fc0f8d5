import type { TabAttention, TabAttentionPort, TabChannelPort, TabLockPort } from '../../tabs/tab-ports';
import type { Unsubscribe } from '../../support/typed-emitter';

/**
 * A fake browser for the tab ports: one Web Lock with its line of waiting tabs (granted in request order, released
 * when its holder releases or "crashes") and one `BroadcastChannel` bus (delivered to every other open channel,
 * asynchronously, in order, after a structured clone: a value that cannot be cloned throws at `post` as in a browser).
 */
export class FakeTabBrowser {
  private holder: FakeTabLock | null = null;
  private readonly line: { lock: FakeTabLock; grant: (held: boolean) => void }[] = [];
  private readonly channels = new Set<FakeTabChannel>();
  /** Every message posted, for assertions. */
  readonly posted: { from: FakeTabChannel; data: unknown }[] = [];

  lock(): FakeTabLock {
    return new FakeTabLock(this);
  }

  channel(): FakeTabChannel {
    const channel = new FakeTabChannel(this);
    this.channels.add(channel);
    return channel;
  }

  holderOf(): FakeTabLock | null {
    return this.holder;
  }

  /** @internal */
  request(lock: FakeTabLock, wait: boolean): Promise<boolean> {
    if (!this.holder) {
      this.holder = lock;
      return Promise.resolve(true);
    }
    if (!wait) return Promise.resolve(false);
    return new Promise((grant) => this.line.push({ lock, grant }));
  }

  /** @internal */
  drop(lock: FakeTabLock): void {
    const index = this.line.findIndex((entry) => entry.lock === lock);
    if (index >= 0) this.line.splice(index, 1)[0]!.grant(false);
    if (this.holder !== lock) return;
    this.holder = null;
    const next = this.line.shift();
    if (next) {
      this.holder = next.lock;
      next.grant(true);
    }
  }

  /** @internal */
  deliver(from: FakeTabChannel, data: unknown): void {
    const copy = structuredClone(data);
    this.posted.push({ from, data: copy });
    for (const channel of [...this.channels]) {
      if (channel !== from) queueMicrotask(() => channel.receive(copy));
    }
  }

  /** @internal */
  remove(channel: FakeTabChannel): void {
    this.channels.delete(channel);
  }
}

export class FakeTabLock implements TabLockPort {
  constructor(private readonly browser: FakeTabBrowser) {}

  hold(wait: boolean): Promise<boolean> {
    return this.browser.request(this, wait);
  }

  release(): void {
    this.browser.drop(this);
  }
}

export class FakeTabChannel implements TabChannelPort {
  private readonly listeners = new Set<(data: unknown) => void>();
  private open = true;

  constructor(private readonly browser: FakeTabBrowser) {}

  post(message: unknown): void {
    if (!this.open) throw new Error('InvalidStateError: the channel is closed');
    this.browser.deliver(this, message);
  }

  onMessage(listener: (data: unknown) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.open = false;
    this.browser.remove(this);
  }

  /** A tab that crashed: its channel goes silent without a word (the test releases its lock). */
  crash(): void {
    this.close();
  }

  /** @internal */
  receive(data: unknown): void {
    if (!this.open) return;
    for (const listener of [...this.listeners]) listener(data);
  }
}

/** Attention the test sets: `focus()` / `hide()`. */
export class FakeTabAttention implements TabAttentionPort {
  private value: TabAttention;
  private readonly listeners = new Set<(attention: TabAttention) => void>();

  constructor(initial: TabAttention = { visible: true, focusedAt: 0 }) {
    this.value = initial;
  }

  current(): TabAttention {
    return this.value;
  }

  onChange(listener: (attention: TabAttention) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(attention: TabAttention): void {
    this.value = attention;
    for (const listener of [...this.listeners]) listener(attention);
  }
}

/** Lets queued microtasks and promise chains run (the fake channel delivers in microtasks). */
export async function settleTabs(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
}
