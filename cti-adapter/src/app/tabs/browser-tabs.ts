import type { Unsubscribe } from '../../core/support/typed-emitter';
import type { TabAttention, TabAttentionPort, TabChannelPort } from '../../core/tabs/tab-ports';

/** The tabs' channel over `BroadcastChannel` (same origin, same name). @public */
export class BroadcastTabChannel implements TabChannelPort {
  private readonly channel: BroadcastChannel;

  constructor(name: string) {
    this.channel = new BroadcastChannel(name);
  }

  post(message: unknown): void {
    this.channel.postMessage(message);
  }

  onMessage(listener: (data: unknown) => void): Unsubscribe {
    const handler = (event: MessageEvent): void => listener(event.data);
    this.channel.addEventListener('message', handler);
    return () => this.channel.removeEventListener('message', handler);
  }

  close(): void {
    this.channel.close();
  }
}

/**
 * Where the agent looks, from the page: `document.visibilityState` and the last `focus` or `pointerdown` of the
 * softphone's frame or its parent console tab as far as the frame sees it (a visible tab whose console the agent
 * clicks last). A tab that is visible when it starts counts as focused then.
 * @public
 */
export class DocumentTabAttention implements TabAttentionPort {
  private focusedAt: number;
  private readonly touched = new Set<() => void>();

  constructor(
    private readonly doc: Document = document,
    private readonly win: Window = window,
  ) {
    this.focusedAt = doc.visibilityState === 'visible' ? Date.now() : 0;
  }

  current(): TabAttention {
    return { visible: this.doc.visibilityState === 'visible', focusedAt: this.focusedAt };
  }

  /** The agent acted in this tab's console (Open CTI told of a navigation or a click-to-dial). */
  touch(): void {
    this.focusedAt = Date.now();
    for (const notify of [...this.touched]) notify();
  }

  onChange(listener: (attention: TabAttention) => void): Unsubscribe {
    const changed = (): void => listener(this.current());
    this.touched.add(changed);
    const focused = (): void => {
      this.focusedAt = Date.now();
      changed();
    };
    const visibility = (): void => (this.doc.visibilityState === 'visible' ? focused() : changed());
    this.doc.addEventListener('visibilitychange', visibility);
    this.win.addEventListener('focus', focused);
    this.doc.addEventListener('pointerdown', focused, { capture: true });
    return () => {
      this.touched.delete(changed);
      this.doc.removeEventListener('visibilitychange', visibility);
      this.win.removeEventListener('focus', focused);
      this.doc.removeEventListener('pointerdown', focused, { capture: true });
    };
  }
}
